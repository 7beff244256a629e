//! Reading a registry or configuration file: the size limit, the text encodings `regedit` and editors write,
//! telling YAML from `.reg` by content, and [`LoadError`], the one error type every loader returns.
//!
//! Nothing here keeps state: a load either returns a complete new [`Registry`] or an error, never a part.

use std::fmt;
use std::io::Read;
use std::path::Path;

use super::hive::Registry;

/// The largest registry or configuration file a loader reads (16 MiB). Real files are a few hundred bytes;
/// the limit only stops a wrong path (a log, a disk image) from being read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What kind of failure a [`LoadError`] is (the C API maps it to an HRESULT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file does not exist.
    NotFound,
    /// The file exists but cannot be read (a directory, no permission, too large).
    Unreadable,
    /// The file was read but its content is wrong.
    Invalid,
}

/// Why a file did not load: where (file, 1-based line and column, counted in characters) and what to do.
/// `line` and `column` are 0 for a problem with the whole file (missing, too large, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// What was wrong, then what to do, as one sentence for a person.
    pub message: String,
    pub kind: LoadErrorKind,
}

impl LoadError {
    /// An error about the content at a position.
    pub fn at(path: &str, line: usize, column: usize, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
            kind: LoadErrorKind::Invalid,
        }
    }

    /// An error about the whole file.
    pub fn file(path: &str, kind: LoadErrorKind, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_owned(),
            line: 0,
            column: 0,
            message: message.into(),
            kind,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for LoadError {}

/// The two file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The YAML hive format (`config/README.md`).
    Yaml,
    /// A `regedit` export (`Windows Registry Editor Version 5.00` or `REGEDIT4`).
    Reg,
}

/// Read a file of at most [`MAX_FILE_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let name = path.display().to_string();
    let io_error = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            LoadError::file(
                &name,
                LoadErrorKind::NotFound,
                "no such file; check the path (a relative path is taken from the working directory)",
            )
        } else {
            LoadError::file(
                &name,
                LoadErrorKind::Unreadable,
                format!("cannot read the file ({e}); check that it is a readable file"),
            )
        }
    };
    // Refused before opening: opening a FIFO blocks until a writer comes, reading a device may never end.
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if let Some(what) = not_a_regular_file(&meta) {
        return Err(LoadError::file(
            &name,
            LoadErrorKind::Unreadable,
            format!("is {what}, not a regular file; give the path of a YAML or .reg file"),
        ));
    }
    let too_large = || {
        LoadError::file(
            &name,
            LoadErrorKind::Unreadable,
            format!(
                "is larger than {} MiB, the limit for a registry or configuration file (real ones are a few \
                 hundred bytes); check that the path names the right file",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Non-blocking open: if the path was swapped for a FIFO after the check above, opening it returns at once
    // (and the check below refuses it) instead of waiting for a writer.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(io_error)?;
    if let Some(what) = file.metadata().ok().and_then(|m| not_a_regular_file(&m)) {
        return Err(LoadError::file(
            &name,
            LoadErrorKind::Unreadable,
            format!("is {what}, not a regular file; give the path of a YAML or .reg file"),
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// What a file that is not a regular file is, for the error message; `None` for a regular file.
fn not_a_regular_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a plain file")
}

/// 1-based line and column (in characters) of a byte offset into `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Decode a file's bytes to text: UTF-8 (with or without BOM) or UTF-16LE with BOM, as `regedit` writes.
/// Refuses UTF-16 without a BOM, UTF-16BE, NUL bytes and invalid UTF-8, each with its position.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, LoadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16le(path, rest);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::at(
            path,
            1,
            1,
            "the file is UTF-16 big-endian, which regedit never writes; save it as UTF-16LE (\"Unicode\") or UTF-8",
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let looks_utf16 = bytes.len() >= 2
            && bytes
                .chunks_exact(2)
                .take(64)
                .all(|p| p[1] == 0 && p[0] != 0);
        if looks_utf16 {
            return Err(LoadError::at(
                path,
                1,
                1,
                "the file looks like UTF-16 without a byte-order mark; save it with the BOM (regedit does) or as UTF-8",
            ));
        }
        let text = String::from_utf8_lossy(&bytes[..nul]);
        let (line, column) = line_column(&text, text.len());
        return Err(LoadError::at(
            path,
            line,
            column,
            "the file contains a NUL byte, so it is not a text file; give the path of a YAML or .reg file",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let good = e.valid_up_to();
            let text = std::str::from_utf8(&bytes[..good]).expect("valid prefix");
            let (line, column) = line_column(text, good);
            Err(LoadError::at(
                path,
                line,
                column,
                format!(
                    "byte 0x{:02X} is not valid UTF-8; save the file as UTF-8 (a .reg file may also be UTF-16LE \
                     with BOM, as regedit writes it)",
                    bytes[good]
                ),
            ))
        }
    }
}

fn decode_utf16le(path: &str, bytes: &[u8]) -> Result<String, LoadError> {
    if bytes.len() % 2 != 0 {
        return Err(LoadError::at(
            path,
            1,
            1,
            "the file starts with a UTF-16LE byte-order mark but has an odd number of bytes, so it is cut short; \
             export it again",
        ));
    }
    let units = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') | Err(_) => {
                let (line, column) = line_column(&text, text.len());
                let what = if c.is_ok() {
                    "a NUL character"
                } else {
                    "an unpaired UTF-16 surrogate"
                };
                return Err(LoadError::at(
                    path,
                    line,
                    column,
                    format!("the UTF-16 text contains {what}; export the file again"),
                ));
            }
            Ok(c) => text.push(c),
        }
    }
    Ok(text)
}

/// The first line that is not blank, trimmed.
fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// Tell the format by content: a `regedit` header (or something close to one, or a `[HKEY_...]` line) means
/// `.reg`; a `.reg` file name means `.reg` too, so a bad header is reported as one; anything else is YAML.
pub fn detect(path: &str, text: &str) -> Format {
    let first = first_line(text).trim_start_matches('\u{FEFF}');
    let upper = first.to_ascii_uppercase();
    let reg_like = upper.starts_with("WINDOWS REGISTRY EDITOR")
        || upper.starts_with("REGEDIT")
        || upper.starts_with("[HKEY_")
        || upper.starts_with("[-HKEY_")
        || upper.starts_with("[HKCU")
        || upper.starts_with("[HKLM");
    let reg_name = Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("reg"));
    if reg_like || reg_name {
        Format::Reg
    } else {
        Format::Yaml
    }
}

/// Whether the text holds nothing but blank lines (and, for YAML, comments).
fn is_blank(text: &str, format: Format) -> bool {
    text.lines().all(|l| {
        let l = l.trim().trim_start_matches('\u{FEFF}');
        l.is_empty() || (format == Format::Yaml && l.starts_with('#'))
    })
}

/// The error for a file with no content.
pub fn empty_error(path: &str, what: &str) -> LoadError {
    LoadError::at(
        path,
        1,
        1,
        format!("the file is empty (nothing but blank lines or comments); {what}"),
    )
}

/// Parse a registry file's bytes (YAML hive or `.reg`, told apart by content) into a new hive.
pub fn parse_registry_bytes(path: &str, bytes: &[u8]) -> Result<Registry, LoadError> {
    let text = decode(path, bytes)?;
    parse_registry_text(path, &text)
}

/// Parse a registry file's text (YAML hive or `.reg`, told apart by content) into a new hive.
pub fn parse_registry_text(path: &str, text: &str) -> Result<Registry, LoadError> {
    let format = detect(path, text);
    if is_blank(text, format) {
        return Err(empty_error(
            path,
            "write {} for an empty hive, or a regedit header line for an empty .reg file",
        ));
    }
    match format {
        Format::Yaml => super::yaml::parse_hive(path, text),
        Format::Reg => super::regfile::parse_reg(path, text),
    }
}

/// Read and parse a registry file (YAML hive or `.reg`).
pub fn load_registry_file(path: &Path) -> Result<Registry, LoadError> {
    let bytes = read_limited(path)?;
    parse_registry_bytes(&path.display().to_string(), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_file_line_column_or_only_the_file() {
        let e = LoadError::at("a.yaml", 3, 7, "bad; fix it");
        assert_eq!(e.to_string(), "a.yaml:3:7: bad; fix it");
        let e = LoadError::file("a.yaml", LoadErrorKind::NotFound, "no such file");
        assert_eq!(e.to_string(), "a.yaml: no such file");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncdé\nx", 0), (1, 1));
        assert_eq!(line_column("ab\ncdé\nx", 3), (2, 1));
        assert_eq!(line_column("ab\ncdé\nx", 7), (2, 4));
        assert_eq!(line_column("ab\ncdé\nx", 8), (3, 1));
    }

    #[test]
    fn encodings() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode("f", &utf16).unwrap(), "hé\r\n");
        let no_bom: Vec<u8> = "REGEDIT4"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = decode("f", &no_bom).unwrap_err();
        assert!(
            e.message.contains("UTF-16 without a byte-order mark"),
            "{e}"
        );
        let e = decode("f", b"ok\nbad \xE9 here").unwrap_err();
        assert_eq!((e.line, e.column), (2, 5), "{e}");
        assert!(e.message.contains("0xE9 is not valid UTF-8"), "{e}");
        let e = decode("f", b"a\nb\0c").unwrap_err();
        assert_eq!((e.line, e.column), (2, 2), "{e}");
        assert!(decode("f", &[0xFE, 0xFF, 0, b'a']).is_err());
        assert!(decode("f", &[0xFF, 0xFE, b'a']).is_err());
        assert!(decode("f", &[0xFF, 0xFE, 0x00, 0xD8]).is_err());
    }

    #[test]
    fn detection_by_content_and_name() {
        assert_eq!(
            detect("x", "Windows Registry Editor Version 5.00\r\n"),
            Format::Reg
        );
        assert_eq!(detect("x", "\n  REGEDIT4\n"), Format::Reg);
        assert_eq!(detect("x", "[HKEY_CURRENT_USER\\X]\n"), Format::Reg);
        assert_eq!(detect("x.REG", "HKCU: {}\n"), Format::Reg);
        assert_eq!(detect("x.yaml", "HKCU: {}\n"), Format::Yaml);
        assert_eq!(detect("x", "# REGEDIT4\nHKCU: {}\n"), Format::Yaml);
    }

    #[test]
    fn empty_files_are_refused() {
        for text in ["", "\n\n", "# only a comment\n"] {
            let e = parse_registry_text("e.yaml", text).unwrap_err();
            assert!(e.message.contains("the file is empty"), "{e}");
        }
        let e = parse_registry_text("e.reg", "").unwrap_err();
        assert!(e.message.contains("the file is empty"), "{e}");
    }
}
