//! Restrictions (`SRestriction`): read from C once, then evaluated against rows.
//!
//! Every kind the SDK documents for a flat table is evaluated: AND, OR, NOT, CONTENT, PROPERTY,
//! COMPAREPROPS, BITMASK, SIZE, EXIST, and COMMENT/ANNOTATION (their sub-restriction, or true). A property
//! the row lacks (or holds as `PT_ERROR`) makes PROPERTY, CONTENT, COMPAREPROPS, BITMASK and SIZE false.
//! A single value tested against a multi-valued property of the same base type matches when any value does.
//! SUBRESTRICTION (recipients and attachments, which a table row has none of), COUNT and `RELOP_RE` are
//! refused with `MAPI_E_TOO_COMPLEX`; an unknown kind or operator is `MAPI_E_INVALID_PARAMETER`.

use crate::com::mapidefs::*;
use crate::com::{E_INVALIDARG, SCODE};

use super::cabi::read_prop;
use super::compare::{cmp_str8, cmp_strw, compare, relop_holds, Case};
use super::value::{Prop, Value};

/// How deep restrictions may nest before they are refused as too complex.
pub const MAX_DEPTH: u32 = 256;

/// A restriction, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Restriction {
    And(Vec<Restriction>),
    Or(Vec<Restriction>),
    Not(Box<Restriction>),
    Content { fuzzy: u32, tag: u32, value: Prop },
    Property { relop: u32, tag: u32, value: Prop },
    CompareProps { relop: u32, tag1: u32, tag2: u32 },
    BitMask { bmr: u32, tag: u32, mask: u32 },
    Size { relop: u32, tag: u32, cb: u32 },
    Exist { tag: u32 },
    Comment(Option<Box<Restriction>>),
}

fn relop(r: u32) -> Result<u32, SCODE> {
    match r {
        RELOP_LT..=RELOP_NE => Ok(r),
        RELOP_RE => Err(MAPI_E_TOO_COMPLEX),
        _ => Err(E_INVALIDARG),
    }
}

impl Restriction {
    /// Read an `SRestriction` tree.
    ///
    /// # Safety
    /// `p` must be NULL or a valid `SRestriction` whose pointers are valid for their kinds.
    pub unsafe fn read(p: *const SRestriction) -> Result<Restriction, SCODE> {
        Self::read_at(p, 0)
    }

    unsafe fn read_at(p: *const SRestriction, depth: u32) -> Result<Restriction, SCODE> {
        if depth > MAX_DEPTH {
            return Err(MAPI_E_TOO_COMPLEX);
        }
        let r = p.as_ref().ok_or(E_INVALIDARG)?;
        let list = |n: u32, lp: *mut SRestriction| -> Result<Vec<Restriction>, SCODE> {
            if n > 0 && lp.is_null() {
                return Err(E_INVALIDARG);
            }
            (0..n as usize)
                .map(|i| Self::read_at(lp.add(i), depth + 1))
                .collect()
        };
        Ok(match r.rt {
            RES_AND => Restriction::And(list(r.res.resAnd.cRes, r.res.resAnd.lpRes)?),
            RES_OR => Restriction::Or(list(r.res.resOr.cRes, r.res.resOr.lpRes)?),
            RES_NOT => Restriction::Not(Box::new(Self::read_at(r.res.resNot.lpRes, depth + 1)?)),
            RES_CONTENT => {
                let c = r.res.resContent;
                let value = read_prop(c.lpProp)?;
                if !matches!(
                    value.value,
                    Value::String8(_) | Value::Unicode(_) | Value::Binary(_)
                ) {
                    return Err(E_INVALIDARG);
                }
                Restriction::Content {
                    fuzzy: c.ulFuzzyLevel,
                    tag: c.ulPropTag,
                    value,
                }
            }
            RES_PROPERTY => {
                let c = r.res.resProperty;
                Restriction::Property {
                    relop: relop(c.relop)?,
                    tag: c.ulPropTag,
                    value: read_prop(c.lpProp)?,
                }
            }
            RES_COMPAREPROPS => {
                let c = r.res.resCompareProps;
                Restriction::CompareProps {
                    relop: relop(c.relop)?,
                    tag1: c.ulPropTag1,
                    tag2: c.ulPropTag2,
                }
            }
            RES_BITMASK => {
                let c = r.res.resBitMask;
                if c.relBMR > BMR_NEZ {
                    return Err(E_INVALIDARG);
                }
                Restriction::BitMask {
                    bmr: c.relBMR,
                    tag: c.ulPropTag,
                    mask: c.ulMask,
                }
            }
            RES_SIZE => {
                let c = r.res.resSize;
                Restriction::Size {
                    relop: relop(c.relop)?,
                    tag: c.ulPropTag,
                    cb: c.cb,
                }
            }
            RES_EXIST => Restriction::Exist {
                tag: r.res.resExist.ulPropTag,
            },
            RES_COMMENT | RES_ANNOTATION => {
                let c = r.res.resComment;
                if c.lpRes.is_null() {
                    Restriction::Comment(None)
                } else {
                    Restriction::Comment(Some(Box::new(Self::read_at(c.lpRes, depth + 1)?)))
                }
            }
            RES_SUBRESTRICTION | RES_COUNT => return Err(MAPI_E_TOO_COMPLEX),
            _ => return Err(E_INVALIDARG),
        })
    }

    /// Whether `row` satisfies the restriction.
    pub fn matches(&self, row: &[Prop]) -> bool {
        match self {
            Restriction::And(v) => v.iter().all(|r| r.matches(row)),
            Restriction::Or(v) => v.iter().any(|r| r.matches(row)),
            Restriction::Not(r) => !r.matches(row),
            Restriction::Comment(r) => r.as_ref().is_none_or(|r| r.matches(row)),
            Restriction::Exist { tag } => lookup(row, *tag).is_some(),
            Restriction::Property { relop, tag, value } => {
                any_instance(row, *tag, &value.value, |v| {
                    relop_holds(*relop, compare(v, &value.value, Case::Fold))
                })
            }
            Restriction::Content { fuzzy, tag, value } => {
                any_instance(row, *tag, &value.value, |v| {
                    content(*fuzzy, v, &value.value)
                })
            }
            Restriction::CompareProps { relop, tag1, tag2 } => {
                match (lookup(row, *tag1), lookup(row, *tag2)) {
                    (Some(a), Some(b)) if a.ty() == b.ty() => {
                        relop_holds(*relop, compare(&a.value, &b.value, Case::Fold))
                    }
                    _ => false,
                }
            }
            Restriction::BitMask { bmr, tag, mask } => match lookup(row, *tag).map(|p| &p.value) {
                Some(Value::Long(l)) => ((*l as u32 & mask) == 0) == (*bmr == BMR_EQZ),
                _ => false,
            },
            Restriction::Size { relop, tag, cb } => {
                lookup(row, *tag).is_some_and(|p| relop_holds(*relop, p.value.size().cmp(cb)))
            }
        }
    }
}

/// The row's value for `tag` (same ID; same type unless `tag` is `PT_UNSPECIFIED`; never `PT_ERROR`).
fn lookup(row: &[Prop], tag: u32) -> Option<&Prop> {
    row.iter().find(|p| !p.is_error() && p.answers(tag))
}

/// Test `f` on the row's value for `tag`, or on each value of a multi-valued property of the same base type
/// when the restriction's value is single.
fn any_instance(row: &[Prop], tag: u32, wanted: &Value, f: impl Fn(&Value) -> bool) -> bool {
    let base = prop_type(tag) & !(MV_FLAG | 0x2000);
    let Some(p) = row
        .iter()
        .find(|p| !p.is_error() && p.id() == prop_id(tag) && (p.ty() & !MV_FLAG) == base)
    else {
        return false;
    };
    let wanted_mv = wanted.instances().is_some();
    match p.value.instances() {
        Some(values) if !wanted_mv => values.iter().any(f),
        _ => f(&p.value),
    }
}

fn content(fuzzy: u32, have: &Value, want: &Value) -> bool {
    let case = if fuzzy & (FL_IGNORECASE | FL_LOOSE | FL_IGNORENONSPACE) != 0 {
        Case::Fold
    } else {
        Case::Sensitive
    };
    let how = fuzzy & 0xFFFF;
    match (have, want) {
        (Value::String8(h), Value::String8(w)) => {
            fits(h, w, how, |a, b| cmp_str8(a, b, case).is_eq())
        }
        (Value::Unicode(h), Value::Unicode(w)) => {
            fits(h, w, how, |a, b| cmp_strw(a, b, case).is_eq())
        }
        (Value::Binary(h), Value::Binary(w)) => fits(h, w, how, |a, b| a == b),
        _ => false,
    }
}

fn fits<T>(have: &[T], want: &[T], how: u32, eq: impl Fn(&[T], &[T]) -> bool) -> bool {
    match how {
        FL_SUBSTRING => want.is_empty() || have.windows(want.len()).any(|w| eq(w, want)),
        FL_PREFIX => have.len() >= want.len() && eq(&have[..want.len()], want),
        _ => eq(have, want),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: u32 = prop_tag(PT_STRING8, 0x3001);
    const SIZE: u32 = prop_tag(PT_LONG, 0x0E08);
    const FLAGS: u32 = prop_tag(PT_LONG, 0x0E07);
    const KW: u32 = prop_tag(MV_FLAG | PT_STRING8, 0x4000);

    fn s(x: &str) -> Value {
        Value::String8(x.as_bytes().to_vec())
    }

    fn row(name: &str, size: i32) -> Vec<Prop> {
        vec![
            Prop::new(NAME, s(name)),
            Prop::new(SIZE, Value::Long(size)),
            Prop::new(FLAGS, Value::Long(size & 3)),
            Prop::new(
                KW,
                Value::MvString8(vec![b"red".to_vec(), b"blue".to_vec()]),
            ),
        ]
    }

    #[test]
    fn property_content_bitmask_size_exist() {
        let r = row("Alice Smith", 10);
        let prop = |relop, v| Restriction::Property {
            relop,
            tag: SIZE,
            value: Prop::new(SIZE, Value::Long(v)),
        };
        assert!(prop(RELOP_GE, 10).matches(&r));
        assert!(!prop(RELOP_GT, 10).matches(&r));
        let content = |fuzzy, v: &str| Restriction::Content {
            fuzzy,
            tag: NAME,
            value: Prop::new(NAME, s(v)),
        };
        assert!(content(FL_SUBSTRING | FL_IGNORECASE, "smith").matches(&r));
        assert!(!content(FL_SUBSTRING, "smith").matches(&r));
        assert!(content(FL_PREFIX, "Alice").matches(&r));
        assert!(!content(FL_FULLSTRING, "Alice").matches(&r));
        assert!(Restriction::BitMask {
            bmr: BMR_NEZ,
            tag: FLAGS,
            mask: 2
        }
        .matches(&r));
        assert!(!Restriction::BitMask {
            bmr: BMR_EQZ,
            tag: FLAGS,
            mask: 2
        }
        .matches(&r));
        assert!(Restriction::Size {
            relop: RELOP_EQ,
            tag: NAME,
            cb: 12
        }
        .matches(&r));
        assert!(Restriction::Exist { tag: NAME }.matches(&r));
        assert!(!Restriction::Exist {
            tag: prop_tag(PT_LONG, 0x9999)
        }
        .matches(&r));
        let kw = Restriction::Property {
            relop: RELOP_EQ,
            tag: prop_tag(PT_STRING8, 0x4000),
            value: Prop::new(prop_tag(PT_STRING8, 0x4000), s("BLUE")),
        };
        assert!(
            kw.matches(&r),
            "a single value matches any value of a multi-valued property"
        );
    }

    #[test]
    fn missing_properties_fail_and_logic_combines() {
        let r = vec![Prop::new(SIZE, Value::Long(3))];
        let on_name = Restriction::Property {
            relop: RELOP_NE,
            tag: NAME,
            value: Prop::new(NAME, s("x")),
        };
        assert!(!on_name.matches(&r));
        assert!(Restriction::Not(Box::new(on_name.clone())).matches(&r));
        assert!(
            Restriction::Or(vec![on_name.clone(), Restriction::Exist { tag: SIZE }]).matches(&r)
        );
        assert!(!Restriction::And(vec![on_name, Restriction::Exist { tag: SIZE }]).matches(&r));
        assert!(Restriction::And(vec![]).matches(&r));
        assert!(!Restriction::Or(vec![]).matches(&r));
        let cmp = Restriction::CompareProps {
            relop: RELOP_EQ,
            tag1: SIZE,
            tag2: FLAGS,
        };
        assert!(!cmp.matches(&r));
        assert!(cmp.matches(&[
            Prop::new(SIZE, Value::Long(3)),
            Prop::new(FLAGS, Value::Long(3))
        ]));
    }

    #[test]
    fn read_refuses_bad_kinds_and_deep_trees() {
        let mut r = SRestriction {
            rt: 99,
            res: unsafe { core::mem::zeroed() },
        };
        assert_eq!(unsafe { Restriction::read(&r) }, Err(E_INVALIDARG));
        r.rt = RES_SUBRESTRICTION;
        assert_eq!(unsafe { Restriction::read(&r) }, Err(MAPI_E_TOO_COMPLEX));
        r.rt = RES_NOT;
        assert_eq!(
            unsafe { Restriction::read(&r) },
            Err(E_INVALIDARG),
            "NOT with a NULL lpRes"
        );
        let mut chain: Vec<SRestriction> = (0..400)
            .map(|_| SRestriction {
                rt: RES_NOT,
                res: unsafe { core::mem::zeroed() },
            })
            .collect();
        let base = chain.as_mut_ptr();
        for i in 0..399 {
            unsafe {
                (*base.add(i)).res.resNot = SNotRestriction {
                    ulReserved: 0,
                    lpRes: base.add(i + 1),
                }
            };
        }
        chain[399].rt = RES_EXIST;
        assert_eq!(unsafe { Restriction::read(base) }, Err(MAPI_E_TOO_COMPLEX));
    }
}
