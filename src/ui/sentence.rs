//! Sentences the page puts together from parts.

/// `s` with its first letter in capitals, as a sentence starts. The page's sentences are English,
/// so only an ASCII letter changes: the standard library's full Unicode case tables would add
/// 10 KB to the module for letters the page never starts a sentence with.
pub fn capitalize(s: &str) -> String {
    let mut sentence = s.to_string();
    if let Some(first) = sentence.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    sentence
}
