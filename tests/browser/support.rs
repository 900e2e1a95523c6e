//! Mounting the app and waiting on the page by polling.

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;

use faultlab::ui::App;

/// How long a test waits for the page before it fails.
const DEADLINE_MS: f64 = 10_000.0;
/// How often the page is polled while waiting.
const POLL_MS: u32 = 10;

/// A mounted app; unmounted and removed from the page when dropped, so tests do not see each other.
pub struct Mounted {
    pub root: Element,
}

thread_local! {
    /// The app mounted last, so the next mount can take it away even when a failing test
    /// never dropped it (a panic in wasm aborts without running `Drop`).
    static CURRENT: std::cell::RefCell<Option<(AppHandle<App>, Element)>> =
        const { std::cell::RefCell::new(None) };
}

/// Unmounts the app mounted last, if it is still there.
fn unmount_current() {
    if let Some((handle, root)) = CURRENT.with(|c| c.borrow_mut().take()) {
        handle.destroy();
        root.remove();
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let current = CURRENT.with(|c| c.borrow().as_ref().map(|(_, root)| root.clone()));
        if current.as_ref() == Some(&self.root) {
            unmount_current();
        }
        self.root.remove();
    }
}

/// The page's document.
pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Sets the URL fragment (as a link would) without waiting for anything.
pub fn set_fragment(fragment: &str) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(fragment)
        .unwrap();
}

/// Forgets everything the page kept in the browser's storage, so tests do not see each other.
pub fn clear_storage() {
    if let Ok(Some(storage)) = web_sys::window().unwrap().local_storage() {
        storage.clear().unwrap();
    }
}

/// Empties storage, and gives it back its normal behaviour: a test that failed may have left it
/// made to fail (see `FullStorage` in scenarios.rs).
fn fresh_storage() {
    let _ = js_sys::Function::new_no_args(
        "if (Storage.prototype.__setItem) { Storage.prototype.setItem = Storage.prototype.__setItem; }",
    )
    .call0(&wasm_bindgen::JsValue::NULL);
    clear_storage();
}

/// Mounts the whole app at `fragment` in a fresh element, with empty storage.
pub async fn mount_app(fragment: &str) -> Mounted {
    fresh_storage();
    remount_app(fragment).await
}

/// Mounts the app again at `fragment`, keeping what an earlier mount stored (a reload).
pub async fn remount_app(fragment: &str) -> Mounted {
    mount_root(fragment, None).await
}

/// Mounts the whole app at `fragment` (with empty storage, as [`mount_app`] does) in an element
/// `width_px` wide, as a phone or a narrow frame would show it.
pub async fn mount_app_narrow(fragment: &str, width_px: u32) -> Mounted {
    fresh_storage();
    mount_root(fragment, Some(&format!("width: {width_px}px"))).await
}

/// Mounts the app at `fragment` in a new element with the given inline style.
async fn mount_root(fragment: &str, style: Option<&str>) -> Mounted {
    unmount_current();
    // Let the old app finish going away before the address changes under it.
    TimeoutFuture::new(0).await;
    // Setting the hash fires `hashchange` later; let it pass before mounting, so the new app does
    // not hear of it and open its tab a second time (which once swallowed a test's first key press).
    let now = web_sys::window().unwrap().location().hash().unwrap();
    if now != fragment {
        move_to_fragment(fragment).await;
    }
    let root = document().create_element("div").unwrap();
    if let Some(style) = style {
        root.set_attribute("style", style).unwrap();
    }
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    CURRENT.with(|c| *c.borrow_mut() = Some((handle, root.clone())));
    page_drawn(&root).await;
    Mounted { root }
}

/// Waits until the page is drawn whole: a tab draws what lies below its first screen in the tasks
/// after it (`data-drawing` says it has not finished).
pub async fn page_drawn(root: &Element) {
    wait_for(root, "the page to be drawn whole", || {
        (root.child_element_count() > 0 && query(root, "[data-drawing]").is_none()).then_some(())
    })
    .await;
}

/// Follows a link to `fragment` (as the header's links do) and waits until the page has been told
/// (its `hashchange` has fired), so a test can check that nothing changed.
pub async fn follow_fragment(fragment: &str) {
    let window = web_sys::window().unwrap();
    let now = window.location().hash().unwrap();
    assert_ne!(
        now, fragment,
        "following a link to where the page is fires nothing"
    );
    assert!(
        move_to_fragment(fragment).await,
        "the page was never told of the link to {fragment} (the address is now {:?}, was {now:?})",
        window.location().hash()
    );
    // The tab it opens draws in the next tasks.
    frames(1).await;
    let body: Element = document().body().unwrap().into();
    page_drawn(&body).await;
}

/// Sets the URL fragment and waits until its `hashchange` has fired (at most the deadline), so
/// nothing mounted afterwards hears of it late. False when no `hashchange` came.
async fn move_to_fragment(fragment: &str) -> bool {
    let window = web_sys::window().unwrap();
    // Only the event of this very change counts: one still on its way from an earlier change
    // (a test before this one) would let the page hear of this one late.
    let wanted = fragment.to_string();
    let fired = js_sys::Promise::new(&mut |resolve, _| {
        let wanted = wanted.clone();
        // Left listening (a test mounts a few dozen times); resolving again does nothing.
        gloo_events::EventListener::new(&web_sys::window().unwrap(), "hashchange", move |e| {
            let new_url = js_sys::Reflect::get(e, &"newURL".into())
                .ok()
                .and_then(|u| u.as_string())
                .unwrap_or_default();
            let decoded = js_sys::decode_uri(&new_url)
                .map(String::from)
                .unwrap_or_default();
            if new_url.ends_with(&wanted) || decoded.ends_with(&wanted) {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        })
        .forget();
    });
    set_fragment(fragment);
    let deadline = js_sys::Promise::new(&mut |resolve, _| {
        let timed_out = wasm_bindgen::JsValue::from_str("timed out");
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_1(
            &resolve,
            DEADLINE_MS as i32,
            &timed_out,
        );
    });
    let first = js_sys::Promise::race(&js_sys::Array::of2(&fired, &deadline));
    let outcome = wasm_bindgen_futures::JsFuture::from(first).await.unwrap();
    outcome.as_string().is_none()
}

/// Polls `probe` until it returns `Some`, failing with `what` and the page's text after the deadline.
pub async fn wait_for<T>(root: &Element, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let start = js_sys::Date::now();
    loop {
        if let Some(found) = probe() {
            return found;
        }
        if js_sys::Date::now() - start > DEADLINE_MS {
            let text = root.text_content().unwrap_or_default();
            panic!("timed out waiting for {what}; the page said: {text}");
        }
        TimeoutFuture::new(POLL_MS).await;
    }
}

/// The first element under `root` matching `selector`.
pub fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

/// Every element under `root` matching `selector`.
pub fn query_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Waits for an element matching `selector` whose text contains `text`.
pub async fn wait_for_text(root: &Element, selector: &str, text: &str) -> Element {
    wait_for(
        root,
        &format!("`{selector}` containing “{text}”"),
        || {
            query_all(root, selector)
                .into_iter()
                .find(|e| e.text_content().unwrap_or_default().contains(text))
        },
    )
    .await
}

/// Clicks an element (HTML or SVG).
pub fn click(element: &Element) {
    match element.dyn_ref::<HtmlElement>() {
        Some(html) => html.click(),
        None => {
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            init.set_cancelable(true);
            let event =
                web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
            element.dispatch_event(&event).unwrap();
        }
    }
}

/// Waits for the button (or link) whose text is exactly `label`, then clicks it.
pub async fn click_labelled(root: &Element, label: &str) {
    let target = wait_for(
        root,
        &format!("a button or link labelled “{label}”"),
        || {
            query_all(root, "button, a")
                .into_iter()
                .find(|e| e.text_content().unwrap_or_default().trim() == label)
        },
    )
    .await;
    click(&target);
}

/// Sets an input's or select's value and fires `change`, as a learner's edit would.
pub fn change_value(element: &Element, value: &str) {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    } else {
        panic!("not an input or a select");
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Waits for the element matching `selector`, then changes its value.
pub async fn change(root: &Element, selector: &str, value: &str) {
    let element = wait_for(root, &format!("`{selector}`"), || query(root, selector)).await;
    change_value(&element, value);
}

/// The trimmed text of the first element matching `selector`, or "" if there is none.
pub fn text(root: &Element, selector: &str) -> String {
    query(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Waits until `count` animation frames have passed (a condition the page itself advances on).
pub async fn frames(count: u32) {
    for _ in 0..count {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// Types `text` into a text box or input as a learner would: sets the value and fires `input`.
pub fn type_into(element: &Element, text: &str) {
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(text);
    } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(text);
    } else {
        panic!("not a text box");
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Presses `key` on `target` (a keydown that bubbles); says whether the page took it (prevented
/// the browser's default).
pub fn key_down(target: &Element, key: &str) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event.default_prevented()
}

/// What the browser does as the learner reloads or closes the tab: a `pagehide` on the window.
pub fn leave_page() {
    let event = web_sys::Event::new("pagehide").unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

/// The bounding box of an element, as (left, top, right, bottom) in CSS pixels.
pub fn rect(element: &Element) -> (f64, f64, f64, f64) {
    let r = element.get_bounding_client_rect();
    (r.left(), r.top(), r.right(), r.bottom())
}

/// The page's own stylesheets, in the test page while this lives (the test page has none of its
/// own), for tests of what the page looks like: sizes, colours, what is inside which box.
pub struct PageStyle(Element);

impl PageStyle {
    /// Adds the stylesheet to the test page.
    pub fn load() -> PageStyle {
        let style = document().create_element("style").unwrap();
        style.set_text_content(Some(concat!(
            include_str!("../../static/style.css"),
            include_str!("../../static/lessons.css")
        )));
        document().body().unwrap().append_child(&style).unwrap();
        PageStyle(style)
    }
}

impl Drop for PageStyle {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// Presses the explorer's Run and waits for its plot.
pub async fn run_the_explorer(root: &Element) -> Element {
    let run = wait_for(root, "the Run button", || {
        query_all(root, ".explorer button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default() == "Run")
    })
    .await;
    click(&run);
    wait_for(root, "the plot", || query(root, ".explorer .plot")).await
}
