//! The learner's lesson progress, pure: kept as JSON, judged predictions, steps within the
//! lesson, and anything unreadable refused rather than trusted; and the lesson player's errors.

use faultlab::scenario::Lesson;
use faultlab::scenario::lessons::play::{self, PlayError};
use faultlab::scenario::lessons::progress::{MAX_PROGRESS_BYTES, Progress};
use faultlab::scenario::lessons::{Answer, Prediction};

fn lesson(n: u8) -> &'static Lesson {
    Lesson::by_number(n).unwrap()
}

#[test]
fn a_prediction_is_judged_recorded_and_survives_json() {
    let l = lesson(1);
    let (step, q) = l.questions().next().unwrap();
    let Answer::Number { low, .. } = q.answer else {
        panic!("lesson 1 first asks for a number")
    };
    let mut p = Progress::default();
    assert_eq!(p.record(l, step, Prediction::Number(low)), Some(true));
    p.set_step(l, step);
    p.set_done(1, true);
    let again = Progress::from_json(&p.to_json()).unwrap();
    assert_eq!(again, p);
    assert_eq!(again.answer(l, step).map(|a| a.right), Some(true));
    assert_eq!(again.step_of(l), step);
    assert_eq!(again.score(l), (1, l.questions().count()));
}

#[test]
fn a_prediction_that_does_not_fit_its_question_is_not_recorded() {
    let l = lesson(2);
    let mut p = Progress::default();
    assert_eq!(
        p.record(l, 0, Prediction::Number(3.0)),
        None,
        "a number for a choice"
    );
    assert_eq!(
        p.record(l, 0, Prediction::Choice(99)),
        None,
        "an option that does not exist"
    );
    assert_eq!(
        p.record(l, 99, Prediction::Choice(0)),
        None,
        "a step that does not exist"
    );
    assert_eq!(p, Progress::default());
}

#[test]
fn a_step_out_of_range_is_brought_back_into_the_lesson() {
    let l = lesson(3);
    let mut p = Progress::from_json(r#"{"lessons":{"3":{"step":40}}}"#).unwrap();
    assert_eq!(p.step_of(l), l.steps.len() - 1);
    p.set_step(l, 1_000);
    assert_eq!(p.step_of(l), l.steps.len() - 1);
    p.restart(l);
    assert_eq!(p.step_of(l), 0);
}

#[test]
fn garbage_and_huge_progress_are_refused_with_a_reason() {
    assert!(
        Progress::from_json("{not json")
            .unwrap_err()
            .contains("not readable")
    );
    assert!(Progress::from_json("[1,2,3]").is_err());
    let huge = format!("{{\"done\":[{}1]}}", "1,".repeat(MAX_PROGRESS_BYTES));
    assert!(
        Progress::from_json(&huge)
            .unwrap_err()
            .contains("more than progress can be")
    );
    assert_eq!(Progress::from_json("{}").unwrap(), Progress::default());
}

#[test]
fn the_player_says_what_it_cannot_play() {
    assert_eq!(
        play::heartbeats_at(lesson(1), 99, None).unwrap_err(),
        PlayError::NoStep {
            lesson: 1,
            step: 99
        }
    );
    assert_eq!(
        play::heartbeats_at(lesson(9), 0, None).unwrap_err(),
        PlayError::WrongStage(9)
    );
    assert_eq!(
        play::checksums_at(lesson(1), 0, false).unwrap_err(),
        PlayError::WrongStage(1)
    );
}

#[test]
fn a_step_played_frame_by_frame_ends_where_the_next_step_starts() {
    // The page plays a step in frames and goes on to the next step from where it stopped;
    // Previous and a reload rebuild that step at once. Both must be the same run.
    use faultlab::sim::SimTime;
    for l in faultlab::scenario::LESSONS
        .iter()
        .filter(|l| l.is_heartbeats())
    {
        for k in 0..l.steps.len() - 1 {
            let mut stage = play::heartbeats_at(l, k, Some(7)).unwrap();
            let step = &l.steps[k];
            play::begin(&mut stage.run, &step.act).unwrap();
            stage.run.set_pause_at(Some(SimTime(step.until_ms)));
            let mut frames = 0;
            while stage.run.world().now().ms() < step.until_ms {
                // A frame at 60 Hz and the step's speed, never out of budget.
                let advanced = stage.run.advance(33, &mut || true);
                frames += 1;
                assert!(
                    frames < 100_000,
                    "lesson {} step {} never ends",
                    l.number,
                    k + 1
                );
                if advanced.handed_over {
                    break;
                }
            }
            assert_eq!(stage.run.world().now().ms(), step.until_ms);
            let next = play::heartbeats_at(l, k + 1, Some(7)).unwrap();
            assert_eq!(
                stage.run.world().trace().fingerprint(),
                next.run.world().trace().fingerprint(),
                "lesson {} step {}",
                l.number,
                k + 1
            );
        }
    }
}
