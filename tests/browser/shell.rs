//! The app shell: tabs reachable by hash links, an unknown route falls back with a notice, and a
//! panic shows an error panel.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn heartbeats_is_the_first_tab_and_checksums_is_one_click_away() {
    let app = mount_app("").await;
    let root = &app.root;
    wait_for_text(root, "h2", "Heartbeats").await;
    let current = query(root, "nav a[aria-current=page]").expect("a current tab");
    assert_eq!(current.text_content().unwrap().trim(), "Heartbeats");

    click_labelled(root, "Checksums").await;
    wait_for_text(root, "h2", "Checksums").await;
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert_eq!(hash, "#/checksums");
    let current = query(root, "nav a[aria-current=page]").expect("a current tab");
    assert_eq!(current.text_content().unwrap().trim(), "Checksums");
    assert!(
        query(root, ".notice").is_none(),
        "no notice on a known route"
    );
}

#[wasm_bindgen_test]
async fn a_direct_link_opens_the_checksums_tab() {
    let app = mount_app("#/checksums").await;
    wait_for_text(&app.root, "h2", "Checksums").await;
}

#[wasm_bindgen_test]
async fn an_unknown_route_shows_heartbeats_with_a_notice() {
    let app = mount_app("#/no-such-lesson").await;
    let root = &app.root;
    let notice = wait_for_text(root, ".notice", "no-such-lesson").await;
    assert!(notice.text_content().unwrap().contains("Heartbeats"));
    wait_for_text(root, "h2", "Heartbeats").await;
}

#[wasm_bindgen_test]
fn the_panic_panel_shows_the_message_and_a_reload_button() {
    faultlab::ui::panic::show_panel("index out of bounds: the len is 3 but the index is 7");
    let panel = document()
        .get_element_by_id(faultlab::ui::panic::PANEL_ID)
        .expect("a panel");
    let text = panel.text_content().unwrap();
    assert!(text.contains("index out of bounds"), "{text}");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let button = panel
        .query_selector("button")
        .unwrap()
        .expect("a reload button");
    assert_eq!(button.text_content().unwrap(), "Reload the page");
    panel.remove();
}

#[wasm_bindgen_test]
async fn the_footer_says_everything_runs_locally() {
    let app = mount_app("#/heartbeats").await;
    wait_for_text(&app.root, "footer", "runs locally in your browser").await;
}
