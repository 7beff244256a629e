//! `.reg` files as `regedit` exports them, into a new [`Registry`].
//!
//! Supported: the `Windows Registry Editor Version 5.00` and `REGEDIT4` headers; `[key]` and `[-key]` (delete the
//! key and its subkeys); `"name"=` and `@=` (the default value) with `"string"` (escapes `\\` and `\"`),
//! `dword:`, `hex:` (REG_BINARY), `hex(1):` (REG_SZ), `hex(2):` (REG_EXPAND_SZ), `hex(3):` (REG_BINARY),
//! `hex(4):` (REG_DWORD), `hex(7):` (REG_MULTI_SZ), `hex(b):` (REG_QWORD) and `-` (delete the value); hex data
//! continued with a trailing `\`; `;` comments. String data in `hex(1)`/`hex(2)`/`hex(7)` is UTF-16LE under the
//! 5.00 header and 8-bit (read as UTF-8) under `REGEDIT4`, as `regedit` writes them.
//!
//! The file describes the whole hive: deletions apply to what the file itself set on earlier lines.

use super::hive::{check_value_data, KeyPath, RegValue, Registry, RegistryError};
use super::load::LoadError;

/// The header `regedit` writes today (files are UTF-16LE with BOM).
pub const HEADER_5: &str = "Windows Registry Editor Version 5.00";
/// The header of Windows 9x/NT4 exports (8-bit files).
pub const HEADER_4: &str = "REGEDIT4";

enum Current {
    None,
    Key(String),
    Deleted(String),
}

struct Parser<'a> {
    origin: &'a str,
    lines: Vec<&'a str>,
    /// Index of the current line in `lines` (0-based; messages add 1).
    at: usize,
    unicode: bool,
}

fn col(line: &str, byte: usize) -> usize {
    line[..byte.min(line.len())].chars().count() + 1
}

fn skip_ws(line: &str, mut i: usize) -> usize {
    while i < line.len() && matches!(line.as_bytes()[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

impl<'a> Parser<'a> {
    fn err(&self, byte: usize, message: impl Into<String>) -> LoadError {
        let line = self.lines[self.at];
        LoadError::at(self.origin, self.at + 1, col(line, byte), message)
    }

    /// A `"..."` starting at `start` (the opening quote): the text and the index after the closing quote.
    fn quoted(&self, start: usize, what: &str) -> Result<(String, usize), LoadError> {
        let line = self.lines[self.at];
        let mut out = String::new();
        let mut chars = line[start + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Ok((out, start + 1 + i + 1)),
                '\\' => match chars.next() {
                    Some((_, e @ ('\\' | '"'))) => out.push(e),
                    Some((j, e)) => {
                        return Err(self.err(
                            start + 1 + j - 1,
                            format!(
                                "unknown escape '\\{e}' in {what}: in a .reg string only \\\\ (a backslash) and \\\" \
                                 (a quote) are escapes; write a backslash as \\\\"
                            ),
                        ))
                    }
                    None => break,
                },
                _ => out.push(c),
            }
        }
        Err(self.err(
            start,
            format!("{what} that starts here is never closed; add the closing \" on this line"),
        ))
    }

    /// Only blanks or a `;` comment may follow a complete line.
    fn end_of_line(&self, i: usize) -> Result<(), LoadError> {
        let line = self.lines[self.at];
        let i = skip_ws(line, i);
        if i < line.len() && line.as_bytes()[i] != b';' {
            return Err(self.err(
                i,
                format!(
                    "unexpected text '{}' after the value; a line holds one value (a comment starts with ;)",
                    line[i..].trim_end()
                ),
            ));
        }
        Ok(())
    }

    /// Comma-separated two-digit hex bytes from `start`, continued over lines ending with `\`.
    fn hex_bytes(&mut self, start: usize) -> Result<Vec<u8>, LoadError> {
        let mut out = Vec::new();
        let mut from = start;
        loop {
            let line = self.lines[self.at];
            let end = line[from..].find(';').map_or(line.len(), |i| from + i);
            let mut body = line[..end].trim_end();
            let continued = body.len() > from && body.ends_with('\\');
            if continued {
                body = &body[..body.len() - 1];
            }
            let tokens: Vec<(usize, &str)> = {
                let mut v = Vec::new();
                let mut pos = from;
                for t in body[from.min(body.len())..].split(',') {
                    v.push((pos, t));
                    pos += t.len() + 1;
                }
                v
            };
            let n = tokens.len();
            for (k, (pos, raw)) in tokens.into_iter().enumerate() {
                let token = raw.trim();
                let tpos = pos + (raw.len() - raw.trim_start().len());
                if token.is_empty() {
                    if k + 1 == n {
                        continue; // "hex:" with no bytes, or a trailing comma
                    }
                    return Err(self.err(
                        tpos,
                        "a byte is missing between two commas; hex data is bytes of two hex digits separated by \
                         commas, such as 01,02,ff",
                    ));
                }
                if let Some(bad) = token.chars().find(|c| !c.is_ascii_hexdigit()) {
                    return Err(self.err(
                        tpos,
                        format!(
                            "'{bad}' in '{token}' is not a hex digit; hex data is bytes of two hex digits separated \
                             by commas, such as 01,02,ff"
                        ),
                    ));
                }
                if token.len() != 2 {
                    let why = if token.len() % 2 == 1 {
                        "has an odd number of hex digits"
                    } else {
                        "is more than one byte"
                    };
                    return Err(self.err(
                        tpos,
                        format!(
                            "'{token}' {why}: every byte is exactly two hex digits, separated by commas (write 0f, \
                             not f; 01,02, not 0102)"
                        ),
                    ));
                }
                out.push(u8::from_str_radix(token, 16).expect("checked hex"));
            }
            if !continued {
                return Ok(out);
            }
            if self.at + 1 >= self.lines.len() || self.lines[self.at + 1].trim().is_empty() {
                return Err(self.err(
                    body.len(),
                    "the line ends with \\ (continued) but no data follows on the next line; remove the \\ or \
                     add the rest of the data",
                ));
            }
            self.at += 1;
            from = 0;
        }
    }

    fn text_from_bytes(&self, bytes: &[u8], at: usize, ty: &str) -> Result<String, LoadError> {
        if self.unicode {
            if bytes.len() % 2 != 0 {
                return Err(self.err(
                    at,
                    format!(
                        "{ty} data is UTF-16LE under the 5.00 header, so it needs an even number of bytes; it has {}",
                        bytes.len()
                    ),
                ));
            }
            let mut units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            while units.last() == Some(&0) {
                units.pop();
            }
            String::from_utf16(&units).map_err(|_| {
                self.err(
                    at,
                    format!("{ty} data is not valid UTF-16LE text; export the value again"),
                )
            })
        } else {
            let mut bytes = bytes;
            while let Some(rest) = bytes.strip_suffix(&[0]) {
                bytes = rest;
            }
            String::from_utf8(bytes.to_vec()).map_err(|_| {
                self.err(
                    at,
                    format!("{ty} data is not UTF-8 text; save the file with the 5.00 header (UTF-16LE) instead"),
                )
            })
        }
    }

    fn multi_from_bytes(&self, bytes: &[u8], at: usize) -> Result<Vec<String>, LoadError> {
        // Each string ends with a NUL and the list with one more: strip the final terminators, then split.
        let text = if self.unicode {
            if bytes.len() % 2 != 0 {
                return Err(self.err(
                    at,
                    format!(
                        "REG_MULTI_SZ data is UTF-16LE under the 5.00 header, so it needs an even number of bytes; \
                         it has {}",
                        bytes.len()
                    ),
                ));
            }
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16(&units).map_err(|_| {
                self.err(
                    at,
                    "REG_MULTI_SZ data is not valid UTF-16LE text; export the value again",
                )
            })?
        } else {
            String::from_utf8(bytes.to_vec()).map_err(|_| {
                self.err(
                    at,
                    "REG_MULTI_SZ data is not UTF-8 text; save the file with the 5.00 header (UTF-16LE) instead",
                )
            })?
        };
        let mut body = text.as_str();
        for _ in 0..2 {
            body = body.strip_suffix('\0').unwrap_or(body);
        }
        if body.is_empty() {
            return Ok(Vec::new());
        }
        Ok(body.split('\0').map(str::to_owned).collect())
    }

    /// The value after `hex(T):` (or `hex:`, T = 3) at `at`.
    fn hex_value(&mut self, ty: u32, at: usize, data: usize) -> Result<RegValue, LoadError> {
        let name = match ty {
            0 => "REG_NONE",
            5 => "REG_DWORD_BIG_ENDIAN",
            6 => "REG_LINK",
            8 => "REG_RESOURCE_LIST",
            9 => "REG_FULL_RESOURCE_DESCRIPTOR",
            10 => "REG_RESOURCE_REQUIREMENTS_LIST",
            1..=4 | 7 | 11 => "",
            _ => "an unknown type",
        };
        if !name.is_empty() {
            return Err(self.err(
                at,
                format!(
                    "hex({ty:x}) is {name}, which mockmapi's hive does not hold; use REG_SZ (\"text\" or hex(1)), \
                     REG_EXPAND_SZ (hex(2)), REG_BINARY (hex:), REG_DWORD (dword:), REG_MULTI_SZ (hex(7)) or \
                     REG_QWORD (hex(b))"
                ),
            ));
        }
        let line_at = self.at;
        let bytes = self.hex_bytes(data)?;
        let here = self.at;
        self.at = line_at; // report conversion errors at the hex( of the first line
        let value = match ty {
            1 => RegValue::Sz(self.text_from_bytes(&bytes, at, "REG_SZ (hex(1))")?),
            2 => RegValue::ExpandSz(self.text_from_bytes(&bytes, at, "REG_EXPAND_SZ (hex(2))")?),
            3 => RegValue::Binary(bytes),
            4 => {
                let b: [u8; 4] = bytes.as_slice().try_into().map_err(|_| {
                    self.err(
                        at,
                        format!(
                            "a REG_DWORD (hex(4)) is 4 bytes, this one has {}; or write dword:xxxxxxxx",
                            bytes.len()
                        ),
                    )
                })?;
                RegValue::Dword(u32::from_le_bytes(b))
            }
            7 => RegValue::MultiSz(self.multi_from_bytes(&bytes, at)?),
            _ => {
                let b: [u8; 8] = bytes.as_slice().try_into().map_err(|_| {
                    self.err(
                        at,
                        format!(
                            "a REG_QWORD (hex(b)) is 8 bytes, least significant first; this one has {}",
                            bytes.len()
                        ),
                    )
                })?;
                RegValue::Qword(u64::from_le_bytes(b))
            }
        };
        self.at = here;
        Ok(value)
    }

    fn key_line(
        &self,
        registry: &mut Registry,
        start: usize,
        current: &mut Current,
    ) -> Result<(), LoadError> {
        let line = self.lines[self.at];
        let body = line.trim_end();
        if !body.ends_with(']') || body.len() < start + 2 {
            return Err(self.err(
                body.len(),
                "this key line has no closing ']'; write [HKEY_CURRENT_USER\\Software\\...] on one line",
            ));
        }
        let inner = &body[start + 1..body.len() - 1];
        let (delete, path, path_at) = match inner.strip_prefix('-') {
            Some(p) => (true, p, start + 2),
            None => (false, inner, start + 1),
        };
        if path.trim().is_empty() {
            return Err(self.err(
                path_at,
                "the key path is empty; write [HKEY_CURRENT_USER\\Software\\...]",
            ));
        }
        let parsed = KeyPath::parse(path).map_err(|e| self.err(path_at, e.to_string()))?;
        let written = parsed.to_string();
        if delete {
            match registry.delete_key(&written) {
                Ok(()) | Err(RegistryError::NotFound(_)) => {}
                Err(e) => return Err(self.err(path_at, e.to_string())),
            }
            *current = Current::Deleted(written);
        } else {
            registry
                .create_key(&written)
                .map_err(|e| self.err(path_at, e.to_string()))?;
            *current = Current::Key(written);
        }
        Ok(())
    }

    fn value_line(
        &mut self,
        registry: &mut Registry,
        start: usize,
        current: &Current,
    ) -> Result<(), LoadError> {
        let line = self.lines[self.at];
        let key = match current {
            Current::Key(k) => k.clone(),
            Current::None => {
                return Err(self.err(
                    start,
                    "a value before any [key] line; put the key it belongs to above it, such as \
                     [HKEY_CURRENT_USER\\Software\\...]",
                ))
            }
            Current::Deleted(k) => {
                return Err(self.err(
                    start,
                    format!(
                        "a value under [-{k}], which deletes that key; remove the value or the '-' in the key line"
                    ),
                ))
            }
        };
        let (name, after) = if line.as_bytes()[start] == b'@' {
            (String::new(), start + 1)
        } else {
            self.quoted(start, "the value name")?
        };
        let eq = skip_ws(line, after);
        if line.as_bytes().get(eq) != Some(&b'=') {
            return Err(self.err(
                eq,
                "expected '=' after the value name, as in \"Name\"=dword:00000001",
            ));
        }
        let data = skip_ws(line, eq + 1);
        let rest = &line[data..];
        let lower = rest.to_ascii_lowercase();
        if rest.starts_with('-') {
            self.end_of_line(data + 1)?;
            match registry.delete_value(&key, &name) {
                Ok(_) | Err(RegistryError::NotFound(_)) => {}
                Err(e) => return Err(self.err(start, e.to_string())),
            }
            return Ok(());
        }
        let value = if rest.starts_with('"') {
            let (text, end) = self.quoted(data, "the string")?;
            self.end_of_line(end)?;
            RegValue::Sz(text)
        } else if lower.starts_with("dword:") {
            let digits_at = data + "dword:".len();
            let digits: &str = line[digits_at..]
                .split(|c: char| c.is_whitespace() || c == ';')
                .next()
                .unwrap_or("");
            if digits.is_empty()
                || digits.len() > 8
                || !digits.chars().all(|c| c.is_ascii_hexdigit())
            {
                return Err(self.err(
                    digits_at,
                    format!(
                        "dword: takes 1 to 8 hex digits, 00000000 to ffffffff (0 to 4294967295); found '{digits}'"
                    ),
                ));
            }
            self.end_of_line(digits_at + digits.len())?;
            RegValue::Dword(u32::from_str_radix(digits, 16).expect("checked hex"))
        } else if lower.starts_with("hex:") {
            self.hex_value(3, data, data + "hex:".len())?
        } else if lower.starts_with("hex(") {
            let close = rest.find(')').filter(|&c| rest[c + 1..].starts_with(':'));
            let ty = close.and_then(|c| u32::from_str_radix(&rest[4..c], 16).ok());
            match (close, ty) {
                (Some(c), Some(ty)) => self.hex_value(ty, data, data + c + 2)?,
                _ => {
                    return Err(self.err(
                        data,
                        "expected hex(N): with N the type in hex, such as hex(2): or hex(7):",
                    ))
                }
            }
        } else {
            let shown: String = rest.chars().take(20).collect();
            return Err(self.err(
                data,
                format!(
                    "unknown data '{shown}': expected \"text\", dword:xxxxxxxx, hex:, hex(N): or - (to delete the value)"
                ),
            ));
        };
        check_value_data(&name, &value).map_err(|e| self.err(data, e.to_string()))?;
        registry
            .set_value(&key, &name, value)
            .map_err(|e| self.err(start, e.to_string()))
    }
}

/// Parse the text of a `.reg` file (already decoded) into a new hive.
pub fn parse_reg(origin: &str, text: &str) -> Result<Registry, LoadError> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut p = Parser {
        origin,
        lines,
        at: 0,
        unicode: true,
    };
    while p.at < p.lines.len() && p.lines[p.at].trim().is_empty() {
        p.at += 1;
    }
    if p.at == p.lines.len() {
        return Err(LoadError::at(
            origin,
            1,
            1,
            format!("the file is empty; a .reg file starts with the line '{HEADER_5}'"),
        ));
    }
    let header = p.lines[p.at].trim().trim_start_matches('\u{FEFF}').trim();
    if header == HEADER_5 {
        p.unicode = true;
    } else if header == HEADER_4 {
        p.unicode = false;
    } else {
        let shown: String = header.chars().take(60).collect();
        return Err(p.err(
            0,
            format!(
                "bad header '{shown}': the first line of a .reg file must be '{HEADER_5}' or '{HEADER_4}', as \
                 regedit writes it"
            ),
        ));
    }
    p.at += 1;
    let mut registry = Registry::new();
    let mut current = Current::None;
    while p.at < p.lines.len() {
        let line = p.lines[p.at];
        let start = skip_ws(line, 0);
        match line.as_bytes().get(start) {
            None | Some(b';') => {}
            Some(b'[') => p.key_line(&mut registry, start, &mut current)?,
            Some(b'"' | b'@') => p.value_line(&mut registry, start, &current)?,
            Some(_) => {
                let shown: String = line[start..].chars().take(30).collect();
                return Err(p.err(
                    start,
                    format!(
                        "unexpected line '{shown}': expected a [key] line, a \"name\"=value or @=value line, or a ; \
                         comment"
                    ),
                ));
            }
        }
        p.at += 1;
    }
    Ok(registry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(text: &str) -> Registry {
        parse_reg("t.reg", text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(text: &str) -> LoadError {
        parse_reg("t.reg", text).expect_err("must fail")
    }

    const K: &str = "HKEY_CURRENT_USER\\Software\\T";

    fn get(r: &Registry, name: &str) -> Option<RegValue> {
        r.get_value(K, name).unwrap().cloned()
    }

    #[test]
    fn microsoft_snippet_loads_as_written() {
        let r = reg("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\14.0\\Outlook\\Options\\Shutdown]\r\n\"FastShutdownBehavior\"=dword:00000001\r\n");
        assert_eq!(
            r.get_value(
                "HKCU\\Software\\Policies\\Microsoft\\Office\\14.0\\Outlook\\Options\\Shutdown",
                "FastShutdownBehavior"
            )
            .unwrap(),
            Some(&RegValue::Dword(1))
        );
    }

    #[test]
    fn every_data_form() {
        let r = reg(r#"Windows Registry Editor Version 5.00

; a comment
[HKEY_CURRENT_USER\Software\T]
@="default"
"s"="C:\\dir\\\"q\""
"d"=dword:ffffffff
"small"=dword:1
"b"=hex:00,01,\
  ff
"e"=hex(2):25,00,54,00,45,00,4d,00,50,00,25,00,00,00
"m"=hex(7):61,00,00,00,62,00,63,00,00,00,00,00
"none"=hex(7):00,00
"q"=hex(b):01,00,00,00,00,00,00,80
"h4"=hex(4):02,00,00,00
"h1"=hex(1):78,00,00,00
"empty"=hex:
  "spaced" = dword:00000002 ; trailing comment
"gone"=dword:1
"gone"=-
"#);
        assert_eq!(get(&r, ""), Some(RegValue::Sz("default".into())));
        assert_eq!(get(&r, "s"), Some(RegValue::Sz("C:\\dir\\\"q\"".into())));
        assert_eq!(get(&r, "d"), Some(RegValue::Dword(u32::MAX)));
        assert_eq!(get(&r, "small"), Some(RegValue::Dword(1)));
        assert_eq!(get(&r, "b"), Some(RegValue::Binary(vec![0, 1, 0xff])));
        assert_eq!(get(&r, "e"), Some(RegValue::ExpandSz("%TEMP%".into())));
        assert_eq!(
            get(&r, "m"),
            Some(RegValue::MultiSz(vec!["a".into(), "bc".into()]))
        );
        assert_eq!(get(&r, "none"), Some(RegValue::MultiSz(vec![])));
        assert_eq!(get(&r, "q"), Some(RegValue::Qword(0x8000_0000_0000_0001)));
        assert_eq!(get(&r, "h4"), Some(RegValue::Dword(2)));
        assert_eq!(get(&r, "h1"), Some(RegValue::Sz("x".into())));
        assert_eq!(get(&r, "empty"), Some(RegValue::Binary(vec![])));
        assert_eq!(get(&r, "spaced"), Some(RegValue::Dword(2)));
        assert_eq!(get(&r, "gone"), None);
    }

    #[test]
    fn regedit4_strings_are_8_bit_and_key_deletion_removes_subkeys() {
        let r = reg("REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\T]\n\"e\"=hex(2):25,54,25,00\n\"m\"=hex(7):61,00,62,00,00\n[HKEY_LOCAL_MACHINE\\A\\B]\n\"v\"=dword:1\n[-HKEY_LOCAL_MACHINE\\A]\n");
        assert_eq!(get(&r, "e"), Some(RegValue::ExpandSz("%T%".into())));
        assert_eq!(
            get(&r, "m"),
            Some(RegValue::MultiSz(vec!["a".into(), "b".into()]))
        );
        assert_eq!(r.get_value("HKLM\\A\\B", "v").unwrap(), None);
        assert_eq!(r.keys().count(), 1);
    }

    #[test]
    fn precise_errors() {
        let h = "Windows Registry Editor Version 5.00\n[HKEY_CURRENT_USER\\Software\\T]\n";
        let cases: &[(&str, (usize, usize), &str)] = &[
            (
                "Windows Registry Editor Version 4.00\n",
                (1, 1),
                "bad header",
            ),
            ("[HKEY_CURRENT_USER\\X]\n", (1, 1), "bad header"),
            ("REGEDIT4\n\"v\"=dword:1\n", (2, 1), "before any [key]"),
            (
                "REGEDIT4\n[HKEY_CLASSES_ROOT\\X]\n",
                (2, 2),
                "unknown registry hive 'HKEY_CLASSES_ROOT'",
            ),
            (
                "REGEDIT4\n[HKEY_CURRENT_USER\\X\n",
                (2, 21),
                "no closing ']'",
            ),
            (
                "REGEDIT4\n[-HKCU\\X]\n\"v\"=dword:1\n",
                (3, 1),
                "deletes that key",
            ),
            ("\"v\"=hex:0,01\n", (3, 9), "odd number of hex digits"),
            ("\"v\"=hex:01,0102\n", (3, 12), "more than one byte"),
            ("\"v\"=hex:01,,02\n", (3, 12), "missing between two commas"),
            ("\"v\"=hex:01,zz\n", (3, 12), "not a hex digit"),
            ("\"v\"=hex:01,\\\n", (3, 12), "no data follows"),
            (
                "\"v\"=hex:01,\\\n\n\"w\"=dword:1\n",
                (3, 12),
                "no data follows",
            ),
            ("\"v\"=hex:01,\\\n  0\n", (4, 3), "odd number"),
            ("\"v\"=\"abc\n", (3, 5), "never closed"),
            ("\"v=dword:1\n", (3, 1), "never closed"),
            ("\"v\"=\"a\\nb\"\n", (3, 7), "unknown escape '\\n'"),
            ("\"v\"=dword:123456789\n", (3, 11), "1 to 8 hex digits"),
            ("\"v\"=dword:-1\n", (3, 11), "1 to 8 hex digits"),
            ("\"v\"=dword:\n", (3, 11), "1 to 8 hex digits"),
            ("\"v\"=qword:1\n", (3, 5), "unknown data"),
            ("\"v\"=hex(0):\n", (3, 5), "REG_NONE"),
            ("\"v\"=hex(b):01,02\n", (3, 5), "8 bytes"),
            ("\"v\"=hex(2):41\n", (3, 5), "even number of bytes"),
            ("\"v\"=hex(z):41\n", (3, 5), "hex(N):"),
            ("\"v\" dword:1\n", (3, 5), "expected '='"),
            ("\"v\"=dword:1 x\n", (3, 13), "unexpected text 'x'"),
            (
                "REGEDIT4\n[HKCU\\T]\nv=dword:1\n",
                (3, 1),
                "unexpected line",
            ),
        ];
        for (text, (line, column), needle) in cases {
            let text = if text.starts_with('"') {
                format!("{h}{text}")
            } else {
                (*text).to_owned()
            };
            let e = err(&text);
            assert!(e.message.contains(needle), "{text:?}: {e}");
            assert_eq!((e.line, e.column), (*line, *column), "{text:?}: {e}");
        }
    }
}
