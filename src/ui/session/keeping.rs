//! Keeping a session: its scenario goes into the address (as a share link, without a history
//! entry) and into the browser's storage, so a reload or a copied address brings it back.

use yew::prelude::*;

use crate::scenario::{LinkError, Route, Scenario, Tab, encode};
use crate::ui::download::replace_fragment;
use crate::ui::route::{current_route, keep_embed};
use crate::ui::storage;

/// The tab a scenario belongs to.
fn tab_of(scenario: &Scenario) -> Tab {
    match scenario {
        Scenario::Heartbeats(_) => Tab::Heartbeats,
        Scenario::Checksums(_) => Tab::Checksums,
    }
}

/// The address fragment that opens `scenario` (whose link text is `link`) on its tab, keeping the
/// embed flag of the current address.
pub fn fragment_for(scenario: &Scenario, link: &str) -> String {
    keep_embed(share_route(scenario, link)).to_fragment()
}

/// The address fragment a copied link carries: the full page, even when copied from a course's
/// frame (where the page itself shows without header or tabs).
pub fn share_fragment(scenario: &Scenario, link: &str) -> String {
    share_route(scenario, link).to_fragment()
}

fn share_route(scenario: &Scenario, link: &str) -> Route {
    Route::tab(tab_of(scenario)).with_param("s", link)
}

/// Keeps the session of `tab`: its link goes into the address and, when `key` is given (the
/// learner's own session), into storage. Returns a message for the learner when something could
/// not be kept. A session that cannot become a link leaves storage alone, so a reload brings back
/// the last version that could be kept rather than nothing.
pub fn keep(tab: Tab, key: Option<&str>, scenario: Result<Scenario, String>) -> Option<String> {
    let plain = || replace_fragment(&keep_embed(Route::tab(tab)).to_fragment());
    let last_kept = if key.is_some() {
        " A reload brings back the last version that was kept."
    } else {
        ""
    };
    let scenario = match scenario {
        Ok(scenario) => scenario,
        Err(why) => {
            plain();
            return Some(format!(
                "This session is not kept after a reload and cannot be shared: {why}.{last_kept}"
            ));
        }
    };
    match encode(&scenario) {
        Ok(link) => {
            replace_fragment(&fragment_for(&scenario, &link));
            let key = key?;
            storage::save(key, &link)
                .err()
                .map(|problem| problem.message().to_string())
        }
        Err(LinkError::TooLargeForLink { .. }) => {
            plain();
            Some(format!(
                "This session has grown too large for a link, so it is not kept after a reload and cannot be shared.{last_kept} Export saves it as a file, and Import opens that file again."
            ))
        }
        Err(LinkError::Invalid(why)) => {
            plain();
            Some(format!(
                "This session is no longer kept after a reload and cannot be shared as a link: {why}.{last_kept}"
            ))
        }
        Err(other) => {
            plain();
            Some(format!(
                "This session cannot be kept after a reload or shared as a link: {other}.{last_kept}"
            ))
        }
    }
}

/// The address parameter that marks a session opened from an imported file rather than a link.
const IMPORTED_PARAM: &str = "imported";

thread_local! {
    /// A scenario imported from a file that is too large for a link, on its way to its tab.
    static IMPORTED: std::cell::RefCell<Option<Scenario>> = const { std::cell::RefCell::new(None) };
}

/// Opens `scenario`, imported from a file, on its tab as a new session: through its link when it
/// has one (like a shared link, marked as imported), else handed over directly (an exported file
/// too large for a link).
pub fn open_scenario(scenario: Scenario) {
    let fragment = match encode(&scenario) {
        Ok(link) => keep_embed(
            Route::tab(tab_of(&scenario))
                .with_param("s", &link)
                // A fresh value, so importing the same file again is a new navigation too.
                .with_param(IMPORTED_PARAM, &crate::ui::route::fresh_stamp()),
        )
        .to_fragment(),
        Err(_) => {
            let tab = tab_of(&scenario);
            IMPORTED.with(|i| *i.borrow_mut() = Some(scenario));
            let stamp = crate::ui::route::fresh_stamp();
            keep_embed(Route::tab(tab).with_param("import", &stamp)).to_fragment()
        }
    };
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&fragment);
    }
}

/// The scenario [`open_scenario`] handed over without a link, if there is one for `tab`.
pub fn take_imported(tab: Tab) -> Option<Scenario> {
    IMPORTED.with(|i| {
        let mut slot = i.borrow_mut();
        if slot.as_ref().is_some_and(|s| tab_of(s) == tab) {
            slot.take()
        } else {
            None
        }
    })
}

/// The learner's saved session under `key`, if any; none inside a course's frame, which starts
/// from the defaults and never shows (or keeps) the learner's own work.
pub fn saved(key: &str) -> Option<String> {
    if current_route().embedded() {
        return None;
    }
    storage::load(key)
}

/// What the learner reads when their saved session under `key` cannot be opened (`why`). The
/// saved copy is put aside first, so the next save does not overwrite it.
pub fn unreadable_saved(key: &str, saved: &str, why: &str, instead: &str) -> String {
    let aside = format!("{key}-unreadable");
    let kept = match storage::save(&aside, saved) {
        Ok(()) => format!(" A copy of it is kept in this browser's storage as “faultlab.{aside}”."),
        Err(_) => String::new(),
    };
    format!("Your saved session could not be opened: {why}. Starting from {instead}.{kept}")
}

/// Whether a session opened from `link` (none: the plain tab) is the learner's own, saved under
/// `key`: the plain tab is, and so is a link that is exactly what was saved (a reload). A shared
/// link is not, so opening one never overwrites the learner's saved work; nor is anything in a
/// course's frame (`embed=1`), which must not touch the learner's own session either.
pub fn is_own(key: &str, link: Option<&str>) -> bool {
    if current_route().embedded() {
        return false;
    }
    match link {
        None => true,
        // Without storage nothing was ever saved: a link in the address is the learner's own
        // session (a reload), and there is nothing to keep it in place of.
        Some(link) => !storage::available() || storage::load(key).as_deref() == Some(link),
    }
}

/// What the learner reads on opening `link` on `tab` (saved under `key`): their own session back
/// after a reload, or `shared` (what a shared one brings) and that their saved session is left alone.
pub fn opened_text(tab: Tab, key: &str, link: &str, shared: &str) -> String {
    if !storage::available() {
        // Whose it is cannot be told without storage.
        return format!(
            "Opened the {} session in this address. This browser gives the page no storage, so the address is the only place it is kept.",
            tab.label()
        );
    }
    if is_own(key, Some(link)) {
        return format!(
            "Welcome back: your last {} session is restored.",
            tab.label()
        );
    }
    let mut text = if current_route().param(IMPORTED_PARAM).is_some() {
        "Imported the scenario file: the same settings and steps as when it was exported."
            .to_string()
    } else {
        shared.to_string()
    };
    if !current_route().embedded() && storage::load(key).is_some() {
        text.push_str(" Your own saved session is left as it was; “Keep as my session” replaces it with this one.");
    }
    text
}

/// A shared session the learner left without keeping it (by a tab, a lesson or any other link):
/// the address that opens it again, as it was when left.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftRun {
    /// The tab it belongs to.
    pub tab: Tab,
    /// The address fragment that reopens it at the moment it was left.
    pub fragment: String,
}

thread_local! {
    /// Where a tab hands over the shared session it is leaving, so that the page can offer the
    /// way back in one click: the app's listener, while the app lives (a tab mounted alone has
    /// none, and hands nothing over).
    static LEFT_RUN_LISTENER: std::cell::RefCell<Option<Callback<LeftRun>>> =
        const { std::cell::RefCell::new(None) };
}

/// Listens for shared sessions being left, replacing any earlier listener.
pub fn listen_for_left_runs(listener: Callback<LeftRun>) {
    LEFT_RUN_LISTENER.with(|l| *l.borrow_mut() = Some(listener));
}

/// Stops `listener` listening. A listener that has been replaced since (an app mounted after the
/// one going away) keeps listening.
pub fn stop_listening_for_left_runs(listener: &Callback<LeftRun>) {
    LEFT_RUN_LISTENER.with(|l| {
        let mut current = l.borrow_mut();
        if current.as_ref() == Some(listener) {
            *current = None;
        }
    });
}

/// The session a scenario function makes, as a link back to it on its tab.
fn left_run(tab: Tab, scenario: &dyn Fn() -> Result<Scenario, String>) -> Option<LeftRun> {
    let scenario = scenario().ok()?;
    let link = encode(&scenario).ok()?;
    Some(LeftRun {
        tab,
        fragment: fragment_for(&scenario, &link),
    })
}

/// How a tab's session is kept, as [`use_keeping`] reports it.
#[derive(Clone, PartialEq)]
pub struct Keeping {
    /// Whether changes are saved in storage (the learner's own session).
    pub saves: bool,
    /// Makes a shared session the learner's own, replacing what was saved; offered only for a
    /// shared link outside a frame.
    pub adopt: Option<Callback<()>>,
}

/// Keeps the address bar (and, for the learner's own session, storage) in step with a tab's
/// session after every change a share link would capture. `own_link` is `None` for a lesson or a
/// benchmark (nothing is kept), else the link the session was opened from, if any. `scenario`
/// makes the session's scenario; `notify` shows a message.
#[hook]
pub fn use_keeping<F>(
    tab: Tab,
    key: &'static str,
    own_link: Option<Option<String>>,
    revision: u64,
    scenario: F,
    notify: Callback<(String, bool)>,
) -> Keeping
where
    F: Fn() -> Result<Scenario, String> + 'static,
{
    let kept = own_link.is_some();
    let saves_at_start = {
        let link = own_link.clone().flatten();
        *use_memo((), move |_| kept && is_own(key, link.as_deref()))
    };
    let adopted = use_state(|| false);
    let saves = saves_at_start || *adopted;
    let scenario = std::rc::Rc::new(scenario);
    use_left_run(tab, kept && !saves, scenario.clone());
    // What keeping last complained about: the same complaint is not repeated at every change
    // (a playing run is kept every few seconds), so a learner who closed it is not pestered.
    let last_problem = use_mut_ref(|| None::<String>);
    {
        let notify = notify.clone();
        let scenario = scenario.clone();
        use_effect_with(revision, move |&revision| {
            // Nothing to keep until something changes.
            if !kept || revision == 0 {
                return;
            }
            let problem = keep(tab, saves.then_some(key), scenario());
            if problem.is_some() && problem != *last_problem.borrow() {
                notify.emit((problem.clone().unwrap_or_default(), true));
            }
            *last_problem.borrow_mut() = problem;
        });
    }
    // Leaving the page (a reload, closing the tab) keeps the session at once, so neither the
    // time played since the last keep nor text still waiting to be handed over is lost. Text
    // boxes hand theirs over first: they listen in the capture phase, which runs first.
    {
        let scenario = scenario.clone();
        use_effect_with(saves, move |&saves| {
            let listener = web_sys::window().filter(|_| kept).map(|window| {
                gloo_events::EventListener::new(&window, "pagehide", move |_| {
                    let _ = keep(tab, saves.then_some(key), scenario());
                })
            });
            move || drop(listener)
        });
    }
    let adopt = (kept && !saves && !current_route().embedded()).then(|| {
        let adopted = adopted.clone();
        // Saved at once, not after the next redraw, so a reload right after the click keeps it.
        Callback::from(move |()| {
            adopted.set(true);
            match keep(tab, Some(key), scenario()) {
                Some(problem) => notify.emit((problem, true)),
                None => notify.emit((
                    format!(
                        "This is now your saved session: a reload or the {} tab brings it back.",
                        tab.label()
                    ),
                    false,
                )),
            }
        })
    });
    Keeping { saves, adopt }
}

/// A scenario function as a shared value.
type MakeScenario = std::rc::Rc<dyn Fn() -> Result<Scenario, String>>;

/// While the session is a shared one (opened from someone else's link and not kept as the
/// learner's own), leaving it hands it to the app's listener ([`listen_for_left_runs`]) as it is
/// at that moment, so the page can offer it back. A session inside a course's frame has nowhere
/// to go back from.
#[hook]
fn use_left_run(tab: Tab, shared: bool, scenario: MakeScenario) {
    let shared = shared && !current_route().embedded();
    // The latest renders' scenario, read when the session is left (the learner may have kept it
    // as their own in the meantime, and then there is nothing to hand over).
    let latest = use_mut_ref(|| None::<MakeScenario>);
    *latest.borrow_mut() = shared.then_some(scenario);
    use_effect_with((), move |_| {
        move || {
            let Some(make) = latest.borrow_mut().take() else {
                return;
            };
            let listener = LEFT_RUN_LISTENER.with(|l| l.borrow().clone());
            if let Some(listener) = listener {
                if let Some(run) = left_run(tab, &*make) {
                    listener.emit(run);
                }
            }
        }
    });
}
