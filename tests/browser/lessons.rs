//! The lesson stage, as a learner meets it: nothing plays until they press the step's button, a
//! question waits for their prediction, the step's button does what its text says, the answer
//! comes with its explanation, and their progress and predictions are kept.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlButtonElement, HtmlInputElement};

use crate::support::*;

/// The step's button.
fn go_button(root: &Element) -> HtmlButtonElement {
    query(root, "[data-testid=step-go]")
        .expect("the step's button")
        .dyn_into()
        .unwrap()
}

/// Chooses the option whose words contain `words`.
async fn choose(root: &Element, words: &str) {
    let label = wait_for_text(root, ".prediction label.choice", words).await;
    let input = label
        .query_selector("input")
        .unwrap()
        .expect("a radio button");
    click(&input);
    wait_for(root, "the choice to register", || {
        (!go_button(root).disabled()).then_some(())
    })
    .await;
}

/// Presses the step's button, skips to its moment, and waits for what came of it.
async fn go_and_skip(root: &Element) {
    click(&go_button(root));
    if query(root, "[data-testid=step-next]").is_none() {
        if let Some(skip) = query_all(root, "button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default() == "Skip to the moment")
        {
            click(&skip);
        }
    }
    wait_for_text(root, "[data-testid=step-next]", "").await;
}

async fn next_step(root: &Element, k: usize) {
    click(&query(root, "[data-testid=step-next]").expect("the next button"));
    wait_for_text(root, "#step-heading", &format!("Step {k} of")).await;
}

#[wasm_bindgen_test]
async fn a_lesson_waits_for_the_learner_and_a_question_for_a_prediction() {
    let _style = PageStyle::load();
    let app = mount_app("#/lessons/1").await;
    let root = &app.root;
    wait_for_text(root, "#step-heading", "Step 1 of 3").await;
    wait_for_text(root, "[data-testid=stage-clock]", "Virtual time 0.000 s").await;
    frames(20).await;
    assert!(
        text(root, "[data-testid=stage-clock]").contains("0.000 s · stopped"),
        "nothing plays before the learner presses Start"
    );
    assert_eq!(go_button(root).text_content().unwrap(), "Start");
    let outcome: web_sys::HtmlElement = query(root, "[data-testid=step-outcome]")
        .expect("the outcome's place")
        .dyn_into()
        .unwrap();
    assert_eq!(
        outcome.offset_height(),
        0,
        "before Start there is no outcome yet, and no empty box for it"
    );
    go_and_skip(root).await;
    assert!(text(root, "[data-testid=stage-clock]").contains("8.000 s"));
    next_step(root, 2).await;
    assert!(
        go_button(root).disabled(),
        "the button waits for a prediction"
    );
    wait_for_text(root, ".step-go", "Answer first").await;
    let number: HtmlInputElement = query(root, ".prediction input[type=text]")
        .expect("a number to type")
        .dyn_into()
        .unwrap();
    type_into(&number, "4");
    wait_for(root, "the typed number to register", || {
        (!go_button(root).disabled()).then_some(())
    })
    .await;
    go_and_skip(root).await;
    wait_for_text(root, "[data-testid=answer]", "You said “4 s”: right.").await;
    wait_for_text(root, "[data-testid=answer]", "Answer: 3 to 5 s.").await;
    wait_for_text(
        root,
        "[data-testid=answer]",
        "it counts from the last heartbeat",
    )
    .await;
    assert_eq!(
        text(root, "[data-testid=\"stage-detections-fixed timeout\"]").trim(),
        "1"
    );
    // The third step's button restarts node 2, and the table then calls it alive.
    next_step(root, 3).await;
    choose(root, "When its first new heartbeat arrives").await;
    assert_eq!(go_button(root).text_content().unwrap(), "Restart node 2");
    go_and_skip(root).await;
    wait_for_text(
        root,
        ".monitor-table tr[data-node=\"2\"] td.belief",
        "alive",
    )
    .await;
}

#[wasm_bindgen_test]
async fn lesson_2_hides_the_truth_until_its_step_shows_it() {
    let app = mount_app("#/lessons/2").await;
    let root = &app.root;
    wait_for_text(
        root,
        ".step-card",
        "A missing heartbeat can mean four things",
    )
    .await;
    choose(root, "The same for all four").await;
    go_and_skip(root).await;
    wait_for_text(root, "[data-testid=answer]", "right").await;
    wait_for_text(root, ".monitor-table tr[data-node=\"1\"] td.belief", "dead").await;
    assert!(!text(root, ".monitor-table").contains("crashed"));
    assert!(!text(root, "svg.cluster").contains("crashed"));
    next_step(root, 2).await;
    choose(root, "The monitor cannot tell").await;
    go_and_skip(root).await;
    wait_for_text(
        root,
        ".monitor-table tr[data-node=\"1\"] td.truth",
        "crashed",
    )
    .await;
    assert!(text(root, ".monitor-table tr[data-node=\"2\"] td.truth").contains("paused"));
    assert!(text(root, ".monitor-table tr[data-node=\"3\"] td.truth").contains("cut off"));
    assert!(text(root, ".monitor-table tr[data-node=\"4\"] td.truth").contains("overloaded"));
}

#[wasm_bindgen_test]
async fn a_replay_step_changes_the_setting_it_names_and_the_playground_gets_the_same_run() {
    use faultlab::scenario::{Scenario, decode};
    let app = mount_app("#/lessons/3").await;
    let root = &app.root;
    choose(root, "Node 6, and running nodes too").await;
    go_and_skip(root).await;
    let short: u32 = text(
        root,
        "[data-testid=\"stage-false-positives-fixed timeout\"]",
    )
    .trim()
    .parse()
    .unwrap();
    assert!(short > 0, "a 2.5 s timeout makes false positives");
    next_step(root, 2).await;
    choose(
        root,
        "No false positives, and node 6 is declared dead later",
    )
    .await;
    assert_eq!(
        go_button(root).text_content().unwrap(),
        "Set the timeout to 8 s and replay"
    );
    go_and_skip(root).await;
    wait_for_text(
        root,
        "[data-testid=\"stage-false-positives-fixed timeout\"]",
        "0",
    )
    .await;
    let link = query(root, "[data-testid=open-playground]")
        .expect("a link to the playground")
        .get_attribute("href")
        .unwrap();
    let encoded = link
        .split("s=")
        .nth(1)
        .expect("a share link")
        .split('&')
        .next()
        .unwrap();
    let Ok(Scenario::Heartbeats(h)) = decode(encoded) else {
        panic!("the link opens a Heartbeats run: {link}");
    };
    assert_eq!(h.config.detection.fixed.timeout_ms, 8_000);
    assert_eq!(
        h.start_at_ms, 30_000,
        "the playground opens where the lesson stands"
    );
}

#[wasm_bindgen_test]
async fn going_back_a_step_sets_the_stage_where_that_step_began() {
    let app = mount_app("#/lessons/6").await;
    let root = &app.root;
    choose(root, "Two: node 1 and node 4").await;
    go_and_skip(root).await;
    wait_for_text(root, "[data-testid=stage-leaders]", "node 4").await;
    next_step(root, 2).await;
    choose(root, "It has no leader").await;
    go_and_skip(root).await;
    wait_for_text(root, "[data-testid=stage-no-quorum]", "node 4 asks to lead").await;
    click_labelled(root, "← Previous step").await;
    wait_for_text(root, "#step-heading", "Step 1 of 3").await;
    wait_for_text(root, "[data-testid=stage-clock]", "Virtual time 0.000 s").await;
    assert!(
        query(root, "[data-testid=stage-no-quorum]").is_none(),
        "the first step runs without the quorum again"
    );
}

#[wasm_bindgen_test]
async fn predictions_and_progress_are_kept_across_reloads() {
    let app = mount_app("#/lessons/9").await;
    let root = &app.root;
    choose(root, "About half of them").await;
    go_and_skip(root).await;
    wait_for_text(
        root,
        "[data-testid=answer]",
        "You said “About half of them”: right.",
    )
    .await;
    wait_for_text(root, "[data-testid=stage-data]", "Pay Alice 000 euros").await;
    drop(app);
    let list = remount_app("#/lessons").await;
    let item = wait_for_text(&list.root, "ol.lesson-list li", "A flipped bit").await;
    let said = item.text_content().unwrap();
    assert!(
        said.contains("1 of 3 predictions right"),
        "the list keeps the score: {said}"
    );
    drop(list);
    let again = remount_app("#/lessons/9").await;
    let root = &again.root;
    wait_for_text(root, "#step-heading", "Step 1 of 3").await;
    let checked = wait_for(root, "the kept prediction", || {
        query_all(root, ".prediction input[type=radio]")
            .into_iter()
            .position(|i| i.dyn_into::<HtmlInputElement>().unwrap().checked())
    })
    .await;
    assert_eq!(checked, 2, "the learner's prediction is chosen again");
    for k in 1..=3 {
        if k > 1 {
            next_step(root, k).await;
            let first = query(root, ".prediction input[type=radio]").unwrap();
            click(&first);
            wait_for(root, "the choice to register", || {
                (!go_button(root).disabled()).then_some(())
            })
            .await;
        }
        go_and_skip(root).await;
    }
    wait_for_text(root, "[data-testid=read-result]", "Read failed").await;
    click_labelled(root, "Finish the lesson ✓").await;
    wait_for_text(root, "[data-testid=lesson-done]", "done").await;
    drop(again);
    let list = remount_app("#/lessons").await;
    wait_for_text(&list.root, ".lessons .explain", "1 of 14 done").await;
    wait_for_text(&list.root, "ol.lesson-list li.done", "A flipped bit").await;
}

#[wasm_bindgen_test]
async fn unreadable_saved_progress_is_reported_and_the_lessons_still_open() {
    let first = mount_app("#/lessons").await;
    drop(first);
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("faultlab.lessons.progress", "{not json")
        .unwrap();
    let app = remount_app("#/lessons/1").await;
    wait_for_text(&app.root, ".notice", "could not be read").await;
    wait_for_text(&app.root, "#step-heading", "Step 1 of 3").await;
}

#[wasm_bindgen_test]
async fn lesson_11_marks_where_what_the_read_returned_differs_from_what_was_written() {
    let app = mount_app("#/lessons/11").await;
    let root = &app.root;
    choose(root, "No: the checksum was computed from the damaged data").await;
    go_and_skip(root).await;
    wait_for_text(root, "[data-testid=\"read-result\"]", "Read returned").await;
    let said = wait_for_text(
        root,
        "[data-testid=\"differs\"]",
        "the data returned is not what the client wrote: byte",
    )
    .await;
    let marked =
        query(root, "[data-testid=\"returned\"] mark").expect("the damaged byte is marked");
    let said = said.text_content().unwrap();
    assert!(
        said.contains(&format!("is 0x{}", marked.text_content().unwrap())),
        "the marked byte is the one the truth names: {said}"
    );
    assert_eq!(
        query_all(root, "li.replica mark").len(),
        3,
        "every replica shows the damaged byte"
    );
}
