//! Long work on a run (a link replayed to its moment) goes on in slices: the page shows how far
//! it got, Cancel stops it, and the run it ends with is the run one long task would have made.

use faultlab::scenario::checksum_session::ChecksumSession;
use faultlab::scenario::heartbeats_run::{HeartbeatsRun, plain};
use faultlab::scenario::{ChecksumsScenario, HeartbeatsScenario, Scenario, encode};
use faultlab::sim::{Config, Topology};
use wasm_bindgen_test::*;

use crate::heavy_checksums::truncated_and_restored;
use crate::support::*;

/// A busy run (60 nodes, every one heartbeating every other one each second) opened 40 s in.
fn busy_scenario() -> HeartbeatsScenario {
    let mut scenario = plain(Config {
        nodes: 60,
        topology: Topology::AllToAll,
        interval_ms: 1_000,
        ..Config::default()
    });
    scenario.start_at_ms = 40_000;
    scenario
}

fn link(scenario: &HeartbeatsScenario) -> String {
    format!(
        "#/heartbeats?s={}",
        encode(&Scenario::Heartbeats(scenario.clone())).unwrap()
    )
}

fn clock(root: &web_sys::Element) -> String {
    text(root, "[data-testid=\"virtual-time\"]")
}

#[wasm_bindgen_test]
async fn a_long_replay_shows_its_progress_and_opens_the_same_run() {
    let scenario = busy_scenario();
    let app = mount_app(&link(&scenario)).await;
    let root = &app.root;
    let progress = wait_for_text(root, "[data-testid=\"catch-up\"]", "Replaying the run").await;
    assert!(
        query(&progress, "progress").is_some() && query(&progress, "button").is_some(),
        "a progress bar and a Cancel button"
    );
    let said = progress.text_content().unwrap_or_default();
    assert!(
        said.contains("of 40.000 s"),
        "it says where it is going: {said}"
    );
    wait_for(root, "the replay to end", || {
        query(root, "[data-testid=\"catch-up\"]")
            .is_none()
            .then_some(())
    })
    .await;
    let whole = HeartbeatsRun::open(&scenario).unwrap();
    let expected = format!("t = 40.000 s · {} events", whole.world().events_processed());
    let shown = text(root, ".run-bar .clock");
    assert!(
        shown.starts_with(&expected),
        "the same run as one replay: {shown} (expected {expected})"
    );
}

#[wasm_bindgen_test]
async fn cancel_stops_a_long_replay_where_it_got_and_the_run_stays_there() {
    let app = mount_app(&link(&busy_scenario())).await;
    let root = &app.root;
    let progress = wait_for_text(root, "[data-testid=\"catch-up\"]", "Replaying the run").await;
    let cancel = query(&progress, "button").expect("Cancel");
    assert_eq!(cancel.text_content().unwrap(), "Cancel");
    click(&cancel);
    let notice = wait_for_text(root, ".notice", "Stopped at t = ").await;
    assert!(
        notice.text_content().unwrap().contains("before 40.000 s"),
        "{}",
        notice.text_content().unwrap()
    );
    assert!(query(root, "[data-testid=\"catch-up\"]").is_none());
    let stopped = clock(root);
    assert_ne!(stopped, "t = 40.000 s", "it stopped before the end");
    // Nothing goes on in the background: twenty frames later the clock still says the same.
    frames(20).await;
    assert_eq!(clock(root), stopped);
    assert_eq!(text(root, "button.play"), "Play");
}

#[wasm_bindgen_test]
async fn a_long_view_of_replay_shows_its_progress_and_cancel_keeps_the_view_it_had() {
    let app = mount_app(&link(&busy_scenario())).await;
    let root = &app.root;
    wait_for(root, "the link's replay to end", || {
        query(root, "[data-testid=\"catch-up\"]")
            .is_none()
            .then_some(())
    })
    .await;
    assert_eq!(clock(root), "t = 40.000 s");
    // 60 nodes: the view is chosen by number.
    change(root, ".monitor-table input.node-number", "2").await;
    let progress = wait_for_text(
        root,
        "[data-testid=\"catch-up\"]",
        "show what node 2 believed before",
    )
    .await;
    click(&query(&progress, "button").expect("Cancel"));
    wait_for_text(
        root,
        ".notice",
        "Cancelled: the page still shows what node 1 believes, not node 2.",
    )
    .await;
    assert_eq!(clock(root), "t = 40.000 s", "the run itself did not move");
    wait_for(root, "the picker to show node 1 again", || {
        let input = query(root, ".monitor-table input.node-number")?;
        let value = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(input)
            .ok()?
            .value();
        (value == "1").then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_link_whose_scheduled_action_cannot_be_applied_says_so_once_replayed() {
    use faultlab::scenario::TimedCommand;
    use faultlab::sim::{Command, NodeId};
    let mut scenario = plain(Config::default());
    // Node 2 is up at 3 s: restarting it cannot be done.
    scenario.schedule.push(TimedCommand {
        at_ms: 3_000,
        command: Command::Restart { node: NodeId(2) },
    });
    scenario.start_at_ms = 6_000;
    let app = mount_app(&link(&scenario)).await;
    let root = &app.root;
    let notice = wait_for_text(root, ".notice", "could not be applied").await;
    let said = notice.text_content().unwrap_or_default();
    assert!(
        said.starts_with("Opened a shared scenario")
            && said.contains("One of its scheduled actions could not be applied"),
        "{said}"
    );
    assert_eq!(clock(root), "t = 6.000 s");
}

fn checksums_link(scenario: &ChecksumsScenario) -> String {
    format!(
        "#/checksums?s={}",
        encode(&Scenario::Checksums(scenario.clone())).unwrap()
    )
}

/// How many steps the opening panel says it has replayed.
fn replayed(panel: &web_sys::Element) -> usize {
    let said = panel.text_content().unwrap_or_default();
    said.split("Replayed ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[wasm_bindgen_test]
async fn a_heavy_checksums_link_opens_a_slice_at_a_time_to_the_same_session() {
    clear_storage();
    // Heavy enough to take many slices even where copying is quick: the panel must be seen.
    let scenario = truncated_and_restored(32 << 20, 3);
    let app = mount_app(&checksums_link(&scenario)).await;
    let root = &app.root;
    let panel = wait_for_text(root, "[data-testid=\"opening\"]", "Opening").await;
    assert!(
        query(&panel, "progress").is_some(),
        "a progress bar: {}",
        panel.text_content().unwrap_or_default()
    );
    assert_eq!(
        query(&panel, "button")
            .and_then(|b| b.text_content())
            .as_deref(),
        Some("Stop here")
    );
    wait_for(root, "the opening to end", || {
        query(root, "[data-testid=\"opening\"]")
            .is_none()
            .then_some(())
    })
    .await;
    // The session one replay in one go makes: the data back at 32 MiB after the third flip
    // (a restore), and all four steps recorded.
    let whole = ChecksumSession::replay(&scenario).unwrap();
    assert_eq!(whole.history().data().len(), 32 << 20);
    wait_for_text(root, "[data-testid=\"data-size\"]", "33,554,432 bytes").await;
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "Replayed 4 recorded steps.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn typing_after_a_heavy_checksums_link_has_opened_changes_the_data() {
    // Opening in slices ends with a new session in place of the placeholder: what the learner
    // types then must reach that one.
    clear_storage();
    let scenario = truncated_and_restored(32 << 20, 2);
    let app = mount_app(&checksums_link(&scenario)).await;
    let root = &app.root;
    wait_for_text(root, "[data-testid=\"opening\"]", "Opening").await;
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        "Replayed 3 recorded steps.",
    )
    .await;
    wait_for_text(root, "[data-testid=\"data-size\"]", "0 bytes").await;
    // The random bytes it started from showed as hex.
    click_labelled(root, "Text").await;
    let area = wait_for(root, "the text box", || query(root, "textarea")).await;
    type_into(&area, "typed after opening");
    wait_for_text(root, "[data-testid=\"data-size\"]", "19 bytes").await;
}

#[wasm_bindgen_test]
async fn stop_here_keeps_the_checksums_steps_replayed_so_far() {
    clear_storage();
    let scenario = truncated_and_restored(2 << 20, 400);
    let app = mount_app(&checksums_link(&scenario)).await;
    let root = &app.root;
    let panel = wait_for(root, "a step replayed", || {
        query(root, "[data-testid=\"opening\"]").filter(|p| replayed(p) >= 1)
    })
    .await;
    let before = replayed(&panel);
    click(&query(&panel, "button").expect("Stop here"));
    let notice = wait_for_text(root, ".notice", "Stopped after ").await;
    let said = notice.text_content().unwrap_or_default();
    let stopped: usize = said
        .split("Stopped after ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("how many steps");
    assert!(
        (before..401).contains(&stopped),
        "stopped where it got to: {said}"
    );
    assert!(said.contains("of 401 recorded steps"), "{said}");
    assert!(query(root, "[data-testid=\"opening\"]").is_none());
    wait_for_text(
        root,
        "[data-testid=\"last-change\"]",
        &format!("Replayed {stopped} recorded steps."),
    )
    .await;
    // The steps replayed so far: an even count of flips leaves the data truncated.
    let prefix = ChecksumsScenario {
        steps: scenario.steps[..stopped].to_vec(),
        ..scenario.clone()
    };
    let len = ChecksumSession::replay(&prefix)
        .unwrap()
        .history()
        .data()
        .len();
    let size = text(root, "[data-testid=\"data-size\"]");
    assert!(
        size.starts_with(&faultlab::checksum::bytes_label(len)),
        "the data of the first {stopped} steps ({len} bytes): {size}"
    );
}

#[wasm_bindgen_test]
async fn stop_while_the_starting_data_is_made_stops_once_it_is_made() {
    clear_storage();
    let scenario = truncated_and_restored(16 << 20, 3);
    let app = mount_app(&checksums_link(&scenario)).await;
    let root = &app.root;
    let panel = wait_for_text(
        root,
        "[data-testid=\"opening\"]",
        "Making the starting data (random bytes)",
    )
    .await;
    click(&query(&panel, "button").expect("Stop here"));
    let notice = wait_for_text(root, ".notice", "Stopped after 0 of 4 recorded steps").await;
    assert!(query(root, "[data-testid=\"opening\"]").is_none());
    // The starting data, whole, and none of the steps.
    wait_for_text(root, "[data-testid=\"data-size\"]", "16,777,216 bytes").await;
    assert!(
        notice
            .text_content()
            .unwrap_or_default()
            .contains("the session is whole up to there"),
        "{}",
        notice.text_content().unwrap_or_default()
    );
}
