//! Saving text as a file the learner downloads (exported scenarios, the explorer's SVG and CSV),
//! and copying text to the clipboard. Both happen in the page; nothing is uploaded.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`, of type `mime`. Returns an error message on failure.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    // The file is made from the text's UTF-8 bytes as they are: made from a string, 8 MiB were
    // decoded into the browser's string and encoded back (30 ms).
    download_parts(
        name,
        mime,
        &js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes())),
    )
}

/// Offers the bytes of `parts` (`Uint8Array`s, in order) as one download named `name`, of type
/// `mime`. Returns an error message on failure.
pub fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let fail = |what: &str| format!("Could not save {name}: {what}.");
    let window = web_sys::window().ok_or_else(|| fail("no window"))?;
    let document = window.document().ok_or_else(|| fail("no document"))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)
        .map_err(|_| fail("the browser refused"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| fail("the browser refused"))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("no link"))?
        .dyn_into()
        .map_err(|_| fail("no link"))?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies `text` to the clipboard; resolves to whether it worked (it may be refused, for example
/// outside a secure context).
pub async fn copy(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return false;
    };
    // Outside a secure context (a frame in a page served over plain HTTP, say) there is no
    // `navigator.clipboard`, and calling it would throw: look before calling, and catch.
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
        .ok()
        .filter(|c| c.is_object());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &"writeText".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(clipboard), Some(write)) = (clipboard, write) else {
        return false;
    };
    let Ok(promise) = write
        .call1(&clipboard, &text.into())
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The page's address with the fragment replaced, without adding a history entry or firing
/// `hashchange` (the page already shows what the fragment says).
pub fn replace_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
        }
    }
}

/// The full address of this page with `fragment`.
pub fn address_with(fragment: &str) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}{fragment}")
}

/// Whether the page runs inside another page's frame (a course's site), where the frame's
/// `allow` and `sandbox` attributes decide whether copying and downloads work.
pub fn in_a_frame() -> bool {
    web_sys::window().is_some_and(|w| match w.top() {
        Ok(Some(top)) => top != w,
        // A top window the page may not see is another site's.
        _ => true,
    })
}
