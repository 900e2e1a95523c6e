//! Keeping a session: its scenario goes into the address (as a share link, without a history
//! entry) and into the browser's storage, so a reload or a copied address brings it back.

use super::download::replace_fragment;
use super::storage;
use crate::scenario::{Route, Scenario, Tab, encode};

/// The address fragment that opens `scenario` (whose link text is `link`) on its tab, keeping the
/// embed flag of the current address.
pub fn fragment_for(scenario: &Scenario, link: &str) -> String {
    let tab = match scenario {
        Scenario::Heartbeats(_) => Tab::Heartbeats,
        Scenario::Checksums(_) => Tab::Checksums,
    };
    let mut route = Route::tab(tab).with_param("s", link);
    if super::route::current_route().embedded() {
        route = route.with_param("embed", "1");
    }
    route.to_fragment()
}

/// Keeps the session of `tab` under storage `key`: `Ok` with its scenario, or `Err` with why it
/// cannot be kept (then the address goes back to the plain tab and the old copy is forgotten).
/// Returns a message for the learner when something could not be kept.
pub fn keep(tab: Tab, key: &str, scenario: Result<Scenario, String>) -> Option<String> {
    let linked = scenario.and_then(|s| encode(&s).map(|link| (s, link)).map_err(|e| e.to_string()));
    match linked {
        Ok((scenario, link)) => {
            replace_fragment(&fragment_for(&scenario, &link));
            storage::save(key, &link)
                .err()
                .map(|problem| problem.message().to_string())
        }
        Err(why) => {
            replace_fragment(&Route::tab(tab).to_fragment());
            storage::remove(key);
            Some(format!(
                "This session will not be kept after a reload and cannot be shared: {why}."
            ))
        }
    }
}
