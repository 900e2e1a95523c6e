//! A course's own lessons: `course.json` beside `index.html`, fetched once per page when the
//! Lessons tab first opens, read by the pure core and installed beside the built-in lessons. A
//! missing file is the usual case and says nothing; a broken one is described to the instructor.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::scenario::lessons::course::{COURSE_FILE, install_course, read_course};

/// What became of the course file.
#[derive(Debug, Clone, PartialEq)]
pub enum CourseStatus {
    /// Still being fetched.
    Loading,
    /// There is none (the usual case), or it could not be reached.
    Absent,
    /// Read: its title, how many lessons it added, and what was wrong, for the instructor.
    Ready {
        /// The course's title.
        title: String,
        /// How many of its lessons can be played.
        lessons: usize,
        /// Whether they replace the built-in lessons.
        replaces: bool,
        /// Each problem, lesson and field named.
        problems: Vec<String>,
    },
    /// Nothing in it can be used: why.
    Broken(String),
}

thread_local! {
    static STATUS: RefCell<Option<CourseStatus>> = const { RefCell::new(None) };
    static WAITING: RefCell<Vec<Callback<CourseStatus>>> = const { RefCell::new(Vec::new()) };
}

/// The course's status, fetching the file the first time any component asks.
#[hook]
pub fn use_course() -> CourseStatus {
    let status = use_state(|| {
        STATUS
            .with(|s| s.borrow().clone())
            .unwrap_or(CourseStatus::Loading)
    });
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let known = STATUS.with(|s| s.borrow().clone());
            match known {
                Some(CourseStatus::Loading) => {
                    WAITING.with(|w| w.borrow_mut().push(Callback::from(move |s| status.set(s))));
                }
                Some(done) => status.set(done),
                None => {
                    STATUS.with(|s| *s.borrow_mut() = Some(CourseStatus::Loading));
                    WAITING.with(|w| w.borrow_mut().push(Callback::from(move |s| status.set(s))));
                    wasm_bindgen_futures::spawn_local(async {
                        let done = fetch_course().await;
                        STATUS.with(|s| *s.borrow_mut() = Some(done.clone()));
                        for waiting in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                            waiting.emit(done.clone());
                        }
                    });
                }
            }
        });
    }
    (*status).clone()
}

/// Fetches, reads and installs the course file.
async fn fetch_course() -> CourseStatus {
    let Some(window) = web_sys::window() else {
        return CourseStatus::Absent;
    };
    let Ok(response) = JsFuture::from(window.fetch_with_str(COURSE_FILE)).await else {
        // Offline without a kept copy, or a page opened from disk: no course.
        return CourseStatus::Absent;
    };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else {
        return CourseStatus::Absent;
    };
    // Hosts say "no such file" in several ways: 404 or 410; 403 (S3, CloudFront); or the site's
    // own page with 200 (a single-page fallback). None of them is a course.
    let is_page = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.contains("text/html"));
    match response.status() {
        200 if is_page => return CourseStatus::Absent,
        200 => {}
        401 | 403 | 404 | 410 => return CourseStatus::Absent,
        other => {
            return CourseStatus::Broken(format!(
                "{COURSE_FILE} could not be loaded: the server answered HTTP {other}."
            ));
        }
    }
    // As bytes: a course of megabytes is copied into the module as it is, not converted from
    // the browser's string first (23 ms for 2 MiB). Read in a task of its own.
    let bytes = match response.array_buffer().map(JsFuture::from) {
        Ok(reading) => reading
            .await
            .ok()
            .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec()),
        Err(_) => None,
    };
    let Some(bytes) = bytes else {
        return CourseStatus::Broken(format!("{COURSE_FILE} could not be read."));
    };
    gloo_timers::future::TimeoutFuture::new(0).await;
    match read_course(&bytes) {
        Ok(course) => {
            install_course(&course);
            CourseStatus::Ready {
                title: course.title.clone(),
                lessons: course.lessons.len(),
                replaces: course.replace_builtin,
                problems: course.problems.iter().map(|p| p.to_string()).collect(),
            }
        }
        Err(problem) => {
            CourseStatus::Broken(format!("{problem}. The course's lessons are not shown."))
        }
    }
}
