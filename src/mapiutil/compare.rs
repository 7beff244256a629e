//! Ordering of property values: `LPropCompareProp`, restriction relational operators and table sorting.
//!
//! Numbers compare by value, strings by character (tables and restrictions fold case, as Outlook's tables
//! do; `LPropCompareProp` does not), binaries and multi-valued properties element by element, the shorter
//! first on a common prefix. Values of different types order by type number, so the answer is non-zero and
//! consistent, as the SDK requires.

use std::cmp::Ordering;

use crate::com::mapidefs::*;

use super::value::{Prop, Value};

/// Case folding for comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Sensitive,
    Fold,
}

fn fold8(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

fn fold_w(w: WCHAR) -> u32 {
    let u = w as u32;
    char::from_u32(u)
        .and_then(|c| c.to_lowercase().next())
        .map_or(u, |c| c as u32)
}

/// Compare two byte strings, folding ASCII case on request.
pub fn cmp_str8(a: &[u8], b: &[u8], case: Case) -> Ordering {
    match case {
        Case::Sensitive => a.cmp(b),
        Case::Fold => a.iter().map(|x| fold8(*x)).cmp(b.iter().map(|x| fold8(*x))),
    }
}

/// Compare two wide strings, folding case on request.
pub fn cmp_strw(a: &[WCHAR], b: &[WCHAR], case: Case) -> Ordering {
    match case {
        Case::Sensitive => a.iter().map(|x| *x as u32).cmp(b.iter().map(|x| *x as u32)),
        Case::Fold => a
            .iter()
            .map(|x| fold_w(*x))
            .cmp(b.iter().map(|x| fold_w(*x))),
    }
}

fn seq<T>(a: &[T], b: &[T], f: impl Fn(&T, &T) -> Ordering) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        match f(x, y) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    a.len().cmp(&b.len())
}

fn ft(x: &FILETIME) -> u64 {
    ((x.dwHighDateTime as u64) << 32) | x.dwLowDateTime as u64
}

fn type_rank(v: &Value) -> u32 {
    match v {
        Value::Raw(_) => PT_NULL,
        Value::I2(_) => PT_I2,
        Value::Long(_) => PT_LONG,
        Value::R4(_) => PT_R4,
        Value::Double(_) => PT_DOUBLE,
        Value::Currency(_) => PT_CURRENCY,
        Value::AppTime(_) => PT_APPTIME,
        Value::Error(_) => PT_ERROR,
        Value::Boolean(_) => PT_BOOLEAN,
        Value::I8(_) => PT_I8,
        Value::String8(_) => PT_STRING8,
        Value::Unicode(_) => PT_UNICODE,
        Value::SysTime(_) => PT_SYSTIME,
        Value::Clsid(_) => PT_CLSID,
        Value::Binary(_) => PT_BINARY,
        Value::Ptr(_) => PT_PTR,
        Value::MvI2(_) => MV_FLAG | PT_I2,
        Value::MvLong(_) => MV_FLAG | PT_LONG,
        Value::MvR4(_) => MV_FLAG | PT_R4,
        Value::MvDouble(_) => MV_FLAG | PT_DOUBLE,
        Value::MvCurrency(_) => MV_FLAG | PT_CURRENCY,
        Value::MvAppTime(_) => MV_FLAG | PT_APPTIME,
        Value::MvSysTime(_) => MV_FLAG | PT_SYSTIME,
        Value::MvClsid(_) => MV_FLAG | PT_CLSID,
        Value::MvI8(_) => MV_FLAG | PT_I8,
        Value::MvString8(_) => MV_FLAG | PT_STRING8,
        Value::MvUnicode(_) => MV_FLAG | PT_UNICODE,
        Value::MvBinary(_) => MV_FLAG | PT_BINARY,
    }
}

/// The order of two values (see the module documentation).
pub fn compare(a: &Value, b: &Value, case: Case) -> Ordering {
    use Value::*;
    match (a, b) {
        (Raw(x), Raw(y)) | (Long(x), Long(y)) | (Error(x), Error(y)) => x.cmp(y),
        (I2(x), I2(y)) => x.cmp(y),
        (Boolean(x), Boolean(y)) => (*x != 0).cmp(&(*y != 0)),
        (R4(x), R4(y)) => x.total_cmp(y),
        (Double(x), Double(y)) | (AppTime(x), AppTime(y)) => x.total_cmp(y),
        (Currency(x), Currency(y)) | (I8(x), I8(y)) => x.cmp(y),
        (SysTime(x), SysTime(y)) => ft(x).cmp(&ft(y)),
        (Clsid(x), Clsid(y)) => x.cmp(y),
        (Ptr(x), Ptr(y)) => x.cmp(y),
        (String8(x), String8(y)) => cmp_str8(x, y, case),
        (Unicode(x), Unicode(y)) => cmp_strw(x, y, case),
        (Binary(x), Binary(y)) => x.cmp(y),
        (MvI2(x), MvI2(y)) => seq(x, y, |p, q| p.cmp(q)),
        (MvLong(x), MvLong(y)) => seq(x, y, |p, q| p.cmp(q)),
        (MvR4(x), MvR4(y)) => seq(x, y, |p, q| p.total_cmp(q)),
        (MvDouble(x), MvDouble(y)) | (MvAppTime(x), MvAppTime(y)) => {
            seq(x, y, |p, q| p.total_cmp(q))
        }
        (MvCurrency(x), MvCurrency(y)) | (MvI8(x), MvI8(y)) => seq(x, y, |p, q| p.cmp(q)),
        (MvSysTime(x), MvSysTime(y)) => seq(x, y, |p, q| ft(p).cmp(&ft(q))),
        (MvClsid(x), MvClsid(y)) => seq(x, y, |p, q| p.cmp(q)),
        (MvString8(x), MvString8(y)) => seq(x, y, |p, q| cmp_str8(p, q, case)),
        (MvUnicode(x), MvUnicode(y)) => seq(x, y, |p, q| cmp_strw(p, q, case)),
        (MvBinary(x), MvBinary(y)) => seq(x, y, |p, q| p.cmp(q)),
        _ => type_rank(a).cmp(&type_rank(b)),
    }
}

/// `LPropCompareProp`: negative, zero or positive, case-sensitive.
pub fn lprop_compare(a: &Prop, b: &Prop) -> i32 {
    match compare(&a.value, &b.value, Case::Sensitive) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}

/// Whether `ord` (of left against right) satisfies a `RELOP_*` (not `RELOP_RE`).
pub fn relop_holds(relop: u32, ord: Ordering) -> bool {
    match relop {
        RELOP_LT => ord == Ordering::Less,
        RELOP_LE => ord != Ordering::Greater,
        RELOP_GT => ord == Ordering::Greater,
        RELOP_GE => ord != Ordering::Less,
        RELOP_EQ => ord == Ordering::Equal,
        RELOP_NE => ord != Ordering::Equal,
        _ => false,
    }
}

/// A named property's name (`MAPINAMEID`), owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    Id(i32),
    String(Vec<WCHAR>),
}

/// `FEqualNames`: the same property set (both without a GUID, or equal GUIDs), the same kind, and the same
/// number or the same name (case-sensitive, as the SDK documents).
pub fn equal_names(a: (Option<[u8; 16]>, &Name), b: (Option<[u8; 16]>, &Name)) -> bool {
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_strings_and_binaries_order() {
        assert_eq!(
            compare(&Value::Long(1), &Value::Long(2), Case::Sensitive),
            Ordering::Less
        );
        assert_eq!(
            compare(
                &Value::String8(b"abc".to_vec()),
                &Value::String8(b"ABD".to_vec()),
                Case::Fold
            ),
            Ordering::Less
        );
        assert_eq!(
            compare(
                &Value::String8(b"abc".to_vec()),
                &Value::String8(b"ABC".to_vec()),
                Case::Fold
            ),
            Ordering::Equal
        );
        assert_ne!(
            compare(
                &Value::String8(b"abc".to_vec()),
                &Value::String8(b"ABC".to_vec()),
                Case::Sensitive
            ),
            Ordering::Equal
        );
        assert_eq!(
            compare(
                &Value::Binary(vec![1]),
                &Value::Binary(vec![1, 0]),
                Case::Sensitive
            ),
            Ordering::Less
        );
        assert_eq!(
            compare(
                &Value::MvLong(vec![1, 2]),
                &Value::MvLong(vec![1, 3]),
                Case::Sensitive
            ),
            Ordering::Less
        );
        assert_ne!(
            compare(&Value::Long(1), &Value::I2(1), Case::Sensitive),
            Ordering::Equal
        );
    }

    #[test]
    fn relational_operators() {
        assert!(relop_holds(RELOP_LE, Ordering::Equal));
        assert!(relop_holds(RELOP_NE, Ordering::Less));
        assert!(!relop_holds(RELOP_GT, Ordering::Equal));
        assert!(!relop_holds(RELOP_RE, Ordering::Equal));
    }

    #[test]
    fn names_compare_set_kind_and_value_case_sensitively() {
        let g = Some([1u8; 16]);
        let ab = Name::String(vec![97, 98]);
        assert!(equal_names((g, &ab), (g, &Name::String(vec![97, 98]))));
        assert!(!equal_names((g, &ab), (g, &Name::String(vec![65, 98]))));
        assert!(!equal_names((g, &Name::Id(5)), (None, &Name::Id(5))));
        assert!(!equal_names((g, &Name::Id(5)), (g, &Name::Id(6))));
    }
}
