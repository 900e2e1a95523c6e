//! Hashing speed: `cargo bench --bench hash` prints MB/s (10⁶ bytes per second) of each algorithm
//! natively in a release build, on 1 MiB, 16 MiB and 64 MiB of random data (median of runs).
//! Timing only prints figures; it never fails.

use std::time::Instant;

use faultlab::checksum::{Algorithm, random_data};

const MIB: usize = 1024 * 1024;

fn main() {
    let data = random_data(64 * MIB, 7).expect("64 MiB is allowed");
    println!(
        "{:<9} {:>10} {:>10} {:>10}   (MB/s, native release build)",
        "algorithm", "1 MiB", "16 MiB", "64 MiB"
    );
    for alg in Algorithm::ALL {
        std::hint::black_box(alg.digest(&data[..MIB])); // warm up caches and branch predictors
        let cells: Vec<String> = [MIB, 16 * MIB, 64 * MIB]
            .iter()
            .map(|&size| {
                let runs = if size < 16 * MIB { 9 } else { 3 };
                let mut secs: Vec<f64> = (0..runs)
                    .map(|_| {
                        let start = Instant::now();
                        std::hint::black_box(alg.digest(std::hint::black_box(&data[..size])));
                        start.elapsed().as_secs_f64()
                    })
                    .collect();
                secs.sort_by(f64::total_cmp);
                format!("{:>10.0}", size as f64 / 1e6 / secs[runs / 2])
            })
            .collect();
        println!("{:<9} {}", alg.name(), cells.join(" "));
    }
}
