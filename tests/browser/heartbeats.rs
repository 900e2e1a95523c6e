//! The Heartbeats tab, driven as a learner would: select, crash, slow, partition, play, pause and
//! step, with virtual time advanced by the same reducer path the animation clock uses (the
//! "+1 s" button), never by waiting on the wall clock.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::support::*;

/// The belief cell (deciding detector) of a node's row in the monitor table.
fn belief(root: &Element, node: u32) -> String {
    text(root, &format!("tr[data-node=\"{node}\"] td.belief"))
}

async fn open() -> Mounted {
    let app = mount_app("#/heartbeats").await;
    wait_for_text(&app.root, "h3", "What the monitor believes").await;
    app
}

/// The settings in force in the session the address holds (what a reload or a copied link opens).
fn settings_in_address() -> Option<faultlab::sim::Config> {
    use faultlab::scenario::{Route, Scenario, decode};
    let hash = document().location()?.hash().ok()?;
    let Ok(Scenario::Heartbeats(h)) = decode(Route::parse(&hash).param("s")?) else {
        return None;
    };
    let configured = h.schedule.iter().rev().find_map(|t| match &t.command {
        faultlab::sim::Command::Configure(c) => Some(c.clone()),
        _ => None,
    });
    Some(configured.unwrap_or(h.config))
}

/// Waits until the settings in force satisfy `ok`.
async fn wait_for_settings(
    root: &Element,
    what: &str,
    ok: impl Fn(&faultlab::sim::Config) -> bool,
) {
    wait_for(root, what, || settings_in_address().filter(|c| ok(c))).await;
}

async fn select(root: &Element, node: u32) {
    click_labelled(root, &format!("Node {node}")).await;
    wait_for_text(root, ".selected-node", &format!("Selected: Node {node}")).await;
}

/// Advances virtual time through the "+1 s" button, waiting for the page to show each second.
async fn skip_seconds(root: &Element, seconds: u32) {
    for _ in 0..seconds {
        let before = virtual_time(root);
        click_labelled(root, "+1 s").await;
        wait_for(root, "the clock to move on by 1 s", || {
            (virtual_time(root) != before).then_some(())
        })
        .await;
    }
}

#[wasm_bindgen_test]
async fn a_crashed_node_becomes_suspected_then_dead_within_5_s_and_alive_after_restart() {
    let app = open().await;
    let root = &app.root;
    // The course's example has no network delay: a heartbeat every 2 s, dead after 5 s of silence.
    // Both edits are made before the page redraws; the second must not undo the first.
    change(root, "#hb-latency", "0").await;
    change(root, "#hb-jitter", "0").await;
    wait_for_settings(root, "latency and its jitter to be 0", |c| {
        c.network.latency_ms == 0 && c.network.jitter_ms == 0
    })
    .await;
    skip_seconds(root, 4).await;
    assert_eq!(belief(root, 2), "alive");
    select(root, 2).await;
    click_labelled(root, "Crash").await;
    wait_for_text(root, "ol.log", "node 2 crashed").await;
    let mut seen = vec![belief(root, 2)];
    for _ in 0..5 {
        skip_seconds(root, 1).await;
        let b = belief(root, 2);
        if seen.last() != Some(&b) {
            seen.push(b);
        }
    }
    assert_eq!(
        seen,
        vec!["alive", "suspected", "dead"],
        "beliefs seen second by second after the crash"
    );
    wait_for_text(root, "ol.log", "now believes node 2 is dead").await;
    click_labelled(root, "Restart").await;
    skip_seconds(root, 3).await;
    assert_eq!(belief(root, 2), "alive");
}

#[wasm_bindgen_test]
async fn a_pause_longer_than_the_timeout_is_counted_as_a_false_positive_and_a_longer_timeout_avoids_it()
 {
    let app = open().await;
    let root = &app.root;
    skip_seconds(root, 3).await;
    select(root, 3).await;
    click_labelled(root, "Pause").await; // 8 s by default, timeout 5 s
    skip_seconds(root, 7).await;
    assert_eq!(belief(root, 3), "dead");
    assert_eq!(
        text(root, "[data-testid=\"false-positives-fixed timeout\"]"),
        "1"
    );
    skip_seconds(root, 4).await;
    assert_eq!(belief(root, 3), "alive", "heard again after the pause");

    click_labelled(root, "Reset").await;
    change(root, "#hb-timeout", "12").await;
    wait_for_settings(root, "the timeout to be 12 s", |c| {
        c.detection.fixed.timeout_ms == 12_000
    })
    .await;
    skip_seconds(root, 3).await;
    select(root, 3).await;
    click_labelled(root, "Pause").await;
    skip_seconds(root, 12).await;
    assert_eq!(
        text(root, "[data-testid=\"false-positives-fixed timeout\"]"),
        "0"
    );
    assert_eq!(belief(root, 3), "alive");
}

#[wasm_bindgen_test]
async fn a_partition_in_half_without_quorum_shows_split_brain_until_healed() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-topology", "all").await;
    wait_for_text(root, ".notice", "New run").await;
    skip_seconds(root, 3).await;
    assert!(query(root, ".split-brain").is_none());
    click_labelled(root, "Partition…").await;
    click_labelled(root, "Split in half (4–5 on side B)").await;
    click_labelled(root, "Apply partition").await;
    skip_seconds(root, 8).await;
    let banner = wait_for_text(root, ".split-brain", "Split brain").await;
    assert!(
        banner.text_content().unwrap().contains("node 1, node 4"),
        "{:?}",
        banner.text_content()
    );
    click_labelled(root, "Heal network").await;
    skip_seconds(root, 4).await;
    assert!(
        query(root, ".split-brain").is_none(),
        "the banner goes away after healing"
    );
    let leaders = text(root, "[data-testid=\"leaders\"]");
    assert!(leaders.starts_with("node 1 · split brain for"), "{leaders}");
}

fn virtual_time(root: &Element) -> String {
    text(root, "[data-testid=\"virtual-time\"]")
}

fn events(root: &Element) -> u64 {
    let clock = text(root, ".clock");
    clock
        .split(" · ")
        .nth(1)
        .and_then(|s| s.trim_end_matches(" events").parse().ok())
        .unwrap_or_else(|| panic!("no event count in {clock:?}"))
}

#[wasm_bindgen_test]
async fn pause_stops_virtual_time_and_step_processes_exactly_one_event() {
    let app = open().await;
    let root = &app.root;
    let start = virtual_time(root);
    click_labelled(root, "Play").await;
    wait_for(root, "virtual time to move while playing", || {
        (virtual_time(root) != start).then_some(())
    })
    .await;
    click_labelled(root, "Pause").await;
    wait_for_text(root, "button.play", "Play").await;
    let paused_at = virtual_time(root);
    frames(20).await;
    assert_eq!(
        virtual_time(root),
        paused_at,
        "no virtual time passes while paused"
    );
    let before = events(root);
    click_labelled(root, "Step").await;
    wait_for(root, "the event count to change", || {
        (events(root) != before).then_some(())
    })
    .await;
    assert_eq!(events(root), before + 1, "Step processes exactly one event");
}

#[wasm_bindgen_test]
async fn an_invalid_timeout_shows_the_error_and_the_old_timeout_stays_in_force() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-timeout", "1").await;
    wait_for_text(
        root,
        ".field-error",
        "must be longer than the heartbeat interval",
    )
    .await;
    assert_eq!(
        query(root, "#hb-timeout")
            .unwrap()
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    // Had 1 s applied, a crashed node would be dead 1 s after its last heartbeat; with 5 s it is not.
    skip_seconds(root, 3).await;
    select(root, 1).await;
    click_labelled(root, "Crash").await;
    skip_seconds(root, 2).await;
    assert_ne!(belief(root, 1), "dead", "the 5 s timeout is still in force");
}

/// What the learner typed into a settings field.
fn typed(root: &Element, selector: &str) -> String {
    query(root, selector)
        .unwrap()
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .value()
}

#[wasm_bindgen_test]
async fn text_that_is_not_a_number_stays_in_its_field_beside_the_message() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-timeout", "soon").await;
    wait_for_text(root, "#hb-timeout-error", "Enter a number of zero or more.").await;
    assert_eq!(
        typed(root, "#hb-timeout"),
        "soon",
        "the learner sees what was refused"
    );
    assert_eq!(
        query(root, "#hb-timeout")
            .unwrap()
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    // A number a learner might type (a comma for the point, no leading zero) is taken.
    change(root, "#hb-timeout", ",75e1").await;
    wait_for(root, "the message to go", || {
        query(root, "#hb-timeout-error").is_none().then_some(())
    })
    .await;
    assert_eq!(typed(root, "#hb-timeout"), "7.5");
}

#[wasm_bindgen_test]
async fn nodes_have_accessible_names_with_and_without_the_ground_truth() {
    let app = open().await;
    let root = &app.root;
    skip_seconds(root, 3).await;
    select(root, 4).await;
    click_labelled(root, "Crash").await;
    let node = wait_for(root, "node 4 to be named as crashed", || {
        query(root, "svg.cluster g.node[data-node=\"4\"]").filter(|n| {
            n.get_attribute("aria-label").as_deref() == Some("Node 4: alive (truth: crashed)")
        })
    })
    .await;
    assert_eq!(node.get_attribute("tabindex").as_deref(), Some("0"));
    let toggle =
        query(root, ".monitor-table input[type=checkbox]").expect("the ground-truth toggle");
    click(&toggle);
    wait_for(root, "the truth to be hidden", || {
        (query(root, "svg.cluster g.node[data-node=\"4\"]")?.get_attribute("aria-label")?
            == "Node 4: alive")
            .then_some(())
    })
    .await;
    for place in ["svg.cluster", ".monitor-table", "ol.log"] {
        assert!(
            !text(root, place).contains("crashed"),
            "{place} shows no ground truth once it is hidden"
        );
    }
}

#[wasm_bindgen_test]
async fn the_timeline_axis_reads_in_seconds_from_the_start_and_its_drawing_fills_its_box() {
    let app = open().await;
    let root = &app.root;
    skip_seconds(root, 12).await;
    let labels = wait_for(root, "the axis to reach 10 s", || {
        let labels: Vec<String> = query_all(root, ".timeline-svg .axis-tick text")
            .iter()
            .map(|t| t.text_content().unwrap_or_default())
            .collect();
        labels.contains(&"10 s".to_string()).then_some(labels)
    })
    .await;
    assert_eq!(&labels[..3], ["0 s", "5 s", "10 s"], "the axis: {labels:?}");
    // One unit of the drawing is one pixel of its box, measured after layout.
    let svg = query(root, ".timeline-svg").expect("the timeline's drawing");
    let boxed = svg.parent_element().expect("its box").client_width();
    let drawn = wait_for(root, "the drawing to take its box's width", || {
        let width: f64 = svg
            .get_attribute("viewBox")?
            .split(' ')
            .nth(2)?
            .parse()
            .ok()?;
        ((width - boxed as f64).abs() < 1.0).then_some(width)
    })
    .await;
    assert!(drawn > 0.0);
}

#[wasm_bindgen_test]
async fn clicking_a_log_entry_highlights_it_on_the_timeline_and_the_other_way_round() {
    let app = open().await;
    let root = &app.root;
    skip_seconds(root, 3).await;
    select(root, 5).await;
    click_labelled(root, "Crash").await;
    skip_seconds(root, 6).await;
    let entry = wait_for_text(root, "ol.log li button", "believes node 5 is dead").await;
    click(&entry);
    wait_for_text(root, ".highlighted-event", "believes node 5 is dead").await;
    let band = wait_for(root, "a highlighted dead band", || {
        query(root, ".timeline-svg rect.span-dead.highlighted")
    })
    .await;
    assert!(
        band.get_attribute("aria-label")
            .unwrap()
            .starts_with("node 5 dead from")
    );
    // And back: the suspected band highlights its log line.
    let suspected = query(root, ".timeline-svg rect.span-suspected").expect("a suspected band");
    click(&suspected);
    wait_for(
        root,
        "the suspected line to be highlighted in the log",
        || {
            query(root, "ol.log li.highlighted").filter(|li| {
                li.text_content()
                    .unwrap_or_default()
                    .contains("believes node 5 is suspected")
            })
        },
    )
    .await;
}

#[wasm_bindgen_test]
async fn space_plays_and_pauses_without_scrolling_the_page() {
    let app = open().await;
    let root = &app.root;
    let press_space = || key_down(&document().body().unwrap(), " ");
    // The page listens once its first render has settled; until then a press reaches nobody.
    wait_for(root, "Space to be taken by the page", || {
        press_space().then_some(())
    })
    .await;
    wait_for_text(root, "button.play", "Pause").await;
    assert!(
        press_space(),
        "Space is taken by the page, so it does not scroll"
    );
    wait_for_text(root, "button.play", "Play").await;
}

#[wasm_bindgen_test]
async fn with_the_truth_hidden_the_buttons_do_not_give_it_away() {
    let app = open().await;
    let root = &app.root;
    select(root, 2).await;
    click_labelled(root, "Crash").await;
    wait_for_text(root, "ol.log", "node 2 crashed").await;
    let enabled = |label: &str| {
        query_all(root, "button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .is_some_and(|b| !b.has_attribute("disabled"))
    };
    assert!(
        !enabled("Crash") && enabled("Restart"),
        "with the truth shown"
    );
    let toggle = query(root, ".monitor-table input[type=checkbox]").expect("the truth toggle");
    click(&toggle);
    wait_for(root, "the truth to be hidden", || {
        (!text(root, ".monitor-table").contains("crashed")).then_some(())
    })
    .await;
    for label in [
        "Crash",
        "Restart",
        "Slow down",
        "Overload",
        "Recover",
        "Heal network",
    ] {
        assert!(enabled(label), "“{label}” is offered whatever the truth is");
    }
}

/// The virtual time the session in the address starts at (what a reload opens).
fn start_in_address() -> Option<u64> {
    use faultlab::scenario::{Route, Scenario, decode};
    let hash = document().location()?.hash().ok()?;
    match decode(Route::parse(&hash).param("s")?) {
        Ok(Scenario::Heartbeats(h)) => Some(h.start_at_ms),
        _ => None,
    }
}

#[wasm_bindgen_test]
async fn a_playing_run_is_kept_so_a_reload_does_not_go_back_to_the_start() {
    let app = open().await;
    let root = &app.root;
    click_labelled(root, "Play").await;
    // Kept every 2 s of play, without any action of the learner.
    let kept = wait_for(root, "the address to hold the time played", || {
        start_in_address().filter(|&t| t > 0)
    })
    .await;
    drop(app);
    let again = remount_app("#/heartbeats").await;
    let root = &again.root;
    wait_for_text(root, ".notice", "Welcome back").await;
    wait_for_text(
        root,
        "[data-testid=\"virtual-time\"]",
        &faultlab::sim::SimTime(kept).to_string(),
    )
    .await;
    assert_eq!(text(root, "button.play"), "Play", "it comes back paused");
}

#[wasm_bindgen_test]
async fn arrow_keys_move_from_the_focused_node() {
    let app = open().await;
    let root = &app.root;
    let node_1 = wait_for(root, "node 1 in the drawing", || {
        query(root, "svg.cluster g.node[data-node=\"1\"]")
    })
    .await;
    let press = |key: &str| key_down(&node_1, key);
    // Nothing selected yet: from node 1, the next node is node 2 (not node 1 itself).
    press("ArrowRight");
    wait_for_text(root, ".selected-node", "Selected: Node 2").await;
    press("ArrowLeft");
    wait_for_text(root, ".selected-node", "Selected: Node 5").await;
}

#[wasm_bindgen_test]
async fn the_time_played_is_kept_when_the_page_is_left() {
    let app = open().await;
    let root = &app.root;
    click_labelled(root, "Play").await;
    wait_for(root, "the run to move", || {
        (virtual_time(root) != "t = 0.000 s").then_some(())
    })
    .await;
    leave_page();
    let kept = start_in_address().expect("the address holds the session");
    assert!(
        kept > 0,
        "the session was kept at the moment the page was left"
    );
    drop(app);
    let again = remount_app("#/heartbeats").await;
    wait_for_text(
        &again.root,
        "[data-testid=\"virtual-time\"]",
        &faultlab::sim::SimTime(kept).to_string(),
    )
    .await;
}

#[wasm_bindgen_test]
async fn another_nodes_view_after_a_step_still_has_its_history() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-topology", "all").await;
    wait_for_text(root, ".notice", "New run: topology changed").await;
    // Without jitter, one heartbeat reaches every node in the same millisecond.
    change(root, "#hb-jitter", "0").await;
    wait_for_settings(root, "no latency jitter", |c| c.network.jitter_ms == 0).await;
    select(root, 3).await;
    click_labelled(root, "Crash").await;
    wait_for_text(root, "ol.log", "node 3 crashed").await;
    click_labelled(root, "+10 s").await;
    wait_for_text(root, "[data-testid=\"virtual-time\"]", "t = 10.000 s").await;
    // Step until two events in a row happen in the same millisecond: a heartbeat reaches its
    // peers together, so more of that millisecond's events are still to come.
    let mut same_ms = false;
    for _ in 0..200 {
        let (time, count) = (virtual_time(root), events(root));
        click_labelled(root, "Step").await;
        wait_for(root, "the step", || (events(root) != count).then_some(())).await;
        if virtual_time(root) == time {
            same_ms = true;
            break;
        }
    }
    assert!(same_ms, "some millisecond holds two events");
    change(root, ".monitor-table select", "2").await;
    wait_for_text(root, "h3", "What node 2 believes").await;
    let log = text(root, "ol.log");
    assert!(
        log.contains("node 3 crashed") && log.contains("node 2 ("),
        "node 2's history is there: {log}"
    );
}

#[wasm_bindgen_test]
async fn random_peers_start_from_thresholds_that_span_gossip_rounds_and_say_why() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-topology", "random").await;
    wait_for_text(root, "#hb-gossip-hint", "Gossip spreads news in rounds").await;
    wait_for_settings(root, "the suggested gossip thresholds", |c| {
        c.gossip_thresholds() == Some(c.detection.fixed)
    })
    .await;
    // The course's 5 s is too short for gossip: the hint says what to expect, and one click
    // brings the suggestion back.
    change(root, "#hb-timeout", "5").await;
    wait_for_text(
        root,
        "#hb-gossip-hint",
        "expect false positives with nothing broken",
    )
    .await;
    let undo = wait_for(root, "the button that applies the suggestion", || {
        query(root, "#hb-gossip-hint button")
    })
    .await;
    assert!(
        undo.text_content()
            .unwrap_or_default()
            .starts_with("Use suspect after"),
        "{:?}",
        undo.text_content()
    );
    click(&undo);
    wait_for_settings(root, "the suggestion again", |c| {
        c.gossip_thresholds() == Some(c.detection.fixed)
    })
    .await;
    // Back to a monitor with the suggestion untouched: the course's 3 s / 5 s again.
    change(root, "#hb-topology", "push").await;
    wait_for_settings(root, "the course's thresholds", |c| {
        c.detection.fixed == faultlab::sim::Config::default().detection.fixed
    })
    .await;
}

#[wasm_bindgen_test]
async fn central_pull_fails_a_check_whose_answer_is_late_and_ignores_the_answer() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-topology", "pull").await;
    let field = wait_for(root, "the failed-checks field", || {
        query(root, "#hb-failed-checks")
    })
    .await;
    assert_eq!(
        field
            .dyn_into::<web_sys::HtmlInputElement>()
            .map(|f| f.value())
            .as_deref(),
        Ok("1"),
        "one failed check declares a node dead by default"
    );
    wait_for_text(root, "label[for=\"hb-timeout\"]", "Check timeout").await;
    skip_seconds(root, 3).await;
    select(root, 2).await;
    change(root, "select[aria-label=\"Slow-down factor\"]", "1000").await;
    click_labelled(root, "Slow down").await;
    // 10× slower: every answer comes 18 s after its check, far past the 5 s timeout.
    for _ in 0..3 {
        let before = virtual_time(root);
        click_labelled(root, "+10 s").await;
        wait_for(root, "the clock to move on by 10 s", || {
            (virtual_time(root) != before).then_some(())
        })
        .await;
    }
    wait_for_text(root, "ol.log", "too late: that check had already failed").await;
    assert_eq!(belief(root, 2), "dead", "a late answer does not revive it");
}

#[wasm_bindgen_test]
async fn the_metrics_count_false_positives_per_observer_and_for_the_cluster_and_define_them() {
    let app = open().await;
    let root = &app.root;
    wait_for_text(root, ".metrics .definitions", "one mistake per episode").await;
    wait_for_text(root, ".metrics th", "false positives (cluster)").await;
    assert_eq!(
        text(
            root,
            "[data-testid=\"cluster-false-positives-fixed timeout\"]"
        ),
        "0"
    );
}

/// The marks the cluster drawing and the timeline can show: a selector that finds one on the
/// page, the legend that must explain it and the entry (`data-legend`) that does.
const MARKS: &[(&str, &str, &str)] = &[
    (
        "svg.cluster g.node.belief-alive",
        ".cluster-legend",
        "alive",
    ),
    (
        "svg.cluster g.node.belief-suspected",
        ".cluster-legend",
        "suspected",
    ),
    ("svg.cluster g.node.belief-dead", ".cluster-legend", "dead"),
    ("svg.cluster g.node.selected", ".cluster-legend", "selected"),
    ("svg.cluster .monitor", ".cluster-legend", "monitor"),
    (
        "svg.cluster .msg-heartbeat .msg",
        ".cluster-legend",
        "heartbeat",
    ),
    ("svg.cluster .msg-arrived", ".cluster-legend", "arrived"),
    ("svg.cluster .msg-dropped", ".cluster-legend", "dropped"),
    ("svg.cluster .cut-link", ".cluster-legend", "cut-link"),
    ("svg.cluster .leader-mark", ".cluster-legend", "leader"),
    ("svg.cluster g.node.side-a", ".cluster-legend", "side-a"),
    ("svg.cluster g.node.side-b", ".cluster-legend", "side-b"),
    (".timeline-svg .arrival", ".timeline-legend", "arrival"),
    (
        ".timeline-svg .span-suspected",
        ".timeline-legend",
        "span-suspected",
    ),
    (".timeline-svg .span-dead", ".timeline-legend", "span-dead"),
    (
        ".timeline-svg .span-crashed",
        ".timeline-legend",
        "span-crashed",
    ),
    (".timeline-svg .span-slow", ".timeline-legend", "span-slow"),
    (
        ".timeline-svg .span-overloaded",
        ".timeline-legend",
        "span-overloaded",
    ),
    (".timeline-svg .span-cut", ".timeline-legend", "span-cut"),
    (
        ".timeline-svg .threshold-timeout",
        ".timeline-legend",
        "threshold-timeout",
    ),
    (
        ".timeline-svg .threshold-phi",
        ".timeline-legend",
        "threshold-phi",
    ),
    (".timeline-svg .now", ".timeline-legend", "now"),
    (".timeline-svg .highlight", ".timeline-legend", "highlight"),
];

/// The ground truth's marks in the drawing, by their character.
const TRUTH_MARKS: &[(&str, &str)] = &[
    ("✕", "truth-crashed"),
    ("‖", "truth-paused"),
    ("≈", "truth-slow"),
    ("!", "truth-overloaded"),
    ("⌁", "truth-cut"),
];

/// The legend entries the page shows now for the marks it draws now, as (entry, explained);
/// an entry is explained when its legend has a line for it that says something.
fn marks_shown(root: &Element) -> Vec<(String, bool)> {
    let explained = |legend: &str, key: &str| {
        query(root, &format!("{legend} [data-legend=\"{key}\"]"))
            .is_some_and(|e| !e.text_content().unwrap_or_default().trim().is_empty())
    };
    let mut shown: Vec<(String, bool)> = MARKS
        .iter()
        .filter(|(selector, _, _)| query(root, selector).is_some())
        .map(|&(_, legend, key)| (key.to_string(), explained(legend, key)))
        .collect();
    for mark in query_all(root, "svg.cluster .truth-mark") {
        let character = mark.text_content().unwrap_or_default();
        let key = TRUTH_MARKS
            .iter()
            .find(|(c, _)| *c == character.trim())
            .map_or(
                format!("an unknown truth mark “{character}”"),
                |(_, k)| k.to_string(),
            );
        shown.push((key.clone(), explained(".cluster-legend", &key)));
    }
    shown
}

#[wasm_bindgen_test]
async fn the_legends_explain_every_mark_the_drawing_and_the_timeline_show() {
    let app = open().await;
    let root = &app.root;
    // Six nodes, both detectors: room for every fault at once and for both deadlines.
    change(root, "#hb-nodes", "6").await;
    change(root, "#hb-detector", "both").await;
    wait_for_settings(root, "six nodes and both detectors", |c| {
        c.nodes == 6 && c.detection.kinds().len() == 2
    })
    .await;
    skip_seconds(root, 3).await;
    select(root, 2).await;
    click_labelled(root, "Crash").await;
    skip_seconds(root, 3).await;
    for (node, button) in [(4, "Overload"), (5, "Slow down"), (6, "Cut off")] {
        select(root, node).await;
        click_labelled(root, button).await;
    }
    select(root, 3).await;
    let pause = query(root, "button[aria-label=\"Pause node 3 for 8 s\"]").expect("Pause");
    click(&pause);
    wait_for_text(root, ".selected-node", "paused").await;
    select(root, 1).await;
    // One link broken one way: node 1 to the monitor.
    let break_link = wait_for(root, "Break link to", || {
        query(
            root,
            "button[aria-label=\"Break link to the monitor, from node 1\"]",
        )
    })
    .await;
    click(&break_link);
    // Click a band, so the highlighted event's line shows too.
    let band = wait_for(root, "a band on the timeline", || {
        query(root, ".timeline-svg rect.span")
    })
    .await;
    click(&band);
    // Step event by event: messages leave, land and get lost, nodes fall silent. Every mark the
    // page shows at each step must have its legend entry, and by the end every mark must have
    // been seen.
    let mut seen: Vec<String> = Vec::new();
    let wanted: Vec<&str> = MARKS
        .iter()
        .map(|m| m.2)
        .chain(TRUTH_MARKS.iter().map(|t| t.1))
        .collect();
    for _ in 0..600 {
        for (key, explained) in marks_shown(root) {
            assert!(
                explained,
                "the page draws “{key}” but its legend does not explain it"
            );
            if !seen.contains(&key) {
                seen.push(key);
            }
        }
        if wanted.iter().all(|w| seen.iter().any(|s| s == w)) {
            break;
        }
        let before = text(root, ".clock");
        click_labelled(root, "Step").await;
        wait_for(root, "a step", || {
            (text(root, ".clock") != before).then_some(())
        })
        .await;
    }
    let missing: Vec<&&str> = wanted
        .iter()
        .filter(|w| !seen.iter().any(|s| s == *w))
        .collect();
    assert!(
        missing.is_empty(),
        "never drawn, so never checked: {missing:?}"
    );
}

#[wasm_bindgen_test]
async fn a_disabled_button_says_why_and_recover_on_a_cut_off_node_points_to_heal_network() {
    let app = open().await;
    let root = &app.root;
    // Every button that is off says why: in its tooltip and in a line it is described by; a
    // button that is on never claims to be off.
    let check_every_disabled_button = |moment: &str| {
        for b in query_all(root, "section.actions button") {
            if !b.has_attribute("disabled") {
                let title = b.get_attribute("title").unwrap_or_default();
                assert!(
                    !title.starts_with("Off"),
                    "{moment}: “{}” is on but says {title}",
                    b.text_content().unwrap_or_default()
                );
            }
        }
        let disabled: Vec<Element> = query_all(root, "section.actions button")
            .into_iter()
            .filter(|b| b.has_attribute("disabled"))
            .collect();
        assert!(!disabled.is_empty(), "{moment}: some button should be off");
        for b in disabled {
            let label = b.text_content().unwrap_or_default();
            let title = b.get_attribute("title").unwrap_or_default();
            assert!(
                !title.is_empty(),
                "{moment}: “{label}” is off without a tooltip"
            );
            let described = b
                .get_attribute("aria-describedby")
                .and_then(|id| document().get_element_by_id(&id))
                .map(|e| e.text_content().unwrap_or_default())
                .unwrap_or_default();
            assert!(
                !described.trim().is_empty(),
                "{moment}: “{label}” is off and nothing on the page says why"
            );
        }
    };
    check_every_disabled_button("with no node selected");
    select(root, 3).await;
    click_labelled(root, "Cut off").await;
    wait_for_text(root, ".selected-node", "cut off").await;
    check_every_disabled_button("with node 3 cut off");
    // A crashed node: its buttons say so, Recover included (it has nothing to clear).
    select(root, 2).await;
    click_labelled(root, "Crash").await;
    wait_for_text(root, ".selected-node", "crashed").await;
    check_every_disabled_button("with node 2 crashed");
    assert!(
        text(root, ".off-reasons").contains("Recover — node 2 has crashed"),
        "the reasons: {}",
        text(root, ".off-reasons")
    );
    select(root, 3).await;
    wait_for_text(root, ".selected-node", "cut off").await;
    let recover = query_all(root, "section.actions button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == "Recover")
        .expect("Recover");
    assert!(
        recover.has_attribute("disabled"),
        "Recover does not heal a cut"
    );
    let why = document()
        .get_element_by_id(&recover.get_attribute("aria-describedby").unwrap())
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(
        why.contains("Heal network") && why.contains("node 3"),
        "Recover's reason should point to Heal network: {why}"
    );
    assert!(
        text(root, ".off-reasons").contains("Heal network reconnects it"),
        "the reason shows beside the buttons"
    );
    click_labelled(root, "Heal network").await;
    wait_for(root, "node 3 to be reconnected", || {
        (!text(root, ".selected-node").contains("cut off")).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn every_term_the_page_uses_is_defined() {
    let app = open().await;
    let root = &app.root;
    let defined = |term: &str| {
        query(root, &format!(".glossary dt[data-term=\"{term}\"]"))
            .and_then(|dt| dt.next_element_sibling())
            .map(|dd| dd.text_content().unwrap_or_default())
            .filter(|d| d.len() > 20)
    };
    for term in [
        "heartbeat",
        "suspected",
        "dead",
        "timeout",
        "φ",
        "ground truth",
        "detection latency",
        "false positive",
        "false suspicion",
        "per observer",
        "cluster",
        "leader",
        "majority quorum",
        "lease",
        "epoch",
        "zombie",
        "split brain",
        "work items",
        "partition",
        "incarnation",
        "health score",
    ] {
        assert!(defined(term).is_some(), "“{term}” is not defined");
    }
    // The metrics' headings carry the definition of the term they count.
    let heading = wait_for_text(root, ".metrics th", "false suspicions").await;
    assert_eq!(
        heading.get_attribute("title"),
        defined("false suspicion"),
        "“false suspicions” carries its definition"
    );
}

#[wasm_bindgen_test]
async fn on_a_narrow_screen_the_timeline_shows_now() {
    let _style = PageStyle::load();
    let app = mount_app_narrow("#/heartbeats", 390).await;
    let root = &app.root;
    wait_for_text(root, "h3", "What the monitor believes").await;
    select(root, 2).await;
    click_labelled(root, "Crash").await;
    skip_seconds(root, 8).await;
    let scroller = query(root, ".timeline-scroll").expect("the timeline's box");
    let (box_left, _, box_right, _) = rect(&scroller);
    assert!(
        box_right - box_left < 390.0,
        "the box is narrow ({box_left}–{box_right})"
    );
    // "Now" is inside the box as the page opens it, without scrolling, and so is node 2's death.
    let (now_left, _, now_right, _) =
        wait_for(root, "the timeline drawn at its box's width", || {
            let now = rect(&query(root, ".timeline-svg line.now")?);
            (now.0 >= box_left && now.2 <= box_right).then_some(now)
        })
        .await;
    assert!(now_right > now_left - 1.0);
    let dead = query(root, ".timeline-svg rect.span-dead").expect("node 2's dead band");
    let (dead_left, _, dead_right, _) = rect(&dead);
    assert!(
        dead_left >= box_left && dead_right <= box_right + 0.5,
        "the dead band ({dead_left}–{dead_right}) is inside the box ({box_left}–{box_right})"
    );
    let scroll = scroller.dyn_ref::<web_sys::HtmlElement>().unwrap();
    assert_eq!(scroll.scroll_left(), 0);
    assert!(
        scroller.scroll_width() <= scroller.client_width() + 1,
        "nothing to scroll to"
    );
}

#[wasm_bindgen_test]
async fn at_1x_an_arrival_stays_on_screen_long_enough_to_see_and_does_not_move() {
    let app = open().await;
    let root = &app.root;
    click_labelled(root, "Play").await;
    let arrival = wait_for(root, "a heartbeat to arrive", || {
        query(root, "svg.cluster .msg-arrived")
    })
    .await;
    let appeared = js_sys::Date::now();
    let place = |e: &Element| {
        query(e, "circle.msg").map(|c| (c.get_attribute("cx"), c.get_attribute("cy")))
    };
    let at = place(&arrival);
    wait_for(root, "the arrival to fade away", || {
        assert_eq!(
            place(&arrival).or(at.clone()),
            at,
            "an arrival stays where it landed"
        );
        (!arrival.is_connected()).then_some(())
    })
    .await;
    let shown_ms = js_sys::Date::now() - appeared;
    // The message took 100 ms on the network; on screen it lasts the linger (700 ms) too.
    assert!(
        shown_ms >= 500.0,
        "an arrival was on screen for only {shown_ms:.0} ms"
    );
    click_labelled(root, "Pause").await;
}

/// The canvas's pixels in a square of `half` pixels around (`x`, `y`), as RGBA bytes.
fn canvas_pixels(canvas: &Element, x: f64, y: f64, half: f64) -> Vec<u8> {
    let read = js_sys::Function::new_with_args(
        "canvas, x, y, size",
        "return Array.from(canvas.getContext('2d').getImageData(x, y, size, size).data);",
    );
    let size = 2.0 * half;
    let data = js_sys::Reflect::apply(
        &read,
        &wasm_bindgen::JsValue::NULL,
        &js_sys::Array::of4(
            canvas,
            &(x - half).round().into(),
            &(y - half).round().into(),
            &size.round().into(),
        ),
    )
    .unwrap();
    js_sys::Array::from(&data)
        .iter()
        .map(|v| v.as_f64().unwrap_or(0.0) as u8)
        .collect()
}

/// How many pixels of `rgba` are within a small distance of the colour `hex` ("#rrggbb").
fn count_colour(rgba: &[u8], hex: &str) -> usize {
    let hex = hex.trim().trim_start_matches('#');
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as i32;
    let (r, g, b) = (channel(0), channel(2), channel(4));
    rgba.chunks(4)
        .filter(|p| {
            let d = (p[0] as i32 - r).abs() + (p[1] as i32 - g).abs() + (p[2] as i32 - b).abs();
            p[3] > 200 && d < 40
        })
        .count()
}

#[wasm_bindgen_test]
async fn among_a_thousand_nodes_a_dead_and_a_suspected_node_stand_out_without_being_selected() {
    // The page's colours, which the canvas reads from its stylesheet.
    let _style = PageStyle::load();
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-nodes", "1000").await;
    let canvas = wait_for(root, "the canvas", || query(root, "canvas.cluster")).await;
    skip_seconds(root, 2).await;
    select(root, 7).await;
    click_labelled(root, "Crash").await;
    skip_seconds(root, 4).await;
    select(root, 30).await;
    let pause = query(root, "button[aria-label=\"Pause node 30 for 8 s\"]").expect("Pause");
    click(&pause);
    // Neither is selected while the drawing is looked at, and the selection's ring (in the text
    // colour, like a suspected node's outline) is far from both.
    select(root, 50).await;
    for _ in 0..6 {
        if belief(root, 30) == "suspected" && belief(root, 7) == "dead" {
            break;
        }
        skip_seconds(root, 1).await;
    }
    assert_eq!(belief(root, 7), "dead");
    assert_eq!(belief(root, 30), "suspected");
    frames(2).await;
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&document().document_element().unwrap())
        .unwrap()
        .unwrap();
    let colour = |name: &str| style.get_property_value(name).unwrap();
    // Node i of 1000 sits on a circle of radius 280 around the middle of the 640-pixel canvas.
    let at = |i: u32| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * (i - 1) as f64 / 1000.0;
        (320.0 + 280.0 * angle.cos(), 320.0 + 280.0 * angle.sin())
    };
    let around = |i: u32| {
        let (x, y) = at(i);
        canvas_pixels(&canvas, x, y, 10.0)
    };
    let (dead, suspected) = (colour("--dead"), colour("--suspected"));
    // An alive node there is a bead 3 pixels across; a node worth finding is a disc 14 pixels
    // across in its belief's colour, inside a halo.
    assert!(
        count_colour(&around(7), &dead) >= 100,
        "node 7 (dead) does not stand out"
    );
    assert!(
        count_colour(&around(30), &suspected) >= 80,
        "node 30 (suspected) does not stand out"
    );
    // Suspected, not only by colour: a dashed outline in the text colour (stamped around it).
    let outline = count_colour(&around(30), &colour("--fg"));
    assert!(
        outline >= 10,
        "node 30 (suspected) has no dashed outline ({outline} pixels in the text colour)"
    );
    assert_eq!(
        count_colour(&around(7), &colour("--fg")),
        0,
        "a dead node is struck through, not outlined"
    );
    let alive = around(507);
    assert_eq!(
        count_colour(&alive, &dead) + count_colour(&alive, &suspected),
        0
    );
}

#[wasm_bindgen_test]
async fn with_swim_a_crashed_node_is_suspected_then_dead_and_the_log_shows_the_indirect_probes() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-topology", "swim-lan").await;
    wait_for_text(root, ".notice", "New run").await;
    wait_for_text(root, ".settings", "Protocol period (probe interval)").await;
    skip_seconds(root, 2).await;
    select(root, 4).await;
    click_labelled(root, "Crash").await;
    // Probes of node 4 go unanswered: someone asks others to probe it, then suspects it.
    skip_seconds(root, 3).await;
    wait_for_text(root, "ol.log", "in time and asked").await;
    skip_seconds(root, 30).await;
    assert_eq!(belief(root, 4), "dead");
    let log = text(root, "ol.log");
    assert!(
        log.contains("(SWIM) now believes node 4 is suspected"),
        "{log}"
    );
    assert!(log.contains("(SWIM) now believes node 4 is dead"), "{log}");
    // The legend names every kind of SWIM message, and the news riding on them.
    for key in [
        "ping",
        "ping-req",
        "ack",
        "forwarded-ack",
        "nack",
        "sync",
        "news",
    ] {
        assert!(
            query(root, &format!(".cluster-legend [data-legend=\"{key}\"]")).is_some(),
            "the legend lacks {key}"
        );
    }
    // The metrics say how the news spread and what each member sends.
    let spread = text(root, ".metrics [data-testid=spread-summary]");
    assert!(
        spread.contains("first suspected after") && spread.contains("observers knew after"),
        "{spread}"
    );
    assert!(
        text(root, "[data-testid=per-member-load]").contains("messages/s sent on average"),
        "per-member load"
    );
    assert!(query(root, ".metrics svg.spread-plot polyline").is_some());
}

#[wasm_bindgen_test]
async fn with_swim_the_explorer_varies_the_suspicion_multiplier() {
    let app = open().await;
    let root = &app.root;
    change(root, "#hb-topology", "swim-lan").await;
    wait_for_text(root, ".notice", "New run").await;
    wait_for_text(root, ".explorer select", "the suspicion multiplier").await;
    change(root, ".explorer select", "suspicion multiplier").await;
    type_into(
        &query(root, "input[aria-label=\"Virtual minutes per run\"]").unwrap(),
        "6",
    );
    wait_for(root, "the explorer to take 6 min", || {
        query(root, ".explorer[data-minutes=\"6\"]")
    })
    .await;
    let plot = run_the_explorer(root).await;
    // The whole multipliers 1 to 8, the one in force (4) among them and ringed.
    assert_eq!(query_all(&plot, "circle.point").len(), 8);
    assert!(query(&plot, "circle.current").is_some());
    wait_for_text(root, "#explorer-result", "(×4), which is the ringed point").await;
}
