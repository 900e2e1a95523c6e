//! The URL fragment picks the tab; nothing a learner types there can break the page.

use faultlab::scenario::{Route, Tab};

#[test]
fn empty_fragment_is_heartbeats_without_notice() {
    for f in ["", "#", "#/", "#//"] {
        let r = Route::parse(f);
        assert_eq!(r.tab, Tab::Heartbeats, "{f:?}");
        assert_eq!(r.unknown, None, "{f:?}");
    }
}

#[test]
fn known_tabs_and_params() {
    let r = Route::parse("#/checksums?s=abc&embed=1");
    assert_eq!(r.tab, Tab::Checksums);
    assert_eq!(r.param("s"), Some("abc"));
    assert_eq!(r.param("embed"), Some("1"));
    assert_eq!(r.param("x"), None);
    assert_eq!(r.to_fragment(), "#/checksums?s=abc&embed=1");
}

#[test]
fn unknown_path_falls_back_to_heartbeats_and_remembers_it() {
    let r = Route::parse("#/no-such-page?x=1");
    assert_eq!(r.tab, Tab::Heartbeats);
    assert_eq!(r.unknown.as_deref(), Some("/no-such-page"));
    assert_eq!(Route::parse("#/checksums").unknown, None);
}
