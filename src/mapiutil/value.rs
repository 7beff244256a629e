//! Property values as owned Rust data ([`Prop`]), and their sizes as MAPI counts them (`UlPropSize`).

use crate::com::mapidefs::*;
use crate::com::SCODE;

/// A property value, by `PROP_TYPE`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `PT_UNSPECIFIED`, `PT_NULL`, `PT_OBJECT`: the `x` member only.
    Raw(i32),
    I2(i16),
    Long(i32),
    R4(f32),
    Double(f64),
    Currency(i64),
    AppTime(f64),
    Error(SCODE),
    Boolean(u16),
    I8(i64),
    /// Without the terminating NUL.
    String8(Vec<u8>),
    /// Without the terminating NUL.
    Unicode(Vec<WCHAR>),
    SysTime(FILETIME),
    Clsid([u8; 16]),
    Binary(Vec<u8>),
    /// `PT_PTR`: an address the caller owns.
    Ptr(usize),
    MvI2(Vec<i16>),
    MvLong(Vec<i32>),
    MvR4(Vec<f32>),
    MvDouble(Vec<f64>),
    MvCurrency(Vec<i64>),
    MvAppTime(Vec<f64>),
    MvSysTime(Vec<FILETIME>),
    MvClsid(Vec<[u8; 16]>),
    MvI8(Vec<i64>),
    MvString8(Vec<Vec<u8>>),
    MvUnicode(Vec<Vec<WCHAR>>),
    MvBinary(Vec<Vec<u8>>),
}

/// A tagged property value.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub tag: u32,
    pub value: Value,
}

impl Prop {
    pub fn new(tag: u32, value: Value) -> Prop {
        Prop { tag, value }
    }

    /// `PT_ERROR` in place of `tag`, as GetProps and QueryRows report a missing value.
    pub fn error(tag: u32, scode: SCODE) -> Prop {
        Prop::new(change_prop_type(tag, PT_ERROR), Value::Error(scode))
    }

    pub fn id(&self) -> u32 {
        prop_id(self.tag)
    }

    pub fn ty(&self) -> u32 {
        prop_type(self.tag)
    }

    pub fn is_error(&self) -> bool {
        self.ty() == PT_ERROR
    }

    /// Whether this value answers a request for `tag`: the same property ID and the same type, or any type
    /// when `tag` asks for `PT_UNSPECIFIED`.
    pub fn answers(&self, tag: u32) -> bool {
        self.id() == prop_id(tag)
            && (prop_type(tag) == PT_UNSPECIFIED || self.ty() == prop_type(tag))
    }
}

/// Whether `ty` is a property type this library knows (single or multi-valued).
pub fn known_type(ty: u32) -> bool {
    matches!(
        ty,
        PT_UNSPECIFIED
            | PT_NULL
            | PT_I2
            | PT_LONG
            | PT_R4
            | PT_DOUBLE
            | PT_CURRENCY
            | PT_APPTIME
            | PT_ERROR
            | PT_BOOLEAN
            | PT_OBJECT
            | PT_I8
            | PT_STRING8
            | PT_UNICODE
            | PT_SYSTIME
            | PT_CLSID
            | PT_BINARY
            | PT_PTR
    ) || matches!(
        ty & !MV_FLAG,
        PT_I2
            | PT_LONG
            | PT_R4
            | PT_DOUBLE
            | PT_CURRENCY
            | PT_APPTIME
            | PT_SYSTIME
            | PT_CLSID
            | PT_I8
            | PT_STRING8
            | PT_UNICODE
            | PT_BINARY
    ) && ty & MV_FLAG != 0
}

const W: usize = core::mem::size_of::<WCHAR>();

impl Value {
    /// `UlPropSize`: the bytes of the value itself — a string with its NUL, a binary's `cb`, a fixed-size
    /// type's width, and for a multi-valued property the sum over its values.
    pub fn size(&self) -> u32 {
        let n = match self {
            Value::Raw(_) | Value::Long(_) | Value::R4(_) | Value::Error(_) => 4,
            Value::I2(_) | Value::Boolean(_) => 2,
            Value::Double(_) | Value::Currency(_) | Value::AppTime(_) | Value::I8(_) => 8,
            Value::SysTime(_) => 8,
            Value::Clsid(_) => 16,
            Value::Ptr(_) => core::mem::size_of::<usize>(),
            Value::String8(s) => s.len() + 1,
            Value::Unicode(s) => (s.len() + 1) * W,
            Value::Binary(b) => b.len(),
            Value::MvI2(v) => v.len() * 2,
            Value::MvLong(v) => v.len() * 4,
            Value::MvR4(v) => v.len() * 4,
            Value::MvDouble(v) => v.len() * 8,
            Value::MvCurrency(v) => v.len() * 8,
            Value::MvAppTime(v) => v.len() * 8,
            Value::MvSysTime(v) => v.len() * 8,
            Value::MvI8(v) => v.len() * 8,
            Value::MvClsid(v) => v.len() * 16,
            Value::MvString8(v) => v.iter().map(|s| s.len() + 1).sum(),
            Value::MvUnicode(v) => v.iter().map(|s| (s.len() + 1) * W).sum(),
            Value::MvBinary(v) => v.iter().map(Vec::len).sum(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The single values of a multi-valued property, as single values (for restrictions on any value).
    pub fn instances(&self) -> Option<Vec<Value>> {
        Some(match self {
            Value::MvI2(v) => v.iter().map(|x| Value::I2(*x)).collect(),
            Value::MvLong(v) => v.iter().map(|x| Value::Long(*x)).collect(),
            Value::MvR4(v) => v.iter().map(|x| Value::R4(*x)).collect(),
            Value::MvDouble(v) => v.iter().map(|x| Value::Double(*x)).collect(),
            Value::MvCurrency(v) => v.iter().map(|x| Value::Currency(*x)).collect(),
            Value::MvAppTime(v) => v.iter().map(|x| Value::AppTime(*x)).collect(),
            Value::MvSysTime(v) => v.iter().map(|x| Value::SysTime(*x)).collect(),
            Value::MvClsid(v) => v.iter().map(|x| Value::Clsid(*x)).collect(),
            Value::MvI8(v) => v.iter().map(|x| Value::I8(*x)).collect(),
            Value::MvString8(v) => v.iter().map(|x| Value::String8(x.clone())).collect(),
            Value::MvUnicode(v) => v.iter().map(|x| Value::Unicode(x.clone())).collect(),
            Value::MvBinary(v) => v.iter().map(|x| Value::Binary(x.clone())).collect(),
            _ => return None,
        })
    }
}

/// `PpropFindProp`'s rule: the first value whose ID matches, and whose type matches unless `tag` has
/// `PT_UNSPECIFIED`.
pub fn find(props: &[Prop], tag: u32) -> Option<usize> {
    props.iter().position(|p| p.answers(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_ulpropsize() {
        assert_eq!(Value::String8(b"abc".to_vec()).size(), 4);
        assert_eq!(Value::Unicode(vec![65, 66]).size(), 3 * W as u32);
        assert_eq!(Value::Binary(vec![1, 2, 3]).size(), 3);
        assert_eq!(Value::Long(5).size(), 4);
        assert_eq!(Value::I2(5).size(), 2);
        assert_eq!(Value::MvLong(vec![1, 2, 3]).size(), 12);
        assert_eq!(
            Value::MvString8(vec![b"a".to_vec(), b"bc".to_vec()]).size(),
            5
        );
    }

    #[test]
    fn find_matches_id_and_type_or_unspecified() {
        let props = [
            Prop::new(prop_tag(PT_LONG, 0x10), Value::Long(1)),
            Prop::new(prop_tag(PT_STRING8, 0x20), Value::String8(b"x".to_vec())),
        ];
        assert_eq!(find(&props, prop_tag(PT_STRING8, 0x20)), Some(1));
        assert_eq!(find(&props, prop_tag(PT_UNSPECIFIED, 0x20)), Some(1));
        assert_eq!(find(&props, prop_tag(PT_LONG, 0x20)), None);
        assert_eq!(find(&props, prop_tag(PT_LONG, 0x30)), None);
    }

    #[test]
    fn known_types() {
        assert!(known_type(PT_MV_LONG_TEST));
        assert!(known_type(PT_BINARY));
        assert!(!known_type(0x1234));
        assert!(!known_type(MV_FLAG | PT_BOOLEAN));
    }
    const PT_MV_LONG_TEST: u32 = MV_FLAG | PT_LONG;
}
