//! The Checksums tab, driven as a learner would: type, flip a bit in the hex view, corrupt
//! replicas and read, paste an expected digest.

use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

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
        let flipped = query_all(root, &format!("{row} svg.bit-grid rect.bit-flipped")).len();
        let total = query_all(root, &format!("{row} svg.bit-grid rect")).len();
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
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        &format!("Disk fault on replica {replica}"),
    )
    .await;
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
    assert!(
        error
            .text_content()
            .unwrap()
            .contains("rather than corrupted data")
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
