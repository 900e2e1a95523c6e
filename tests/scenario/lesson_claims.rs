//! Every lesson's text is a set of claims about its scenario (`scenario::lessons::claims`); each
//! claim holds on a hundred seeds, so no learner meets a run where the text is wrong.

use faultlab::scenario::LESSONS;
use faultlab::scenario::lessons::claims::check;

/// How many seeds each Heartbeats lesson's claims are checked on.
const SEEDS: u64 = 100;

#[test]
fn every_lesson_claim_holds_on_a_hundred_seeds() {
    let mut failures = Vec::new();
    for lesson in LESSONS {
        assert!(
            !lesson.claims.is_empty(),
            "lesson {} claims nothing",
            lesson.number
        );
        let seeds = if lesson.is_heartbeats() { SEEDS } else { 1 };
        for seed in 1..=seeds {
            for (says, why) in check(lesson, seed) {
                failures.push(format!(
                    "lesson {} seed {seed}: “{says}”: {why}",
                    lesson.number
                ));
            }
        }
    }
    let shown: Vec<&String> = failures.iter().take(30).collect();
    assert!(
        failures.is_empty(),
        "{} claims failed:\n{}",
        failures.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Squeezes runs of white space, so a quote may wrap differently from the text.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_claim_quotes_what_its_lesson_says() {
    for lesson in LESSONS {
        let words: Vec<String> = lesson.words().iter().map(|w| squeeze(w)).collect();
        for claim in lesson.claims {
            for part in claim
                .says
                .split('…')
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let part = squeeze(part);
                assert!(
                    words.iter().any(|w| w.contains(&part)),
                    "lesson {}: the claim “{part}” is not in its text",
                    lesson.number
                );
            }
        }
    }
}
