//! Text the runtime prints about things the client named (provider names, registry keys, messages that quote
//! them): one line per event, whatever the text holds.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character made visible, so it stays on one line of a table or a report:
/// `\n`, `\r` and `\t` as those escapes, any other control character (C0, DEL, C1) and the Unicode line and
/// paragraph separators as `\u{XX}`. Everything else, backslashes of registry paths included, is unchanged.
/// Borrowed when nothing needed escaping (the common case costs no allocation).
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn control_characters_become_visible_and_the_text_stays_one_line() {
        let s = one_line("a\nb\r\tc\u{1b}[31m\u{7f}\u{85}\u{2028}d");
        assert_eq!(s, "a\\nb\\r\\tc\\u{1B}[31m\\u{7F}\\u{85}\\u{2028}d");
        assert_eq!(s.lines().count(), 1);
    }

    #[test]
    fn ordinary_text_and_registry_paths_are_borrowed_unchanged() {
        let s = one_line("HKCU\\Software\\Ünïcode \"quoted\"");
        assert!(matches!(s, std::borrow::Cow::Borrowed(_)));
        assert_eq!(s, "HKCU\\Software\\Ünïcode \"quoted\"");
    }
}
