//! Numbers as a learner or an instructor types them into a field: settings, a pause's length, an
//! answer to a lesson's question, the data's size, a lesson's hand-over moment.
//!
//! The page reads them with serde_json's number reader, which the module carries anyway for
//! scenario files. The standard library's `str::parse::<f64>` would bring its own reader and a
//! 10 KB table of powers of five that does not compress.

/// Reads a decimal number such as `12`, `0.25`, `.5`, `3,5` (a comma as the decimal point),
/// `-2` or `1e3`, with spaces around it. `None` for anything else, and for a number too large to
/// hold. With up to 15 significant digits and a power of ten of at most 22 either way (every value
/// the page's fields accept) the result is the nearest `f64`, as the standard library reads it;
/// beyond that it is within a relative 1e-14 of it.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let (sign, unsigned) = match text.as_bytes().first() {
        Some(b'-') => ("-", &text[1..]),
        Some(b'+') => ("", &text[1..]),
        _ => ("", text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    // JSON's grammar: no leading zeros, no bare point, a digit on each side of the point.
    let whole = whole.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 2);
    json.push_str(sign);
    json.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(exponent) = exponent {
        let magnitude = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if magnitude.is_empty() || !digits(magnitude) {
            return None;
        }
        json.push('e');
        json.push_str(exponent);
    }
    serde_json::from_slice::<f64>(json.as_bytes())
        .ok()
        .filter(|v| v.is_finite())
}
