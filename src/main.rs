//! Mounts the Faultlab app in the page. Natively there is nothing to run: the app only exists in a browser.

fn main() {
    #[cfg(target_arch = "wasm32")]
    faultlab::ui::start();
}
