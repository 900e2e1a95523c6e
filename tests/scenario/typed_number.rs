//! Numbers typed into the page's fields: what is read, what is refused, and how close the result is
//! to the standard library's correctly rounded reading.

use faultlab::scenario::typed_number::parse_number;
use proptest::prelude::*;

#[test]
fn reads_what_a_learner_types() {
    for (typed, value) in [
        ("12", 12.0),
        (" 0.25 ", 0.25),
        (".5", 0.5),
        ("5.", 5.0),
        ("3,5", 3.5),
        ("-2", -2.0),
        ("+2", 2.0),
        ("1e3", 1000.0),
        ("1E-2", 0.01),
        ("2.5e+1", 25.0),
        ("007", 7.0),
        ("0", 0.0),
        ("0.1", 0.1),
        ("0.3", 0.3),
        ("64", 64.0),
    ] {
        assert_eq!(parse_number(typed), Some(value), "{typed:?}");
    }
    assert!(parse_number("-0").is_some_and(|v| v == 0.0 && v.is_sign_negative()));
}

#[test]
fn refuses_what_is_not_a_number() {
    for typed in [
        "", " ", ".", ",", "-", "+", "--1", "abc", "1.2.3", "1,2,3", "1.2,3", "inf", "-inf",
        "infinity", "NaN", "1e", "1e+", "e5", "0x10", "1 2", "1_000", "1e400", "½", "１",
    ] {
        assert_eq!(parse_number(typed), None, "{typed:?}");
    }
}

/// Within a relative 1e-14 of each other (the reader's promise beyond 15 digits).
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-14 * a.abs().max(b.abs())
}

proptest! {
    /// Up to 15 significant digits, the reading is exactly the standard library's.
    #[test]
    fn short_decimals_are_read_exactly(digits in 0u64..1_000_000_000_000_000, scale in 0u32..16, negative: bool) {
        let whole = digits / 10u64.pow(scale);
        let fraction = digits % 10u64.pow(scale);
        let text = if scale == 0 {
            format!("{}{whole}", if negative { "-" } else { "" })
        } else {
            format!("{}{whole}.{fraction:0width$}", if negative { "-" } else { "" }, width = scale as usize)
        };
        prop_assert_eq!(parse_number(&text), text.parse::<f64>().ok(), "{}", text);
    }

    /// Any finite number, written out in full or with an exponent, reads back close to itself.
    #[test]
    fn written_numbers_read_back(bits: u64) {
        let v = f64::from_bits(bits);
        prop_assume!(v.is_finite());
        let back = parse_number(&format!("{v}"));
        prop_assert!(back.is_some_and(|b| close(b, v)), "{} read as {:?}", v, back);
        let back = parse_number(&format!("{v:e}"));
        prop_assert!(back.is_some_and(|b| close(b, v)), "{:e} read as {:?}", v, back);
    }

    /// Whatever is typed, the reader answers without panicking, and what it reads is what the
    /// standard library reads, or close to it.
    #[test]
    fn any_text_is_answered(text in "[ +\\-0-9.,eE]{0,24}|\\PC{0,12}") {
        if let Some(v) = parse_number(&text) {
            let standard = text.trim().replacen(',', ".", 1).parse::<f64>();
            prop_assert!(standard.as_ref().is_ok_and(|s| close(*s, v)), "{:?}: {} vs {:?}", text, v, standard);
        }
    }
}
