//! The lessons' steps as data: every step's moment comes within 10 s of real time after its
//! button, every question has one right answer that the page judges right, and every lesson
//! asks at least one question.

use faultlab::scenario::LESSONS;
use faultlab::scenario::lessons::step::{STEP_REAL_MS, STEP_SPEEDS};
use faultlab::scenario::lessons::{Act, Answer, Prediction};

#[test]
fn every_steps_moment_comes_within_ten_seconds_of_real_time() {
    for lesson in LESSONS.iter().filter(|l| l.is_heartbeats()) {
        let mut now = 0;
        for (i, step) in lesson.steps.iter().enumerate() {
            let from = if step.replays() { 0 } else { now };
            assert!(
                step.until_ms >= from,
                "lesson {} step {}: its moment {} ms is behind the stage's {from} ms",
                lesson.number,
                i + 1,
                step.until_ms
            );
            let speed = step.speed(from);
            assert!(STEP_SPEEDS.contains(&speed));
            let real_ms = (step.until_ms - from) as f64 / speed;
            assert!(
                real_ms <= STEP_REAL_MS as f64,
                "lesson {} step {}: {real_ms} ms of real time",
                lesson.number,
                i + 1
            );
            now = step.until_ms;
        }
    }
}

#[test]
fn checksums_steps_apply_checksums_steps_and_have_no_time() {
    for lesson in LESSONS.iter().filter(|l| !l.is_heartbeats()) {
        for step in lesson.steps {
            assert_eq!(step.until_ms, 0, "lesson {}", lesson.number);
            assert!(
                matches!(step.act, Act::Checksums(_) | Act::Measure | Act::Reveal),
                "lesson {}: {:?}",
                lesson.number,
                step.act
            );
        }
    }
}

#[test]
fn every_question_has_one_right_answer_and_the_page_judges_it() {
    for lesson in LESSONS {
        assert!(
            lesson.questions().count() >= 1,
            "lesson {} asks nothing",
            lesson.number
        );
        for (i, q) in lesson.questions() {
            let at = format!("lesson {} step {}", lesson.number, i + 1);
            assert!(!q.prompt.is_empty() && !q.explanation.is_empty(), "{at}");
            match q.answer {
                Answer::Choice { options, correct } => {
                    assert!(options.len() >= 2 && correct < options.len(), "{at}");
                    for k in 0..options.len() {
                        assert_eq!(q.judge(Prediction::Choice(k)), Some(k == correct), "{at}");
                    }
                    assert_eq!(q.judge(Prediction::Choice(options.len())), None, "{at}");
                    assert_eq!(q.right_answer(), options[correct]);
                }
                Answer::Number { low, high, .. } => {
                    assert!(low <= high, "{at}");
                    assert_eq!(q.judge(Prediction::Number(low)), Some(true), "{at}");
                    assert_eq!(q.judge(Prediction::Number(high)), Some(true), "{at}");
                    assert_eq!(q.judge(Prediction::Number(high + 1.0)), Some(false), "{at}");
                    assert_eq!(q.judge(Prediction::Number(f64::NAN)), None, "{at}");
                }
            }
        }
        for step in lesson.steps {
            assert!(!step.text.is_empty() && !step.label.is_empty());
        }
    }
}
