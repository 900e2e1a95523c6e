//! The learner's own Checksums session, kept in the page while another tab is shown. A session
//! too large for a link (a file of megabytes, a long paste) is not in the address or in storage,
//! so without this a look at the Heartbeats tab lost it; and a session that is in a link no longer
//! has to be made again (64 MiB generated, every step replayed) on coming back. Work still on its
//! way when the tab goes (a paste being taken in, a file being read, data being generated, typing
//! not handed over yet) is handed to the session wherever it is by [`deliver`]. A reload still
//! starts from what storage holds. Sessions are parked only while the whole page lives (see
//! [`page_lives`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, ChecksumsState, Shared};
use crate::ui::route::current_route;
use crate::ui::session::Opened;

thread_local! {
    /// The sessions on screen, with the way to change each.
    static LIVE: RefCell<Vec<(Shared, UseReducerDispatcher<ChecksumsState>)>> =
        const { RefCell::new(Vec::new()) };
    /// The learner's own session, while the tab is not shown.
    static PARKED: RefCell<Option<Rc<ChecksumsState>>> = const { RefCell::new(None) };
    /// Whether the whole page (the app with its tabs) is mounted.
    static PAGE: Cell<bool> = const { Cell::new(false) };
}

/// The app says when it comes and goes: a tab mounted alone (a test's) parks nothing, and no
/// parked session outlives the page it was made in.
pub fn page_lives(lives: bool) {
    PAGE.with(|p| p.set(lives));
    forget_parked();
}

/// The parked session, for a tab opened as the learner's own plain tab (no link, file or reset
/// in the address); it is no longer parked.
pub fn take_parked(opened: &Opened) -> Option<ChecksumsState> {
    if current_route().opens_a_session() || *opened != (Opened::Own { link: None }) {
        return None;
    }
    let parked = PARKED.with(|p| p.borrow_mut().take())?;
    Some(Rc::try_unwrap(parked).unwrap_or_else(|shared| (*shared).clone()))
}

/// Forgets the parked session (Reset to defaults, or another session made the learner's own).
pub fn forget_parked() {
    PARKED.with(|p| p.borrow_mut().take());
}

/// Hands `action` to the session `session` belongs to: to its tab while the tab shows it, to the
/// parked session after; nowhere when neither holds it any more (a shared session, left).
pub fn deliver(session: &Shared, action: Action) {
    let live = LIVE.with(|l| {
        l.borrow()
            .iter()
            .find(|(s, _)| s == session)
            .map(|(_, dispatch)| dispatch.clone())
    });
    if let Some(dispatch) = live {
        dispatch.dispatch(action);
        return;
    }
    PARKED.with(|p| {
        let mut parked = p.borrow_mut();
        if let Some(state) = parked.take() {
            *parked = Some(if state.session == *session {
                Reducible::reduce(state, action)
            } else {
                state
            });
        }
    });
}

/// Registers the tab's session while it is on screen, and parks it when the tab goes, if it is
/// the learner's own (`saves`).
#[hook]
pub fn use_parking(state: &UseReducerHandle<ChecksumsState>, saves: bool) {
    // What the session is at the last redraw, and whether it is the learner's own then.
    let latest = use_mut_ref(|| None::<(UseReducerHandle<ChecksumsState>, bool)>);
    *latest.borrow_mut() = Some((state.clone(), saves));
    // Another session became the learner's own ("Keep as my session", a reset): one parked
    // before it is not theirs any more.
    use_effect_with(saves, |&saves| {
        if saves {
            forget_parked();
        }
    });
    // The session on screen changes when a link finishes opening (or is stopped): each one is
    // registered while it is the one shown.
    let dispatch = state.dispatcher();
    use_effect_with(state.session.clone(), move |session| {
        let session = session.clone();
        LIVE.with(|l| l.borrow_mut().push((session.clone(), dispatch)));
        move || LIVE.with(|l| l.borrow_mut().retain(|(s, _)| *s != session))
    });
    use_effect_with((), move |_| {
        move || {
            let page = PAGE.with(Cell::get);
            if let Some((state, true)) = latest.borrow_mut().take().filter(|_| page) {
                PARKED.with(|p| *p.borrow_mut() = Some(Rc::new((*state).clone())));
            }
        }
    });
}
