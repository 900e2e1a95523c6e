//! The JSON reader of scenario files and stored progress (`scenario::json_objects`): it reads
//! exactly what serde_json reads, except a struct written as an array of its fields, which
//! Faultlab never writes and which it refuses with serde_json's message.

use faultlab::scenario::json_objects::from_slice;
use faultlab::scenario::{Scenario, from_json, to_json};
use proptest::prelude::*;
use serde::Deserialize;

use super::links::scenario;

#[derive(Deserialize, Debug, PartialEq)]
struct Point {
    x: u32,
    #[serde(default)]
    y: u32,
}

#[derive(Deserialize, Debug, PartialEq)]
enum Shape {
    Empty,
    Dot(Point),
    Pair(Point, Point),
    Line { from: Point, to: Point },
}

#[derive(Deserialize, Debug, PartialEq)]
struct Drawing {
    shapes: Vec<Shape>,
    origin: Option<Point>,
    name: String,
}

fn both(json: &str) -> (Result<Drawing, String>, Result<Drawing, String>) {
    (
        from_slice::<Drawing>(json.as_bytes()).map_err(|e| e.to_string()),
        serde_json::from_slice::<Drawing>(json.as_bytes()).map_err(|e| e.to_string()),
    )
}

#[test]
fn objects_read_as_serde_json_reads_them_at_every_depth() {
    let json = r#"{"shapes": ["Empty", {"Dot": {"x": 1}}, {"Pair": [{"x": 2, "y": 3}, {"x": 4}]},
        {"Line": {"from": {"x": 5, "y": 6}, "to": {"y": 8, "x": 7}}}], "origin": {"x": 9}, "name": "d\u00e9"}"#;
    let (ours, theirs) = both(json);
    assert_eq!(ours, theirs);
    let drawing = ours.unwrap();
    assert_eq!(drawing.shapes.len(), 4);
    assert_eq!(
        drawing.shapes[3],
        Shape::Line {
            from: Point { x: 5, y: 6 },
            to: Point { x: 7, y: 8 }
        }
    );
    assert_eq!(drawing.origin, Some(Point { x: 9, y: 0 }));
    assert_eq!(drawing.name, "dé");
    let (ours, theirs) = both(r#"{"shapes": [], "origin": null, "name": ""}"#);
    assert_eq!(ours, theirs);
    assert_eq!(ours.unwrap().origin, None);
}

#[test]
fn a_struct_written_as_an_array_is_refused_where_serde_json_would_take_it() {
    for (json, expected) in [
        (r#"[[], null, "top"]"#, "expected struct Drawing"),
        (
            r#"{"shapes": [], "origin": [1, 2], "name": ""}"#,
            "expected struct Point",
        ),
        (
            r#"{"shapes": [{"Line": {"from": {"x": 1}, "to": [3, 4]}}], "origin": null, "name": ""}"#,
            "expected struct Point",
        ),
        (
            r#"{"shapes": [{"Line": [{"x": 1}, {"x": 2}]}], "origin": null, "name": ""}"#,
            "expected struct variant Shape::Line",
        ),
    ] {
        let (ours, theirs) = both(json);
        assert!(theirs.is_ok(), "serde_json reads {json}");
        let message = ours.expect_err(json);
        assert!(
            message.starts_with("invalid type: sequence, ") && message.contains(expected),
            "{json}: {message}"
        );
        assert!(message.contains(" at line 1 column "), "{message}");
    }
}

#[test]
fn mistakes_get_serde_json_s_own_messages() {
    for json in [
        r#"{"shapes": [], "origin": null}"#,
        r#"{"shapes": ["Circle"], "origin": null, "name": ""}"#,
        r#"{"shapes": [{"Dot": {"x": -1}}], "origin": null, "name": ""}"#,
        r#"{"shapes": [], "origin": null, "name": 3}"#,
        r#"{"shapes": [], "origin": null, "name": ""} trailing"#,
        r#"{"shapes": [], "origin": null, "name": "#,
    ] {
        let (ours, theirs) = both(json);
        assert!(theirs.is_err(), "{json}");
        assert_eq!(ours, theirs, "{json}");
    }
    // Nesting 10,000 deep: refused where a value is read (serde_json's depth limit), skipped in
    // an unknown field, as serde_json does.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (ours, theirs) = both(&deep);
    assert!(theirs.is_err());
    assert!(
        ours.unwrap_err()
            .starts_with("invalid type: sequence, expected struct Drawing")
    );
    for json in [
        format!(
            r#"{{"shapes": [], "origin": null, "name": "", "extra": {}{}}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
        format!(
            r#"{{"shapes": {}{}, "origin": null, "name": ""}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    ] {
        let (ours, theirs) = both(&json);
        assert_eq!(ours, theirs, "{}", &json[..60]);
    }
}

proptest! {
    #[test]
    fn every_scenario_file_reads_back_as_serde_json_reads_it(s in scenario()) {
        let json = serde_json::to_vec_pretty(&s).unwrap();
        let ours = from_slice::<Scenario>(&json).map_err(|e| e.to_string());
        let theirs = serde_json::from_slice::<Scenario>(&json).map_err(|e| e.to_string());
        prop_assert_eq!(&ours, &theirs);
        prop_assert_eq!(ours.unwrap(), s.clone());
        prop_assert_eq!(from_json(to_json(&s)).unwrap(), s);
    }

    #[test]
    fn a_damaged_file_reads_as_serde_json_reads_it(s in scenario(), at in 0usize..10_000, by in 0u8..128) {
        // One character changed or dropped: both readers take the same scenario or refuse it,
        // with serde_json's message, unless the change put an array where a struct belongs
        // (a "{" made "["), which this reader refuses there and then.
        let mut json = serde_json::to_vec(&s).unwrap();
        let at = at % json.len();
        if by < 32 { json.remove(at); } else { json[at] = by; }
        let ours = from_slice::<Scenario>(&json).map_err(|e| e.to_string());
        let theirs = serde_json::from_slice::<Scenario>(&json).map_err(|e| e.to_string());
        match (&ours, &theirs) {
            (Err(message), Err(_)) if message.starts_with("invalid type: sequence, expected struct") => {}
            _ => prop_assert_eq!(ours, theirs),
        }
    }
}
