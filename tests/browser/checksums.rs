//! The Checksums tab, driven as a learner would: type, flip a bit in the hex view, corrupt
//! replicas and read, paste an expected digest.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlButtonElement};

use crate::support::*;

async fn open() -> Mounted {
    let app = mount_app("#/checksums").await;
    wait_for_text(&app.root, "h3", "Digests").await;
    app
}

fn digest(root: &Element, name: &str) -> String {
    text(root, &format!("[data-testid=\"digest-{name}\"]"))
}

async fn wait_digest(root: &Element, name: &str, hex: &str) {
    wait_for(root, &format!("the {name} digest {hex}"), || {
        (digest(root, name) == hex).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn typing_hello_shows_its_known_digests() {
    let app = open().await;
    let root = &app.root;
    let area = wait_for(root, "the text box", || query(root, "textarea")).await;
    type_into(&area, "hello");
    wait_digest(root, "MD5", "5d41402abc4b2a76b9719d911017c592").await;
    wait_digest(root, "SHA-1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d").await;
    wait_digest(
        root,
        "SHA-256",
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    )
    .await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "5 bytes").await;
}

#[wasm_bindgen_test]
async fn flipping_one_bit_in_the_hex_view_changes_every_digest_and_flips_about_half_their_bits() {
    let app = open().await;
    let root = &app.root;
    wait_for(root, "the first digests", || {
        (!digest(root, "MD5").contains("computing")).then_some(())
    })
    .await;
    click_labelled(root, "Hex").await;
    let byte = wait_for(root, "byte 0 in the hex view", || {
        query(root, ".hex-grid button[data-offset=\"0\"]")
    })
    .await;
    click(&byte);
    let bit = wait_for(root, "bit 0 of byte 0", || {
        query_all(root, ".bit-editor button.bit")
            .into_iter()
            .find(|b| {
                b.get_attribute("aria-label")
                    .is_some_and(|l| l.starts_with("bit 0 of byte 0"))
            })
    })
    .await;
    click(&bit);
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "flipped bit 0 of byte 0",
    )
    .await;
    for name in ["MD5", "SHA-1", "SHA-256", "SHA-512", "CRC32C"] {
        let row = format!("tr[data-algorithm=\"{name}\"]");
        wait_for(root, &format!("{name} to say changed"), || {
            (text(root, &format!("{row} td.verdict")) == "changed").then_some(())
        })
        .await;
        // Each bit is one square ("M x y h6v6h-6z") in the path of its kind.
        let squares = |kind: &str| {
            query(root, &format!("{row} svg.bit-grid path.{kind}"))
                .and_then(|p| p.get_attribute("d"))
                .map_or(0, |d| d.matches('M').count())
        };
        let flipped = squares("bit-flipped");
        let total = flipped + squares("bit-same");
        assert_eq!(
            total,
            expected_bits(name),
            "{name}: a square per digest bit"
        );
        assert!(flipped > 0, "{name}: the grid shows flipped bits");
        if name != "CRC32C" {
            assert!(
                flipped * 4 > total && flipped * 4 < total * 3,
                "{name}: {flipped} of {total} bits flipped, about half"
            );
        }
    }
    assert!(
        query(root, ".hex-grid button.byte.differs").is_some(),
        "the changed byte stands out"
    );
}

/// How many bits a digest of `name` has.
fn expected_bits(name: &str) -> usize {
    match name {
        "MD5" => 128,
        "SHA-1" => 160,
        "SHA-256" => 256,
        "SHA-512" => 512,
        _ => 32,
    }
}

async fn write(root: &Element) {
    click_labelled(root, "Write the data (43 bytes)").await;
    wait_for_text(root, "ol.write-lines", "replica").await;
}

async fn corrupt_at_rest(root: &Element, replica: u32) {
    let button = wait_for(root, &format!("replica {replica}'s at-rest button"), || {
        query_all(
            root,
            &format!("li.replica[data-replica=\"{replica}\"] button"),
        )
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default() == "Corrupt at rest")
    })
    .await;
    click(&button);
    let said = wait_for_text(
        root,
        "[data-testid=\"store-status\"]",
        &format!("Disk fault at rest on replica {replica}: flipped"),
    )
    .await;
    let said = said.text_content().unwrap_or_default();
    assert_eq!(
        said.matches("replica").count(),
        1,
        "the replica is named once: {said}"
    );
}

#[wasm_bindgen_test]
async fn a_replica_corrupted_at_rest_fails_its_check_and_the_read_returns_the_next_replica() {
    let app = open().await;
    let root = &app.root;
    write(root).await;
    corrupt_at_rest(root, 1).await;
    click_labelled(root, "Read").await;
    let result = wait_for_text(root, "[data-testid=\"read-result\"]", "Read returned").await;
    let text = result.text_content().unwrap();
    assert!(text.contains("from replica 2"), "{text}");
    let first = query(root, "[data-testid=\"read-result\"] ol.steps li").unwrap();
    assert!(
        first.class_name().contains("step-bad"),
        "the first step is a mismatch"
    );
    assert!(
        first.text_content().unwrap().contains("replica 1"),
        "{:?}",
        first.text_content()
    );
    // New damage makes that read out of date: it goes, rather than vouch for replica 2 beside it.
    corrupt_at_rest(root, 2).await;
    assert!(query(root, "[data-testid=\"read-result\"]").is_none());
    // A new store says it starts empty.
    change(root, ".store-settings select", "5").await;
    wait_for_text(
        root,
        "[data-testid=\"store-status\"]",
        "A new store: 5 replicas with CRC32C, empty until you write the data again.",
    )
    .await;
    assert_eq!(query_all(root, "li.replica").len(), 5);
}

#[wasm_bindgen_test]
async fn when_every_replica_is_bad_the_read_returns_an_explicit_error() {
    let app = open().await;
    let root = &app.root;
    write(root).await;
    for r in 1..=3 {
        corrupt_at_rest(root, r).await;
    }
    click_labelled(root, "Read").await;
    let error = wait_for_text(
        root,
        "[data-testid=\"read-result\"] [role=alert]",
        "Read failed",
    )
    .await;
    let error = error.text_content().unwrap();
    assert_eq!(
        error,
        "Read failed: all 3 replicas failed the check, so the read returns this error instead of corrupted data."
    );
    assert!(
        !text(root, "[data-testid=\"last-change\"]").contains("Disk fault"),
        "store messages stay in the store panel"
    );
    assert_eq!(
        query_all(root, "[data-testid=\"read-result\"] ol.steps li.step-bad").len(),
        3
    );
}

#[wasm_bindgen_test]
async fn a_wrong_expected_digest_is_reported_as_a_mismatch_and_garbage_as_not_a_digest() {
    let app = open().await;
    let root = &app.root;
    wait_for(root, "the first digests", || {
        (!digest(root, "SHA-256").contains("computing")).then_some(())
    })
    .await;
    let input = wait_for(root, "the expected digest box", || {
        query(root, ".expected input")
    })
    .await;
    type_into(&input, &"ab".repeat(32));
    wait_for_text(
        root,
        "[data-testid=\"expected-result\"]",
        "Mismatch: the data's SHA-256 digest differs",
    )
    .await;
    let right = digest(root, "SHA-256");
    type_into(&input, &right.to_uppercase());
    wait_for_text(root, "[data-testid=\"expected-result\"]", "Match").await;
    type_into(&input, "xyz");
    wait_for_text(root, "[data-testid=\"expected-result\"]", "Not a digest").await;
}

/// The replica's button, found by its accessible name.
fn named_button(root: &Element, name: &str) -> Option<Element> {
    query(root, &format!("button[aria-label=\"{name}\"]"))
}

#[wasm_bindgen_test]
async fn a_memory_fault_caught_end_to_end_is_never_blamed_on_the_wire() {
    let app = open().await;
    let root = &app.root;
    click_labelled(root, "Corrupt in memory before the checksum (next write)").await;
    wait_for_text(
        root,
        "[data-testid=\"store-status\"]",
        "Memory fault armed for the next write",
    )
    .await;
    write(root).await;
    let end_to_end = store_switch(root, "end-to-end check").await;
    click(&end_to_end);
    click_labelled(root, "Read").await;
    wait_for_text(
        root,
        "[data-testid=\"read-result\"] [role=alert]",
        "Read failed",
    )
    .await;
    let truths = query_all(root, "[data-testid=\"replica-truth\"]");
    assert_eq!(truths.len(), 3, "every replica says what is true of it");
    for t in truths {
        let said = t.text_content().unwrap_or_default();
        assert!(
            said.contains("damaged in memory before its checksum was computed"),
            "{said}"
        );
        assert!(!said.contains("wire") && !said.contains("intact"), "{said}");
    }
}

#[wasm_bindgen_test]
async fn damage_on_the_wire_is_told_apart_from_damage_on_disk() {
    let app = open().await;
    let root = &app.root;
    write(root).await;
    corrupt_at_rest(root, 1).await;
    let transit = wait_for(root, "replica 2's in-transit button", || {
        named_button(root, "Corrupt in transit from replica 2")
    })
    .await;
    click(&transit);
    wait_for_text(
        root,
        "[data-testid=\"store-status\"]",
        "Network fault armed on replica 2",
    )
    .await;
    click_labelled(root, "Read").await;
    wait_for_text(root, "[data-testid=\"read-result\"]", "from replica 3").await;
    let truth = |r: u32| {
        text(
            root,
            &format!("li.replica[data-replica=\"{r}\"] [data-testid=\"replica-truth\"]"),
        )
    };
    assert_eq!(
        truth(1),
        "truth: its stored data is damaged on disk (disk fault); byte 36 is 0x21 where 0x61 was written"
    );
    assert_eq!(
        truth(2),
        "truth: its stored data is intact; the damage happened on the wire (network fault)"
    );
    assert_eq!(truth(3), "");
}

#[wasm_bindgen_test]
async fn every_button_on_the_tab_has_its_own_accessible_name() {
    let app = open().await;
    let root = &app.root;
    write(root).await;
    let mut names: Vec<String> = query_all(root, "button")
        .into_iter()
        .map(|b| {
            b.get_attribute("aria-label")
                .unwrap_or_else(|| b.text_content().unwrap_or_default().trim().to_string())
        })
        .collect();
    names.sort();
    let dupes: Vec<&String> = names
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(dupes.is_empty(), "repeated button names: {dupes:?}");
    assert!(names.iter().any(|n| n == "Corrupt at rest on replica 3"));
    click_labelled(root, "Hex").await;
    let grid = wait_for(root, "the hex view", || query(root, ".hex-grid")).await;
    assert_ne!(grid.get_attribute("role").as_deref(), Some("grid"));
    assert!(
        query(root, ".hex-grid [role=row]").is_none(),
        "no rows without grid cells"
    );
}

#[wasm_bindgen_test]
async fn text_with_windows_line_endings_is_shown_as_hex_and_keeps_its_carriage_returns() {
    use faultlab::scenario::{ChecksumsScenario, DataSource, Scenario, encode};
    let scenario = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("line 1\r\nline 2\r\n".into()),
        steps: Vec::new(),
        show_truth: true,
        expected: String::new(),
    });
    let app = mount_app(&format!("#/checksums?s={}", encode(&scenario).unwrap())).await;
    let root = &app.root;
    wait_for_text(root, "[data-testid=\"text-refusal\"]", "carriage return").await;
    assert!(
        query(root, "textarea").is_none(),
        "no text box to lose the \\r in"
    );
    let cr = wait_for(root, "byte 6 in the hex view", || {
        query(root, ".hex-grid button[data-offset=\"6\"]")
    })
    .await;
    assert_eq!(cr.text_content().unwrap().trim(), "0d");
    let text_button = query_all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default() == "Text")
        .unwrap();
    assert!(
        text_button
            .dyn_into::<HtmlButtonElement>()
            .unwrap()
            .disabled()
    );
    assert!(text(root, "[data-testid=\"data-size\"]").starts_with("16 bytes"));
}

#[wasm_bindgen_test]
async fn a_paste_too_large_for_the_text_box_is_kept_whole_and_shown_as_hex() {
    let app = open().await;
    let root = &app.root;
    let area = wait_for(root, "the text box", || query(root, "textarea")).await;
    type_into(&area, &"x".repeat(2_000_000));
    wait_for_text(
        root,
        "[data-testid=\"text-refusal\"]",
        "more than the text box holds",
    )
    .await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "2,000,000 bytes").await;
    wait_for(root, "the hex view", || {
        query(root, ".hex-grid button[data-offset=\"255\"]")
    })
    .await;
    click_labelled(root, "Undo").await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "43 bytes").await;
    let text_button = query_all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default() == "Text")
        .unwrap();
    assert!(
        !text_button
            .dyn_into::<HtmlButtonElement>()
            .unwrap()
            .disabled(),
        "the sample is text again"
    );
    assert!(query(root, "[data-testid=\"text-refusal\"]").is_none());
}

#[wasm_bindgen_test]
async fn byte_values_are_hex_as_in_the_hex_view() {
    let app = open().await;
    let root = &app.root;
    let value = wait_for(root, "the overwrite value box", || {
        named_input(root, "New byte value in hex, 00 to ff")
    })
    .await;
    // Clicked at once: the button reads the box when clicked, not at the last redraw.
    type_into(&value, "41");
    click_labelled(root, "Overwrite byte").await;
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "overwrote byte 0: 0x54 → 0x41",
    )
    .await;
    type_into(&value, "300");
    click_labelled(root, "Overwrite byte").await;
    wait_for_text(root, ".notice", "a byte is 00–ff").await;
}

/// The store's check box labelled with `label` ("read repair", "end-to-end check").
async fn store_switch(root: &Element, label: &str) -> Element {
    wait_for(root, &format!("the {label} box"), || {
        query_all(root, ".store-settings label")
            .into_iter()
            .find(|l| l.text_content().unwrap_or_default().contains(label))
            .and_then(|l| query(&l, "input"))
    })
    .await
}

/// Fills the Generate form with `size` of `unit` bytes, waits until it reads `bytes`, and presses
/// Generate.
async fn generate(root: &Element, size: &str, unit: usize, bytes: usize) {
    let size_box = wait_for(root, "the size box", || named_input(root, "Size")).await;
    type_into(&size_box, size);
    change(root, "select[aria-label=\"Unit\"]", &unit.to_string()).await;
    wait_for(root, &format!("the form to take {bytes} bytes"), || {
        query(root, &format!("form.generate[data-bytes=\"{bytes}\"]"))
    })
    .await;
    click_labelled(root, "Generate").await;
}

fn named_input(root: &Element, name: &str) -> Option<Element> {
    query(root, &format!("input[aria-label=\"{name}\"]"))
}

/// Marking as good while 512 KiB is still being hashed, then flipping a bit at once: the good copy
/// still gets its own digests, so every row says "changed" (it used to stay "…" forever).
#[wasm_bindgen_test]
async fn a_good_copy_marked_while_hashing_still_gets_compared() {
    let app = open().await;
    let root = &app.root;
    wait_for(root, "the first digests", || {
        (!digest(root, "MD5").contains("computing")).then_some(())
    })
    .await;
    generate(root, "512", 1024, 524_288).await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "524,288 bytes").await;
    // The race, in one go: still hashing when the good copy is taken and the data changes.
    assert!(
        digest(root, "SHA-512").contains("computing"),
        "the test needs the data still being hashed"
    );
    click_labelled(root, "Mark as good").await;
    click_labelled(root, "Flip a random bit").await;
    for name in ["MD5", "SHA-1", "SHA-256", "SHA-512", "CRC32C"] {
        let row = format!("tr[data-algorithm=\"{name}\"] td.verdict");
        wait_for(root, &format!("{name} to say changed"), || {
            (text(root, &row) == "changed").then_some(())
        })
        .await;
    }
}

// ----- Issue 10, items 9–16 -----

const SAMPLE: &str = "The quick brown fox jumps over the lazy dog";

async fn wait_first_digests(root: &Element) {
    wait_for(root, "the first digests", || {
        (!digest(root, "SHA-512").contains("computing")).then_some(())
    })
    .await;
}

/// Item 10: a base64 digest is read, the page says how it read it, and a value of another
/// algorithm with the same length is not called proof that the data changed.
#[wasm_bindgen_test]
async fn a_base64_digest_is_read_and_the_page_says_how_it_read_it() {
    use base64::Engine as _;
    use faultlab::checksum::Algorithm;
    let app = open().await;
    let root = &app.root;
    wait_first_digests(root).await;
    let input = wait_for(root, "the expected digest box", || {
        query(root, ".expected input")
    })
    .await;
    let sri = format!(
        "sha512-{}",
        base64::engine::general_purpose::STANDARD
            .encode(Algorithm::Sha512.digest(SAMPLE.as_bytes()))
    );
    type_into(&input, &sri);
    wait_for_text(
        root,
        "[data-testid=\"expected-reading\"]",
        "Read as base64 (Subresource Integrity), SHA-512",
    )
    .await;
    wait_for_text(root, "[data-testid=\"expected-result\"]", "Match").await;
    // The CRC-32/IEEE of the sample (as zip and gzip compute it), taken for a CRC32C.
    type_into(&input, "414fa339");
    let said = wait_for_text(
        root,
        "[data-testid=\"expected-result\"]",
        "If the published value is CRC32C, the data is not what was published",
    )
    .await;
    assert!(
        said.text_content().unwrap().contains("CRC-32/IEEE"),
        "names the same-length alternative"
    );
}

/// Item 13: where bits are flipped the page says which end bit 0 is; a match on the read path
/// says what it shows for the store's algorithm rather than "valid".
#[wasm_bindgen_test]
async fn bit_0_is_named_the_least_significant_and_a_crc_match_does_not_overclaim() {
    let app = open().await;
    let root = &app.root;
    wait_for_text(root, ".corrupt-panel", "bit 0 is the least significant").await;
    click_labelled(root, "Hex").await;
    let byte = wait_for(root, "byte 0 in the hex view", || {
        query(root, ".hex-grid button[data-offset=\"0\"]")
    })
    .await;
    click(&byte);
    wait_for_text(root, ".bit-editor", "bit 0 is the least significant").await;
    let store = text(root, "section.store");
    assert!(!store.contains("the data is valid"), "{store}");
    write(root).await;
    click_labelled(root, "Read").await;
    let result = wait_for_text(root, "[data-testid=\"read-result\"]", "Read returned").await;
    let said = result.text_content().unwrap();
    assert!(
        said.contains("anyone can craft a change that passes a CRC"),
        "a CRC32C match says what it does not show: {said}"
    );
}

/// Item 11: a damaged stored checksum makes the read report a mismatch although the data is
/// intact; the read tries the next replica, the truth says it was a false alarm, and read repair
/// restores the checksum.
#[wasm_bindgen_test]
async fn a_damaged_stored_checksum_is_a_false_alarm_that_read_repair_fixes() {
    let app = open().await;
    let root = &app.root;
    write(root).await;
    let button = wait_for(root, "replica 1's checksum button", || {
        named_button(root, "Corrupt checksum of replica 1")
    })
    .await;
    click(&button);
    wait_for_text(
        root,
        "[data-testid=\"store-status\"]",
        "Stored checksum of replica 1 damaged",
    )
    .await;
    let card_truth = |r: u32| {
        text(
            root,
            &format!("li.replica[data-replica=\"{r}\"] [data-testid=\"replica-truth\"]"),
        )
    };
    assert!(
        card_truth(1).contains("its stored checksum is damaged; its data is intact"),
        "{}",
        card_truth(1)
    );
    click_labelled(root, "Read").await;
    wait_for_text(root, "[data-testid=\"read-result\"]", "from replica 2").await;
    let first = query(root, "[data-testid=\"read-result\"] ol.steps li").unwrap();
    let said = first.text_content().unwrap();
    assert!(first.class_name().contains("step-bad"), "{said}");
    assert!(said.contains("mismatch"), "{said}");
    assert!(
        said.contains("the bytes read are exactly what was written")
            && said.contains("stored checksum")
            && said.contains("false alarm"),
        "the truth says which side was damaged: {said}"
    );
    // Read repair rewrites replica 1's data and checksum from replica 2.
    let repair = store_switch(root, "read repair").await;
    click(&repair);
    click_labelled(root, "Read").await;
    wait_for_text(
        root,
        "[data-testid=\"read-result\"]",
        "Read repair rewrote replica 1",
    )
    .await;
    assert_eq!(
        card_truth(1),
        "",
        "nothing is wrong with replica 1 any more"
    );
    let stored = |r: u32| {
        text(
            root,
            &format!("li.replica[data-replica=\"{r}\"] p.mono:not(.preview)"),
        )
    };
    assert_eq!(stored(1), stored(2));
}

/// Item 15: an armed network fault says on which read it fires, and a read that stops before
/// the armed replica says the fault is still waiting.
#[wasm_bindgen_test]
async fn an_armed_network_fault_says_when_it_fires_and_each_read_that_misses_it_says_so() {
    let app = open().await;
    let root = &app.root;
    write(root).await;
    let transit = wait_for(root, "replica 2's in-transit button", || {
        named_button(root, "Corrupt in transit from replica 2")
    })
    .await;
    click(&transit);
    wait_for_text(
        root,
        "li.replica[data-replica=\"2\"]",
        "fires on the next read that reaches replica 2",
    )
    .await;
    for _ in 0..2 {
        click_labelled(root, "Read").await;
        wait_for_text(
            root,
            "[data-testid=\"read-result\"]",
            "Replica 2's armed network fault is still waiting: this read stopped at replica 1",
        )
        .await;
    }
    corrupt_at_rest(root, 1).await;
    click_labelled(root, "Read").await;
    let result = wait_for_text(root, "[data-testid=\"read-result\"]", "from replica 3").await;
    let said = result.text_content().unwrap();
    assert!(said.contains("network fault in transit"), "{said}");
    assert!(!said.contains("still waiting"), "{said}");
    assert!(
        !text(root, "li.replica[data-replica=\"2\"]").contains("armed"),
        "the fault fired, so it is no longer armed"
    );
}

/// Item 16: after Undo of a restored bit flip the status describes the data the page shows (the flipped
/// text), not the step that was undone.
#[wasm_bindgen_test]
async fn undo_after_the_flipped_bit_describes_the_data_the_page_shows() {
    use faultlab::checksum::{Algorithm, Corruption, StoreConfig};
    use faultlab::scenario::{ChecksumStep, ChecksumsScenario, DataSource, Scenario, encode};
    // Lesson 9 as it used to open: a bit flipped and restored, written, damaged on disk, read.
    let scenario = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("Pay Alice 100 euros".into()),
        steps: vec![
            ChecksumStep::Corrupt(Corruption::FlipBit { byte: 10, bit: 0 }),
            ChecksumStep::RestoreGood,
            ChecksumStep::Store(StoreConfig {
                replicas: 1,
                algorithm: Algorithm::Sha256,
                read_repair: false,
                end_to_end: false,
            }),
            ChecksumStep::Write,
            ChecksumStep::CorruptAtRest(0),
            ChecksumStep::Read,
        ],
        show_truth: true,
        expected: String::new(),
    });
    let app = mount_app(&format!("#/checksums?s={}", encode(&scenario).unwrap())).await;
    let root = &app.root;
    wait_for_text(root, "[data-testid=\"read-result\"]", "Read failed").await;
    click_labelled(root, "Undo").await;
    let said = wait_for_text(root, "[data-testid=\"last-change\"]", "Undid").await;
    let said = said.text_content().unwrap();
    assert!(!said.contains("all 19 bytes match"), "{said}");
    assert!(
        said.contains(
            "1 byte differs from the good copy: byte 10 is 0x30 where the good copy has 0x31"
        ),
        "{said}"
    );
    wait_for(root, "the flipped text in the text box", || {
        query(root, "textarea")
            .and_then(|a| a.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .filter(|a| a.value() == "Pay Alice 000 euros")
    })
    .await;
    click_labelled(root, "Redo").await;
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "the data equals the good copy",
    )
    .await;
}

/// A link replays to where its maker left off, the store's note included, and the page goes on
/// from there: a switch keeps the note, a read replaces it with its own report.
#[wasm_bindgen_test]
async fn a_replayed_link_ends_with_what_the_store_said_last() {
    use faultlab::checksum::StoreConfig;
    use faultlab::scenario::{ChecksumStep, ChecksumsScenario, DataSource, Scenario, encode};
    let scenario = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("start".into()),
        steps: vec![
            ChecksumStep::Replace(DataSource::Text("Pay Alice 100 euros".into())),
            ChecksumStep::Store(StoreConfig {
                replicas: 1,
                ..StoreConfig::default()
            }),
            ChecksumStep::Write,
            ChecksumStep::CorruptAtRest(0),
        ],
        show_truth: true,
        expected: String::new(),
    });
    let app = mount_app(&format!("#/checksums?s={}", encode(&scenario).unwrap())).await;
    let root = &app.root;
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "Replayed 4 recorded steps.",
    )
    .await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "19 bytes").await;
    wait_for_text(
        root,
        "[data-testid=\"store-status\"]",
        "Disk fault at rest on replica 1: flipped",
    )
    .await;
    let repair = store_switch(root, "read repair").await;
    click(&repair);
    frames(2).await;
    assert!(
        text(root, "[data-testid=\"store-status\"]").contains("Disk fault at rest on replica 1"),
        "a switch keeps what the store said"
    );
    click_labelled(root, "Read").await;
    wait_for_text(root, "[data-testid=\"read-result\"]", "Read failed").await;
    assert!(
        !text(root, "[data-testid=\"store-status\"]").contains("Disk fault"),
        "the read shows its own report instead"
    );
}

/// Pastes `text` into `area` over its characters `start..end`, as the browser's paste does:
/// returns whether the page took the paste over (prevented the browser's own).
fn paste(area: &Element, start: u32, end: u32, text: &str) -> bool {
    let area = area.dyn_ref::<web_sys::HtmlTextAreaElement>().unwrap();
    area.set_selection_range(start, end).unwrap();
    let make = js_sys::Function::new_with_args(
        "text",
        "const d = new DataTransfer(); d.setData('text/plain', text); \
         return new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true });",
    );
    let event = make
        .call1(&wasm_bindgen::JsValue::NULL, &text.into())
        .unwrap()
        .unchecked_into::<web_sys::Event>();
    !area.dispatch_event(&event).unwrap()
}

/// The text box, once it holds the example text (43 bytes).
async fn text_box_with_the_example(root: &Element) -> Element {
    let area = wait_for(root, "the text box", || query(root, "textarea")).await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "43 bytes").await;
    area
}

#[wasm_bindgen_test]
async fn a_large_paste_replaces_the_selection_straight_in_the_data_and_a_small_one_is_the_boxs() {
    let app = open().await;
    let root = &app.root;
    let area = text_box_with_the_example(root).await;
    assert!(
        !paste(&area, 0, 0, "small "),
        "a small paste is left to the text box"
    );
    // "The quick brown fox…": 80,000 bytes (40,000 characters) in place of "quick".
    let big = "é".repeat(40_000);
    assert!(paste(&area, 4, 9, &big), "a large paste is the page's");
    wait_for_text(root, "[data-testid=\"data-size\"]", "80,038 bytes").await;
    let area = wait_for(root, "the text box again", || query(root, "textarea")).await;
    let shown = area
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .unwrap()
        .value();
    assert!(shown.starts_with("The éé"), "{}", &shown[..20]);
    assert!(shown.ends_with("é brown fox jumps over the lazy dog"));
    click_labelled(root, "Undo").await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "43 bytes").await;
}

#[wasm_bindgen_test]
async fn a_paste_copied_in_parts_keeps_a_character_that_straddles_two_parts_and_its_line_ends() {
    let app = open().await;
    let root = &app.root;
    let area = text_box_with_the_example(root).await;
    // The page copies a large paste 512 Ki UTF-16 units at a time: an emoji (two units) starts
    // on the last unit of the first part, and a CR LF (made one line feed, as a text box's own
    // paste does) follows. 524,287 + 4 + 1 + 3 bytes, in front of the 43 there were.
    let big = format!("{}😀\r\nend", "a".repeat(512 * 1024 - 1));
    assert!(paste(&area, 0, 0, &big), "a large paste is the page's");
    wait_for_text(root, "[data-testid=\"data-size\"]", "524,338 bytes").await;
}

#[wasm_bindgen_test]
async fn a_step_made_while_a_large_paste_is_taken_in_follows_it_in_order() {
    let app = open().await;
    let root = &app.root;
    let area = text_box_with_the_example(root).await;
    // 2 MiB is copied in four parts, one task each: the click comes before the first.
    assert!(
        paste(&area, 0, 0, &"a".repeat(2 << 20)),
        "a large paste is the page's"
    );
    let flip = query_all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == "Flip a random bit")
        .expect("the Flip a random bit button");
    click(&flip);
    wait_for_text(
        root,
        ".notice",
        "Your change made meanwhile will follow, in order.",
    )
    .await;
    // The paste lands on the text it was made over (the example's 43 bytes), then the bit flips.
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "flipped a random bit",
    )
    .await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "2,097,195 bytes").await;
    click_labelled(root, "Undo").await;
    wait_for_text(root, "[data-testid=\"last-change\"]", "Undid").await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "2,097,195 bytes").await;
    click_labelled(root, "Undo").await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "43 bytes").await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "the good copy").await;
}

#[wasm_bindgen_test]
async fn a_paste_over_64_mib_is_refused_before_it_is_copied() {
    let app = open().await;
    let root = &app.root;
    let area = text_box_with_the_example(root).await;
    let area = area.dyn_ref::<web_sys::HtmlTextAreaElement>().unwrap();
    // Made in JavaScript: 64 MiB and one unit, never copied into the module's memory.
    let make = js_sys::Function::new_with_args(
        "n",
        "const d = new DataTransfer(); d.setData('text/plain', 'a'.repeat(n)); \
         return new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true });",
    );
    let event = make
        .call1(
            &wasm_bindgen::JsValue::NULL,
            &f64::from((64 << 20) + 1).into(),
        )
        .unwrap()
        .unchecked_into::<web_sys::Event>();
    assert!(
        !area.dispatch_event(&event).unwrap(),
        "the page takes the paste over"
    );
    wait_for_text(
        root,
        ".notice",
        "Not pasted: the text is at least 67,108,865 bytes",
    )
    .await;
    let notice = text(root, ".notice");
    assert!(notice.contains("Your data is unchanged"), "{notice}");
    assert!(!area.read_only(), "the box still takes typing");
    let size = text(root, "[data-testid=\"data-size\"]");
    assert!(size.contains("43 bytes"), "{size}");
}

/// While generated data is on its way the text box takes no typing, and a message (a corruption
/// with a bad field, refused) does not let the waiting steps run early: they follow the new data.
#[wasm_bindgen_test]
async fn while_data_is_generated_the_box_is_read_only_and_a_message_does_not_release_waiting_steps()
{
    let app = open().await;
    let root = &app.root;
    text_box_with_the_example(root).await;
    generate(root, "8", 1 << 20, 8 << 20).await;
    wait_for(root, "the text box to be read-only", || {
        query(root, "textarea[readonly]")
    })
    .await;
    click_labelled(root, "Flip a random bit").await;
    let byte = wait_for(root, "the byte box", || {
        named_input(root, "Byte whose bit to flip")
    })
    .await;
    type_into(&byte, "x");
    click_labelled(root, "Flip bit").await;
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "flipped a random bit",
    )
    .await;
    // The new data clears the page's message: the refusal's is gone, so it came while the data
    // was still on its way (and did not let the flip run before the data arrived).
    let notices: Vec<String> = query_all(root, ".notice")
        .iter()
        .map(|n| n.text_content().unwrap_or_default())
        .collect();
    assert!(
        !notices.iter().any(|n| n.contains("Enter whole numbers")),
        "the refusal came after the data: {notices:?}"
    );
    let size = text(root, "[data-testid=\"data-size\"]");
    assert!(size.contains("8,388,608 bytes"), "{size}");
    click_labelled(root, "Undo").await;
    wait_for_text(root, "[data-testid=\"last-change\"]", "Undid").await;
    let size = text(root, "[data-testid=\"data-size\"]");
    assert!(
        size.contains("8,388,608 bytes"),
        "the flip followed the generated data: {size}"
    );
}
