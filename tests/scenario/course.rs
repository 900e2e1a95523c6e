//! Course packs and lesson links: a course file keeps its valid lessons and names every problem
//! (lesson and field), the README's example course plays as its texts say on many seeds, and a
//! lesson link round-trips and refuses anything damaged without panicking.

use faultlab::checksum::{Algorithm, Digests};
use faultlab::scenario::cost;
use faultlab::scenario::lessons::claims::{LessonRun, SessionRun, transitions};
use faultlab::scenario::lessons::course::{
    self, FIRST_COURSE_NUMBER, LessonEntry, MAX_PAUSE_S, MAX_STAGE_REPLAY_BYTES, install_course,
    install_linked, read_course,
};
use faultlab::scenario::{Lesson, encode};
use faultlab::sim::{Belief, MONITOR, NodeId, World};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../../examples/course.json");

/// What the monitor's deciding detector believes of `node` in `world` (alive until it says
/// otherwise).
fn monitor_belief(world: &World, node: u32) -> Belief {
    let decides = world.detectors()[0];
    transitions(world)
        .filter(|t| t.observer == MONITOR && t.node == NodeId(node) && t.detector == decides)
        .last()
        .map_or(Belief::Alive, |t| t.to)
}

fn crashed(world: &World, node: u32) -> bool {
    world.truth(NodeId(node)).crashed
}

fn example_lesson(k: usize) -> &'static Lesson {
    let course = read_course(EXAMPLE).expect("the example course reads");
    install_course(&course);
    Lesson::by_number(FIRST_COURSE_NUMBER + k as u8 - 1).expect("installed")
}

#[test]
fn the_example_course_reads_without_a_problem() {
    let course = read_course(EXAMPLE).unwrap();
    assert_eq!(course.title, "Distributed Systems 101: noticing failure");
    assert!(!course.replace_builtin);
    assert_eq!(course.lessons.len(), 3);
    assert_eq!(course.problems, vec![]);
    // Saved by an editor that writes a byte order mark first: the same course.
    let marked = [&b"\xEF\xBB\xBF"[..], EXAMPLE.as_bytes()].concat();
    assert_eq!(read_course(&marked).unwrap().lessons.len(), 3);
}

#[test]
fn example_lesson_1_the_crashed_node_is_suspected_then_dead_by_8_2_s_on_100_seeds() {
    let lesson = example_lesson(1);
    assert!(
        lesson
            .words()
            .iter()
            .any(|w| w.contains("Node 3 crashes at 3 s"))
    );
    for seed in 0..100 {
        let run = LessonRun::new(lesson, seed).unwrap();
        let w = run.after(1);
        assert_eq!(w.now().ms(), 9_000);
        assert_eq!(monitor_belief(w, 3), Belief::Dead, "seed {seed}");
        let decides = w.detectors()[0];
        let about_3: Vec<_> = transitions(w)
            .filter(|t| t.observer == MONITOR && t.node == NodeId(3) && t.detector == decides)
            .collect();
        assert_eq!(about_3.len(), 2, "seed {seed}: {about_3:?}");
        assert_eq!(about_3[0].to, Belief::Suspected, "seed {seed}");
        assert!(
            about_3[1].at.ms() <= 8_200,
            "seed {seed}: dead at {:?}",
            about_3[1].at
        );
    }
}

#[test]
fn example_lesson_2_the_slow_node_is_declared_dead_though_it_never_crashed_on_100_seeds() {
    let lesson = example_lesson(2);
    for seed in 0..100 {
        let run = LessonRun::new(lesson, seed).unwrap();
        let w = run.after(1);
        assert_eq!(w.now().ms(), 9_000);
        assert_eq!(monitor_belief(w, 2), Belief::Dead, "seed {seed}");
        assert!(!crashed(w, 2), "seed {seed}: node 2 must not crash");
    }
}

#[test]
fn example_lesson_3_no_checksum_of_the_damaged_data_matches_the_good_copy() {
    let lesson = example_lesson(3);
    let run = SessionRun::new(lesson).unwrap();
    let s = run.after(1);
    assert_eq!(s.history().data(), b"Pay Alice 000 euros");
    let now = Digests::compute(s.history().data(), &Algorithm::ALL);
    let good = Digests::compute(s.history().good(), &Algorithm::ALL);
    for a in Algorithm::ALL {
        assert_ne!(now.get(a), good.get(a), "{}", a.name());
    }
}

#[test]
fn a_course_lesson_is_one_step_that_asks_plays_to_the_pause_and_explains() {
    let lesson = example_lesson(1);
    assert_eq!(lesson.number, FIRST_COURSE_NUMBER);
    assert!(lesson.is_heartbeats() && lesson.is_from_a_course());
    assert_eq!(lesson.steps.len(), 1);
    let step = &lesson.steps[0];
    assert_eq!(step.until_ms, 9_000);
    assert_eq!(step.label, "Play to 9 s");
    assert_eq!(step.text.len(), 2, "a blank line starts a paragraph");
    let q = step.question.as_ref().unwrap();
    assert_eq!(q.right_answer(), "dead");
    assert!(q.explanation.contains("by 8.2 s at the latest"));
    assert_eq!(course::slug(lesson.number), "course-1");
    assert_eq!(course::number_of("course-1"), Some(lesson.number));
}

fn entry() -> LessonEntry {
    let course = read_course(EXAMPLE).unwrap();
    course.lessons[0].clone()
}

fn problems_of(json: &str) -> Vec<String> {
    read_course(json)
        .unwrap()
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn a_partly_invalid_course_keeps_its_valid_lessons_and_names_each_problem() {
    let good = serde_json::to_value(entry()).unwrap();
    let mut wrong_answer = good.clone();
    wrong_answer["answer"] = "maybe".into();
    let mut no_text = good.clone();
    no_text.as_object_mut().unwrap().remove("text");
    let mut bad_link = good.clone();
    bad_link["scenario"] =
        "AgAFANAPAAC4F4gnAAAAAAAAFEAAAAAAAAAgQGRkAGQeAAAAAAAAAAAUCgAAAQEBuBcAAwABADBQooV".into();
    let mut late = good.clone();
    late["pause_at_s"] = 500.into();
    let mut extra = good.clone();
    extra["colour"] = "red".into();
    let file = serde_json::json!({
        "title": "Mixed", "lessons": [good, wrong_answer, no_text, bad_link, late, 7, extra]
    });
    let course = read_course(file.to_string()).unwrap();
    assert_eq!(
        course.lessons.len(),
        2,
        "the good lesson and the one with an unknown field"
    );
    let said: Vec<String> = course.problems.iter().map(|p| p.to_string()).collect();
    let expect = [
        "course.json, lesson 2 (“The monitor notices a crash”), field “answer”: “maybe” is not one of the choices, word for word. This lesson is left out",
        "course.json, lesson 3 (“The monitor notices a crash”), field “text”: is missing. This lesson is left out",
        "course.json, lesson 4 (“The monitor notices a crash”), field “scenario”: is not a Faultlab share link that opens: the link",
        "course.json, lesson 5 (“The monitor notices a crash”), field “pause_at_s”: must be between 0 and 160 seconds",
        "course.json, lesson 6: each lesson must be a JSON object",
        "course.json, lesson 7 (“The monitor notices a crash”), field “colour”: Faultlab does not know this field and ignores it",
    ];
    assert_eq!(said.len(), expect.len(), "{said:#?}");
    for (s, e) in said.iter().zip(expect) {
        assert!(s.starts_with(e), "{s}\n  does not start with\n{e}");
    }
    assert_eq!(MAX_PAUSE_S, 160.0);
}

#[test]
fn a_course_that_is_not_usable_says_why_and_never_replaces_the_builtin_lessons() {
    let whole = |t: &str| read_course(t).unwrap_err().to_string();
    assert!(whole("{ not json").starts_with("course.json: it is not JSON"));
    assert!(whole("[1, 2]").contains("must be one JSON object"));
    assert!(
        whole(r#"{"title": "x"}"#).contains("field “lessons”: there must be a list of lessons")
    );
    let empty =
        read_course(r#"{"title": "x", "replace_builtin": true, "lessons": [{"title": "t"}]}"#)
            .unwrap();
    assert!(empty.lessons.is_empty());
    assert!(
        !empty.replace_builtin,
        "a course with nothing to play keeps the built-in lessons"
    );
    assert!(
        problems_of(r#"{"lessons": [], "replace_builtin": "yes"}"#)[0]
            .contains("must be true or false")
    );
}

#[test]
fn a_lesson_without_a_question_or_with_a_checksums_stage_still_checks() {
    let mut e = entry();
    e.question = None;
    e.choices.clear();
    e.answer = None;
    assert!(e.check().unwrap().question.is_none());
    e.choices = vec!["a".into(), "b".into()];
    assert_eq!(e.check().unwrap_err().field, "question");
    let mut e = entry();
    e.choices.truncate(1);
    assert_eq!(e.check().unwrap_err().field, "choices");
    // Without a pause, the stage stops where the link was copied.
    let mut h = match faultlab::scenario::decode(&encode(&LESSON_SCENARIO()).unwrap()).unwrap() {
        faultlab::scenario::Scenario::Heartbeats(h) => h,
        _ => unreachable!(),
    };
    h.start_at_ms = 12_500;
    let mut e = entry();
    e.scenario = encode(&faultlab::scenario::Scenario::Heartbeats(h)).unwrap();
    e.pause_at_s = None;
    assert_eq!(e.check().unwrap().pause_at_ms, 12_500);
}

#[allow(non_snake_case)]
fn LESSON_SCENARIO() -> faultlab::scenario::Scenario {
    faultlab::scenario::LESSONS[0].build()
}

#[test]
fn a_lesson_link_round_trips_and_opens_as_the_shared_lesson() {
    // Without its optional fields too: the link's binary form has no field names to skip by.
    let mut bare = entry();
    bare.explanation = None;
    bare.pause_at_s = None;
    assert_eq!(
        LessonEntry::from_link(&bare.to_link().unwrap()).unwrap(),
        bare
    );
    let e = entry();
    let link = e.to_link().unwrap();
    assert!(
        link.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
    assert_eq!(LessonEntry::from_link(&link).unwrap(), e);
    let lesson = install_linked(&e).unwrap();
    assert_eq!(
        Lesson::by_number(lesson.number).unwrap().title,
        "The monitor notices a crash"
    );
    assert_eq!(course::slug(lesson.number), "shared");
    // The JSON entry the editor offers reads back as the same lesson.
    let json = format!(r#"{{"title": "c", "lessons": [{}]}}"#, e.to_json());
    assert_eq!(read_course(&json).unwrap().lessons, vec![e]);
}

#[test]
fn a_scenario_is_read_from_a_whole_share_link_whatever_else_its_address_holds() {
    let mut e = entry();
    let value = e.scenario.rsplit("s=").next().unwrap().to_string();
    for address in [
        format!("https://x.edu/faultlab/#/heartbeats?s={value}"),
        format!("https://x.edu/faultlab/#/heartbeats?embed=1&s={value}&reasons=2"),
        format!("  {value}  "),
    ] {
        e.scenario = address.clone();
        assert!(e.check().is_ok(), "{address}");
    }
}

#[test]
fn a_damaged_lesson_link_says_so() {
    let link = entry().to_link().unwrap();
    let cut = &link[..link.len() - 3];
    assert!(LessonEntry::from_link(cut).unwrap_err().contains("cut"));
    assert!(LessonEntry::from_link("").is_err());
    assert!(LessonEntry::from_link("%%%").is_err());
}

#[test]
fn a_course_lesson_keeps_its_place_in_the_file_when_an_earlier_one_is_invalid() {
    let mut course: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    course["lessons"][0]["answer"] = "maybe".into();
    let read = read_course(course.to_string()).unwrap();
    assert_eq!(read.places, vec![1, 2]);
    install_course(&read);
    assert!(
        Lesson::by_number(FIRST_COURSE_NUMBER).is_none(),
        "lesson 1 is left out"
    );
    let second = Lesson::by_number(course::number_of("course-2").unwrap()).unwrap();
    assert_eq!(second.title, "A slow link looks like a dead node");
    assert_eq!(course::slug(second.number), "course-2");
}

#[test]
fn progress_on_a_course_or_shared_lesson_starts_afresh_when_its_number_names_another_lesson() {
    use faultlab::scenario::lessons::progress::Progress;
    use faultlab::scenario::lessons::step::Prediction;
    let first = install_linked(&entry()).unwrap();
    let mut progress = Progress::default();
    assert!(progress.match_lessons(&course::fingerprints()));
    progress.record(first, 0, Prediction::Choice(2));
    progress.set_done(first.number, true);
    // The same lesson link again: the answer and the done mark stay.
    assert!(!progress.match_lessons(&course::fingerprints()));
    assert!(progress.answer(first, 0).is_some() && progress.done.contains(&first.number));
    // Another lesson link under the same number: nothing of the first one's progress applies.
    let mut other = entry();
    other.title = "Another lesson".into();
    let second = install_linked(&other).unwrap();
    assert_eq!(second.number, first.number);
    assert!(progress.match_lessons(&course::fingerprints()));
    assert!(progress.answer(second, 0).is_none());
    assert!(!progress.done.contains(&second.number));
    // Built-in lessons have no fingerprint and are never touched.
    assert!(course::fingerprints().iter().all(|(n, _)| *n > 12));
}

#[test]
fn addresses_name_a_lesson_in_one_way_only() {
    assert_eq!(course::number_of("3"), Some(3));
    assert_eq!(course::number_of("course-1"), Some(FIRST_COURSE_NUMBER));
    for odd in [
        "+3",
        "101",
        "200",
        "course-+1",
        "course-0",
        "course-51",
        "course-",
        " 3",
        "shared2",
    ] {
        assert!(
            course::number_of(odd)
                .is_none_or(|n| n < FIRST_COURSE_NUMBER && odd.parse::<u8>().ok() == Some(n)),
            "{odd}"
        );
    }
}

#[test]
fn paragraphs_split_on_blank_lines_even_with_spaces_and_duplicate_choices_are_refused() {
    assert_eq!(
        course::paragraphs("a\n  \nb\nc\r\n\r\n\r\nd"),
        vec!["a", "b c", "d"]
    );
    let mut e = entry();
    e.choices = vec!["dead".into(), "alive".into(), " dead ".into()];
    assert_eq!(e.check().unwrap_err().field, "choices");
}

proptest! {
    #[test]
    fn a_lesson_link_with_a_valid_checksum_but_any_content_is_refused_or_read_without_panic(
        body in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        use base64::Engine as _;
        let mut bytes = vec![faultlab::scenario::lessons::course::LESSON_LINK_VERSION];
        bytes.extend(body);
        let sum = faultlab::checksum::Algorithm::Crc32c.digest(&bytes);
        bytes.extend_from_slice(&sum[..4]);
        let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
        let _ = LessonEntry::from_link(&text);
    }

    #[test]
    fn any_scenario_text_is_checked_without_panic(scenario in "(https://x/#/heartbeats\\?)?(s=)?[A-Za-z0-9_&?#=-]{0,80}") {
        let mut e = entry();
        e.scenario = scenario;
        let _ = e.check();
    }

    #[test]
    fn no_course_text_or_lesson_link_makes_reading_panic(text in ".{0,400}") {
        let _ = read_course(&text);
        let _ = LessonEntry::from_link(&text);
    }

    #[test]
    fn any_json_lesson_is_read_or_refused_without_panic(
        title in proptest::option::of(".{0,20}"),
        pause in proptest::option::of(-10.0f64..1000.0),
        choices in proptest::collection::vec(".{0,5}", 0..4),
        answer in proptest::option::of(".{0,5}"),
    ) {
        let mut e = serde_json::to_value(entry()).unwrap();
        e["title"] = title.map_or(serde_json::Value::Null, Into::into);
        e["pause_at_s"] = pause.map_or(serde_json::Value::Null, Into::into);
        e["choices"] = choices.into();
        e["answer"] = answer.map_or(serde_json::Value::Null, Into::into);
        let file = serde_json::json!({ "lessons": [e] }).to_string();
        let course = read_course(&file).unwrap();
        prop_assert_eq!(course.lessons.len() + course.problems.iter().filter(|p| p.left_out).count(), 1);
    }
}

/// The link of a Checksums stage of `len` random bytes truncated, then `flips` restores and
/// truncations.
fn checksums_stage(len: u64, flips: usize) -> String {
    let stage = crate::heavy_checksums::truncated_and_restored(len, flips);
    encode(&faultlab::scenario::Scenario::Checksums(stage)).unwrap()
}

#[test]
fn a_checksums_stage_too_heavy_to_set_up_at_once_is_refused_and_says_why() {
    // 1 MiB made, truncated and brought back twice: about 5 MiB gone through, accepted.
    let mut e = entry();
    e.scenario = checksums_stage(1 << 20, 2);
    assert!(e.check().is_ok(), "{:?}", e.check().err());
    // 16 MiB made: a link opens it in slices, a lesson's stage would not.
    e.scenario = checksums_stage(16 << 20, 0);
    let problem = e.check().unwrap_err();
    assert_eq!(problem.field, "scenario");
    assert!(
        problem.message.starts_with(
            "opens a Checksums session too heavy for a lesson's stage: replaying it goes through "
        ) && problem
            .message
            .contains("a lesson's stage at most 8,388,608 bytes"),
        "{}",
        problem.message
    );
    assert!(
        cost::checksums_replay_bytes(match &faultlab::scenario::decode(&e.scenario).unwrap() {
            faultlab::scenario::Scenario::Checksums(c) => c,
            _ => unreachable!(),
        }) > MAX_STAGE_REPLAY_BYTES as u64
    );
}
