//! Property tag names (`PR_DISPLAY_NAME`, `PR_PST_PATH_W`, ...) as the SDK-compatible `mapitags.h` defines them,
//! for the configuration file: the header is the one list of names, read once at the first lookup.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::com::mapidefs::*;

/// The shipped `mapitags.h`.
const MAPITAGS_H: &str = include_str!("../../include/mockmapi/sdk/impl/mapitags.h");

/// A `PT_*` name (the `PT_MV_*` forms included) and its value.
fn type_from_name(name: &str) -> Option<u32> {
    let base = |n: &str| -> Option<u32> {
        Some(match n {
            "UNSPECIFIED" => PT_UNSPECIFIED,
            "NULL" => PT_NULL,
            "I2" | "SHORT" => PT_I2,
            "LONG" | "I4" => PT_LONG,
            "R4" | "FLOAT" => PT_R4,
            "DOUBLE" | "R8" => PT_DOUBLE,
            "CURRENCY" => PT_CURRENCY,
            "APPTIME" => PT_APPTIME,
            "ERROR" => PT_ERROR,
            "BOOLEAN" => PT_BOOLEAN,
            "OBJECT" => PT_OBJECT,
            "I8" | "LONGLONG" => PT_I8,
            "STRING8" | "TSTRING" => PT_STRING8,
            "UNICODE" => PT_UNICODE,
            "SYSTIME" => PT_SYSTIME,
            "CLSID" => PT_CLSID,
            "BINARY" => PT_BINARY,
            "PTR" => PT_PTR,
            _ => return None,
        })
    };
    let rest = name.strip_prefix("PT_")?;
    match rest.strip_prefix("MV_") {
        Some(mv) => base(mv).map(|t| t | MV_FLAG),
        None => base(rest),
    }
}

/// `PR_*` name → tag, from `#define PR_X PROP_TAG(PT_Y, 0xNNNN)` lines and `#define PR_X PR_Y` aliases.
static TAGS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let mut tags = HashMap::new();
    let mut aliases = Vec::new();
    for line in MAPITAGS_H.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("#define") {
            continue;
        }
        let (Some(name), Some(def)) = (words.next(), words.next()) else {
            continue;
        };
        if !name.starts_with("PR_") {
            continue;
        }
        // The definition may continue after a space: PROP_TAG(PT_LONG, 0x0001)
        let def = line[line.find(def).unwrap_or(0)..].trim();
        if let Some(args) = def
            .strip_prefix("PROP_TAG(")
            .and_then(|a| a.strip_suffix(')'))
        {
            let mut parts = args.split(',').map(str::trim);
            let ty = parts.next().and_then(type_from_name);
            let id = parts
                .next()
                .and_then(|n| n.strip_prefix("0x"))
                .and_then(|h| u32::from_str_radix(h, 16).ok());
            if let (Some(ty), Some(id)) = (ty, id) {
                tags.insert(name, (id << 16) | ty);
            }
        } else if def.starts_with("PR_") && !def.contains(' ') {
            aliases.push((name, def));
        }
    }
    for (name, target) in aliases {
        if let Some(&t) = tags.get(target) {
            tags.insert(name, t);
        }
    }
    tags
});

/// The tag a `PR_*` name stands for, as `mapitags.h` defines it.
pub fn tag_from_name(name: &str) -> Option<u32> {
    TAGS.get(name).copied()
}

/// The `PT_*` name of a property type (`PT_MV_*` for multi-valued ones), or its number in hex.
pub fn type_name(ty: u32) -> String {
    let base = match ty & !MV_FLAG {
        PT_UNSPECIFIED => "UNSPECIFIED",
        PT_NULL => "NULL",
        PT_I2 => "I2",
        PT_LONG => "LONG",
        PT_R4 => "R4",
        PT_DOUBLE => "DOUBLE",
        PT_CURRENCY => "CURRENCY",
        PT_APPTIME => "APPTIME",
        PT_ERROR => "ERROR",
        PT_BOOLEAN => "BOOLEAN",
        PT_OBJECT => "OBJECT",
        PT_I8 => "I8",
        PT_STRING8 => "STRING8",
        PT_UNICODE => "UNICODE",
        PT_SYSTIME => "SYSTIME",
        PT_CLSID => "CLSID",
        PT_BINARY => "BINARY",
        PT_PTR => "PTR",
        _ => return format!("0x{ty:04X}"),
    };
    if ty & MV_FLAG != 0 {
        format!("PT_MV_{base}")
    } else {
        format!("PT_{base}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_mapitags_h() {
        assert_eq!(tag_from_name("PR_DISPLAY_NAME_A"), Some(0x3001_001E));
        assert_eq!(tag_from_name("PR_DISPLAY_NAME_W"), Some(0x3001_001F));
        assert_eq!(tag_from_name("PR_DISPLAY_NAME"), Some(0x3001_001E));
        assert_eq!(tag_from_name("PR_ACKNOWLEDGEMENT_MODE"), Some(0x0001_0003));
        assert_eq!(tag_from_name("PR_NOT_A_TAG"), None);
        assert!(TAGS.len() > 700, "{} names", TAGS.len());
        assert_eq!(type_name(PT_BINARY), "PT_BINARY");
        assert_eq!(type_name(MV_FLAG | PT_LONG), "PT_MV_LONG");
    }
}
