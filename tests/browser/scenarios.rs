//! Share links, saved work, lessons, the explorer, embedding and a full storage, as a learner (or
//! an instructor) meets them.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use crate::support::*;

fn input_value(root: &Element, selector: &str) -> String {
    query(root, selector)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

async fn select(root: &Element, node: u32) {
    click_labelled(root, &format!("Node {node}")).await;
    wait_for_text(root, ".selected-node", &format!("Selected: Node {node}")).await;
}

/// While it lives, every write to the browser's storage fails as if it were full.
struct FullStorage;

impl FullStorage {
    fn new() -> FullStorage {
        js_sys::Function::new_no_args(
            "Storage.prototype.__setItem = Storage.prototype.setItem; \
             Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
        )
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
        FullStorage
    }
}

impl Drop for FullStorage {
    fn drop(&mut self) {
        let _ = js_sys::Function::new_no_args(
            "Storage.prototype.setItem = Storage.prototype.__setItem;",
        )
        .call0(&wasm_bindgen::JsValue::NULL);
    }
}

async fn skip_seconds(root: &Element, seconds: u32) {
    for _ in 0..seconds {
        let before = text(root, "[data-testid=\"virtual-time\"]");
        click_labelled(root, "+1 s").await;
        wait_for(root, "the clock to move", || {
            (text(root, "[data-testid=\"virtual-time\"]") != before).then_some(())
        })
        .await;
    }
}

/// Waits until the page's address (its fragment) satisfies `ok`, and returns it.
async fn wait_for_address(root: &Element, what: &str, ok: impl Fn(&str) -> bool) -> String {
    wait_for(root, what, || {
        document()
            .location()
            .and_then(|l| l.hash().ok())
            .filter(|h| ok(h.as_str()))
    })
    .await
}

/// The figures that must match between the original run and one opened from its link.
fn figures(root: &Element) -> Vec<String> {
    let mut out = vec![
        text(root, ".clock"),
        text(root, "[data-testid=\"requests\"]"),
        text(root, "[data-testid=\"leaders\"]"),
    ];
    out.extend(
        query_all(root, ".metrics tbody tr")
            .iter()
            .map(|r| r.text_content().unwrap_or_default()),
    );
    out.extend(
        query_all(root, ".monitor-table tbody tr")
            .iter()
            .map(|r| r.text_content().unwrap_or_default()),
    );
    out
}

#[wasm_bindgen_test]
async fn a_share_link_opens_the_same_settings_and_the_same_run() {
    let app = mount_app("#/heartbeats").await;
    let root = &app.root;
    wait_for_text(root, "h3", "What the monitor believes").await;
    change(root, "#hb-timeout", "7").await;
    skip_seconds(root, 3).await;
    select(root, 2).await;
    click_labelled(root, "Crash").await;
    wait_for_text(root, "ol.log", "node 2 crashed").await;
    skip_seconds(root, 9).await;
    click_labelled(root, "Copy link").await;
    let link = wait_for(root, "the share link", || {
        let v = input_value(root, "input.share-link");
        (!v.is_empty()).then_some(v)
    })
    .await;
    let fragment = format!("#{}", link.split_once('#').expect("a fragment").1);
    assert!(fragment.starts_with("#/heartbeats?s="), "{fragment}");
    let original = figures(root);
    drop(app);

    clear_storage();
    let shared = remount_app(&fragment).await;
    let root = &shared.root;
    wait_for_text(root, ".notice", "Opened a shared scenario").await;
    wait_for(root, "the same settings", || {
        (input_value(root, "#hb-timeout") == "7").then_some(())
    })
    .await;
    wait_for(root, "the same figures at the same virtual time", || {
        (figures(root) == original).then_some(())
    })
    .await;
    assert_eq!(
        text(root, "tr[data-node=\"2\"] td.belief"),
        "dead",
        "node 2 crashed in the shared run too"
    );
}

#[wasm_bindgen_test]
async fn a_garbage_link_opens_the_defaults_and_says_what_was_wrong() {
    let app = mount_app("#/heartbeats?s=not-a-real-link%%").await;
    let root = &app.root;
    let notice = wait_for_text(root, ".notice.error", "The link could not be opened").await;
    assert!(notice.text_content().unwrap().contains("default scenario"));
    assert_eq!(
        input_value(root, "#hb-timeout"),
        "5",
        "the default 5 s timeout"
    );
    drop(app);
    let app = mount_app("#/checksums?s=AQID").await;
    wait_for_text(&app.root, ".notice.error", "could not be opened").await;
}

#[wasm_bindgen_test]
async fn edited_data_is_restored_after_a_reload() {
    let app = mount_app("#/checksums").await;
    type_and_wait(&app.root, "keep me across reloads").await;
    drop(app);
    let again = remount_app("#/checksums").await;
    let root = &again.root;
    wait_for_text(root, ".notice", "Welcome back").await;
    let area = wait_for(root, "the restored text", || {
        query(root, "textarea")
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
            .filter(|a| a.value() == "keep me across reloads")
    })
    .await;
    assert_eq!(area.value(), "keep me across reloads");
}

#[wasm_bindgen_test]
async fn looking_through_another_nodes_eyes_keeps_the_history() {
    let lesson = faultlab::scenario::Lesson::by_number(5).unwrap();
    let link = faultlab::scenario::encode(&lesson.build()).unwrap();
    let app = mount_app(&format!("#/heartbeats?s={link}")).await;
    let root = &app.root;
    wait_for_text(root, ".notice", "Opened a shared scenario").await;
    for _ in 0..3 {
        click_labelled(root, "+10 s").await;
    }
    wait_for_text(root, "ol.log", "node 7 crashed").await;
    assert!(
        query_all(root, "h3")
            .iter()
            .all(|h| h.text_content().unwrap_or_default() != "What node 2 believes")
    );
    change(root, ".monitor-table select", "2").await;
    wait_for_text(root, "h3", "What node 2 believes").await;
    let lines: Vec<String> = query_all(root, "ol.log li")
        .iter()
        .map(|li| li.text_content().unwrap_or_default())
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("node 7 crashed"))
            && lines
                .iter()
                .any(|l| l.contains("node 2 (") && l.contains("believes node 7 is")),
        "node 2's log shows the crash and what node 2 made of it: {lines:?}"
    );
}

#[wasm_bindgen_test]
async fn text_typed_just_before_a_reload_is_kept() {
    let app = mount_app("#/checksums").await;
    // The page is ready once the box shows the sample (its first effects ran) and the page has
    // drawn a couple of frames since (Yew may run the tab's own effects a turn later).
    let area = wait_for(&app.root, "the text box with the sample", || {
        query(&app.root, "textarea")
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
            .filter(|a| a.value().starts_with("The quick brown fox"))
    })
    .await;
    frames(2).await;
    // No pause for the text to be handed over: the learner reloads at once.
    type_into(&area, "typed, then reloaded at once");
    leave_page();
    drop(app);
    let again = remount_app("#/checksums").await;
    wait_for_text(&again.root, ".notice", "Welcome back").await;
    wait_for_data(&again.root, "typed, then reloaded at once").await;
}

fn parse_point(title: &str) -> (f64, f64) {
    // "2.5 s: mean latency 3.10 s, 12.0 false positives per hour"
    let after = title.split("mean latency ").nth(1).expect("a latency");
    let latency: f64 = after.split(' ').next().unwrap().parse().unwrap();
    let fp: f64 = after
        .split(", ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    (latency, fp)
}

#[wasm_bindgen_test]
async fn the_explorer_plots_latency_rising_and_false_positives_falling_with_the_timeout() {
    let app = mount_app("#/heartbeats").await;
    let root = &app.root;
    wait_for_text(root, "h3", "Timeout trade-off explorer").await;
    type_into(
        &query(root, "input[aria-label=\"Number of settings\"]").unwrap(),
        "6",
    );
    type_into(
        &query(root, "input[aria-label=\"Virtual minutes per run\"]").unwrap(),
        "20",
    );
    wait_for(root, "the explorer to take 6 settings of 20 min", || {
        query(root, ".explorer[data-settings=\"6\"][data-minutes=\"20\"]")
    })
    .await;
    let plot = run_the_explorer(root).await;
    let titles: Vec<String> = query_all(&plot, "circle.point title")
        .iter()
        .map(|t| t.text_content().unwrap())
        .collect();
    // Six settings, plus the current 5 s timeout when it is not one of them.
    assert!(
        titles.len() == 6 || titles.len() == 7,
        "{} points",
        titles.len()
    );
    assert!(
        query(&plot, "circle.current").is_some(),
        "the current setting is marked"
    );
    let points: Vec<(f64, f64)> = titles.iter().map(|t| parse_point(t)).collect();
    for w in points.windows(2) {
        assert!(
            w[0].0 <= w[1].0 + 0.05,
            "latency rises with the timeout: {points:?}"
        );
    }
    assert!(
        points.first().unwrap().1 > points.last().unwrap().1,
        "false positives fall: {points:?}"
    );
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_and_the_page_keeps_working() {
    let app = mount_app("#/heartbeats").await;
    let root = &app.root;
    wait_for_text(root, "h3", "What the monitor believes").await;
    // Make every write to storage fail, as a full storage does (undone however the test ends).
    let _full = FullStorage::new();
    select(root, 3).await;
    click_labelled(root, "Crash").await;
    wait_for_text(root, ".notice.error", "storage is full").await;
    skip_seconds(root, 6).await;
    assert_eq!(
        text(root, "tr[data-node=\"3\"] td.belief"),
        "dead",
        "the page keeps working"
    );
}

#[wasm_bindgen_test]
async fn an_embedded_lesson_has_no_header_tabs_or_footer() {
    let app = mount_app("#/lessons/1?embed=1").await;
    let root = &app.root;
    wait_for_text(root, "h2", "Lesson 1 of 14").await;
    assert!(
        query(root, "header").is_none()
            && query(root, "footer").is_none()
            && query(root, "nav.tabs").is_none()
    );
}

/// A share link to a Checksums session that starts from `text`.
fn checksums_link(text: &str) -> String {
    use faultlab::scenario::{ChecksumsScenario, DataSource, Scenario, encode};
    let scenario = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text(text.into()),
        steps: Vec::new(),
        show_truth: true,
        expected: String::new(),
    });
    format!("#/checksums?s={}", encode(&scenario).unwrap())
}

async fn wait_for_data(root: &Element, expected: &str) {
    wait_for(
        root,
        &format!("the text box to hold “{expected}”"),
        || {
            query(root, "textarea")
                .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
                .filter(|a| a.value() == expected)
        },
    )
    .await;
}

async fn type_and_wait(root: &Element, new_text: &str) {
    let area = wait_for(root, "the text box", || query(root, "textarea")).await;
    type_into(&area, new_text);
    let size = faultlab::checksum::bytes_label(new_text.len());
    wait_for(root, "the edit to be taken", || {
        (text(root, "[data-testid=\"data-size\"]").contains(&size)
            && text(root, ".last-change").contains("edited the text"))
        .then_some(())
    })
    .await;
    // The page keeps the session after it has drawn the edit, and Yew may yield to the browser in
    // between; a reload before that would lose the edit, so wait until the address holds it.
    wait_for_address(root, "the address to hold the edit", |hash| {
        ends_with_text(hash, new_text)
    })
    .await;
}

/// Whether the Checksums session in the address `hash` ends with the data edited to `text`.
fn ends_with_text(hash: &str, text: &str) -> bool {
    use faultlab::scenario::{ChecksumStep, DataSource, Route, Scenario, decode};
    let Some(Ok(Scenario::Checksums(c))) = Route::parse(hash).param("s").map(decode) else {
        return false;
    };
    let last = match c.steps.last() {
        Some(ChecksumStep::Replace(source)) => source,
        Some(_) => return false,
        None => &c.start,
    };
    matches!(last, DataSource::Text(t) if t == text)
}

#[wasm_bindgen_test]
async fn a_shared_link_leaves_the_learners_saved_work_alone_until_they_keep_it() {
    let app = mount_app("#/checksums").await;
    type_and_wait(&app.root, "my own work").await;
    drop(app);

    let link = checksums_link("shared text");
    let shared = remount_app(&link).await;
    let root = &shared.root;
    let notice = wait_for_text(root, ".notice", "Opened a shared session").await;
    assert!(
        notice
            .text_content()
            .unwrap()
            .contains("Your own saved session is left as it was")
    );
    wait_for_data(root, "shared text").await;
    type_and_wait(root, "shared text, changed").await;
    drop(shared);

    let own = remount_app("#/checksums").await;
    wait_for_text(&own.root, ".notice", "Welcome back").await;
    wait_for_data(&own.root, "my own work").await;
    drop(own);

    let shared = remount_app(&link).await;
    let root = &shared.root;
    wait_for_data(root, "shared text").await;
    click_labelled(root, "Keep as my session").await;
    wait_for_text(root, ".notice", "This is now your saved session").await;
    drop(shared);
    let own = remount_app("#/checksums").await;
    wait_for_data(&own.root, "shared text").await;
}

#[wasm_bindgen_test]
async fn opening_the_same_link_again_starts_it_over() {
    let link = checksums_link("the instructor's text");
    let app = mount_app(&link).await;
    let root = &app.root;
    wait_for_data(root, "the instructor's text").await;
    // The address now holds the learner's session; following the original link again reopens it.
    type_and_wait(root, "the learner's text").await;
    set_fragment(&link);
    wait_for_data(root, "the instructor's text").await;
}

#[wasm_bindgen_test]
async fn a_long_editing_session_is_kept_whole() {
    let app = mount_app("#/checksums").await;
    let root = &app.root;
    // Fourteen pauses in typing of about 6 KB each: more than one link holds if every pause
    // were kept as its own copy.
    let mut last = String::new();
    for i in 0..14 {
        last = format!("edit {i}: ") + &"all work and no play ".repeat(300 + i);
        type_and_wait(root, &last).await;
    }
    assert!(
        query(root, ".notice.error").is_none(),
        "no complaint: {}",
        text(root, ".notice")
    );
    drop(app);
    let again = remount_app("#/checksums").await;
    wait_for_text(&again.root, ".notice", "Welcome back").await;
    wait_for_data(&again.root, &last).await;
}

#[wasm_bindgen_test]
async fn an_embedded_session_stays_embedded_after_a_reset() {
    let app = mount_app("#/checksums?embed=1").await;
    let root = &app.root;
    wait_for_text(root, "h2", "Checksums").await;
    click_labelled(root, "Reset to defaults").await;
    wait_for_address(root, "the reset session", |h| {
        h.contains("embed=1") && h != "#/checksums?embed=1"
    })
    .await;
    wait_for_text(root, ".notice", "Back to the sample data").await;
    assert!(query(root, "header").is_none() && query(root, "footer").is_none());
    // A link copied from the frame opens the full page, not the framed one.
    click_labelled(root, "Copy link").await;
    let copied = wait_for(root, "the copied link", || {
        let v = input_value(root, "input.share-link");
        (!v.is_empty()).then_some(v)
    })
    .await;
    assert!(
        copied.contains("#/checksums?s=") && !copied.contains("embed"),
        "{copied}"
    );
}

#[wasm_bindgen_test]
async fn a_changed_setting_is_kept_after_a_reload() {
    let app = mount_app("#/heartbeats").await;
    let root = &app.root;
    change(root, "#hb-timeout", "9").await;
    wait_for_address(root, "the address to hold the new setting", |h| {
        h.starts_with("#/heartbeats?s=")
    })
    .await;
    drop(app);
    let again = remount_app("#/heartbeats").await;
    wait_for_text(&again.root, ".notice", "Welcome back").await;
    wait_for(&again.root, "the setting kept", || {
        (input_value(&again.root, "#hb-timeout") == "9").then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_tabs_own_header_link_does_not_restart_the_session() {
    let app = mount_app("#/heartbeats").await;
    let root = &app.root;
    wait_for_text(root, "h3", "What the monitor believes").await;
    skip_seconds(root, 3).await;
    wait_for_address(root, "the address to carry the session", |h| {
        h.starts_with("#/heartbeats?s=")
    })
    .await;
    // A step is not saved: a restarted session would come back without it.
    let before_step = text(root, ".clock");
    click_labelled(root, "Step").await;
    wait_for(root, "the step", || {
        (text(root, ".clock") != before_step).then_some(())
    })
    .await;
    let clock = text(root, ".clock");
    // What the header's "Heartbeats" link does.
    follow_fragment("#/heartbeats").await;
    frames(2).await;
    assert_eq!(text(root, ".clock"), clock, "the run goes on where it was");
}

#[wasm_bindgen_test]
async fn a_link_made_before_typing_was_merged_replays_as_it_did() {
    use faultlab::scenario::{ChecksumStep, ChecksumsScenario, DataSource, Scenario, encode};
    // Two text edits in a row and one Undo: the Undo takes back only the second edit.
    let scenario = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("start".into()),
        steps: vec![
            ChecksumStep::Replace(DataSource::Text("start one".into())),
            ChecksumStep::Replace(DataSource::Text("start one two".into())),
            ChecksumStep::Undo,
        ],
        show_truth: true,
        expected: String::new(),
    });
    let link = format!("#/checksums?s={}", encode(&scenario).unwrap());
    let app = mount_app(&link).await;
    wait_for_data(&app.root, "start one").await;
}

/// Someone else's Heartbeats run: node 3 crashed at 2 s, opened at 9 s.
fn shared_heartbeats_link() -> String {
    use faultlab::scenario::heartbeats_run::plain;
    use faultlab::scenario::{Scenario, TimedCommand, encode};
    use faultlab::sim::{Command, Config, NodeId};
    let mut scenario = plain(Config::default());
    scenario.schedule.push(TimedCommand {
        at_ms: 2_000,
        command: Command::Crash { node: NodeId(3) },
    });
    scenario.start_at_ms = 9_000;
    format!(
        "#/heartbeats?s={}",
        encode(&Scenario::Heartbeats(scenario)).unwrap()
    )
}

#[wasm_bindgen_test]
async fn leaving_a_shared_run_by_a_tab_keeps_it_one_click_away() {
    // The learner's own session: one second in.
    let app = mount_app("#/heartbeats").await;
    wait_for_text(&app.root, "h3", "What the monitor believes").await;
    skip_seconds(&app.root, 1).await;
    wait_for_address(&app.root, "the own session to be kept", |h| {
        h.contains("s=")
    })
    .await;
    drop(app);

    // Someone else's run, played on a little; then the learner clicks the Heartbeats tab.
    let shared = remount_app(&shared_heartbeats_link()).await;
    let root = &shared.root;
    wait_for_text(root, ".notice", "Opened a shared scenario").await;
    assert!(
        query(root, ".left-run").is_none(),
        "nothing was left yet, so nothing is offered back"
    );
    skip_seconds(root, 2).await;
    let clock = text(root, "[data-testid=\"virtual-time\"]");
    assert_eq!(clock, "t = 11.000 s");
    follow_fragment("#/heartbeats").await;
    wait_for_text(root, ".notice", "Welcome back").await;
    wait_for_text(root, "[data-testid=\"virtual-time\"]", "t = 1.000 s").await;

    // One click brings the shared run back where it was left, and the offer goes.
    let offer = wait_for_text(root, ".left-run", "You left a shared Heartbeats run").await;
    let back = query(&offer, "a").expect("a link back");
    assert_eq!(back.text_content().unwrap(), "Back to the shared run");
    click(&back);
    wait_for_text(root, "[data-testid=\"virtual-time\"]", &clock).await;
    wait_for_text(root, "tr[data-node=\"3\"] td.belief", "dead").await;
    wait_for(root, "the offer to go", || {
        query(root, ".left-run").is_none().then_some(())
    })
    .await;
    // Leaving it for the Checksums tab offers it there too; dismissing the offer forgets it.
    follow_fragment("#/checksums").await;
    let offer = wait_for_text(root, ".left-run", "shared Heartbeats run").await;
    let dismiss = query(&offer, "button").expect("a dismiss button");
    click(&dismiss);
    wait_for(root, "the offer to be dismissed", || {
        query(root, ".left-run").is_none().then_some(())
    })
    .await;
}
