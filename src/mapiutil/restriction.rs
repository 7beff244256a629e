//! Restrictions (`SRestriction`): read from C once, then evaluated against rows.
//!
//! Every kind the SDK documents for a flat table is evaluated: AND, OR, NOT, CONTENT, PROPERTY,
//! COMPAREPROPS, BITMASK, SIZE, EXIST, and COMMENT/ANNOTATION (their sub-restriction, or true). A property
//! the row lacks (or holds as `PT_ERROR`) makes PROPERTY, CONTENT, COMPAREPROPS, BITMASK and SIZE false.
//! A single value tested against a multi-valued property of the same base type matches when any value does.
//!
//! SUBRESTRICTION applies its restriction to a message's recipients or attachments (`ulSubObject`
//! `PR_MESSAGE_RECIPIENTS` or `PR_MESSAGE_ATTACHMENTS`, anything else is `MAPI_E_INVALID_PARAMETER`) and
//! holds when one of them matches; a row of a table is a set of properties with no recipients or
//! attachments, so it never holds (and `NOT` of it always does). Its restriction is still read and checked.
//! COUNT holds for the first `ulCount` rows, in the view's order, that satisfy its restriction: its counter
//! starts again at each evaluation of the view (`reset`), and a COUNT inside AND counts only the rows that
//! reach it. `RELOP_RE` (a regular expression, whose syntax MAPI does not document) is refused with
//! `MAPI_E_TOO_COMPLEX`; an unknown kind or operator is `MAPI_E_INVALID_PARAMETER`.

use std::cell::Cell;

use crate::com::mapidefs::*;
use crate::com::{E_INVALIDARG, SCODE};

use super::cabi::read_prop;
use super::compare::{cmp_str8, cmp_strw, compare, relop_holds, Case};
use super::value::{Prop, Value};

/// The sub-objects a `RES_SUBRESTRICTION` may name: a message's recipients and attachments.
const PR_MESSAGE_RECIPIENTS: u32 = prop_tag(PT_OBJECT, 0x0E12);
const PR_MESSAGE_ATTACHMENTS: u32 = prop_tag(PT_OBJECT, 0x0E13);

/// How deep restrictions may nest before they are refused as too complex.
pub const MAX_DEPTH: u32 = 256;

/// A restriction, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Restriction {
    And(Vec<Restriction>),
    Or(Vec<Restriction>),
    Not(Box<Restriction>),
    Content {
        fuzzy: u32,
        tag: u32,
        value: Prop,
    },
    Property {
        relop: u32,
        tag: u32,
        value: Prop,
    },
    CompareProps {
        relop: u32,
        tag1: u32,
        tag2: u32,
    },
    BitMask {
        bmr: u32,
        tag: u32,
        mask: u32,
    },
    Size {
        relop: u32,
        tag: u32,
        cb: u32,
    },
    Exist {
        tag: u32,
    },
    Comment(Option<Box<Restriction>>),
    /// `RES_SUBRESTRICTION`: never holds for a table row (see the module documentation).
    Sub {
        object: u32,
        inner: Box<Restriction>,
    },
    /// `RES_COUNT`: the first `limit` rows of an evaluation that satisfy `inner`; `taken` counts them.
    Count {
        limit: u32,
        inner: Box<Restriction>,
        taken: Cell<u32>,
    },
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
            RES_SUBRESTRICTION => {
                let c = r.res.resSub;
                if c.ulSubObject != PR_MESSAGE_RECIPIENTS && c.ulSubObject != PR_MESSAGE_ATTACHMENTS
                {
                    return Err(E_INVALIDARG);
                }
                Restriction::Sub {
                    object: c.ulSubObject,
                    inner: Box::new(Self::read_at(c.lpRes, depth + 1)?),
                }
            }
            RES_COUNT => {
                let c = r.res.resCount;
                Restriction::Count {
                    limit: c.ulCount,
                    inner: Box::new(Self::read_at(c.lpRes, depth + 1)?),
                    taken: Cell::new(0),
                }
            }
            _ => return Err(E_INVALIDARG),
        })
    }

    /// Start a new evaluation: every COUNT counts from zero again. Call before a pass over a view's rows.
    pub fn reset(&self) {
        match self {
            Restriction::And(v) | Restriction::Or(v) => v.iter().for_each(Restriction::reset),
            Restriction::Not(r) | Restriction::Sub { inner: r, .. } => r.reset(),
            Restriction::Comment(Some(r)) => r.reset(),
            Restriction::Count { inner, taken, .. } => {
                taken.set(0);
                inner.reset();
            }
            _ => {}
        }
    }

    /// Whether `row` satisfies the restriction; rows are evaluated in the view's order after `reset`.
    pub fn matches(&self, row: &[Prop]) -> bool {
        match self {
            Restriction::Sub { .. } => false,
            Restriction::Count {
                limit,
                inner,
                taken,
            } => {
                if taken.get() >= *limit || !inner.matches(row) {
                    return false;
                }
                taken.set(taken.get() + 1);
                true
            }
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
        assert_eq!(unsafe { Restriction::read(&r) }, Err(E_INVALIDARG));
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

    #[test]
    fn subrestriction_never_holds_and_count_takes_the_first_matches() {
        let exist = Restriction::Exist { tag: NAME };
        let sub = Restriction::Sub {
            object: PR_MESSAGE_RECIPIENTS,
            inner: Box::new(exist.clone()),
        };
        let rows = [row("a", 1), row("b", 2), row("c", 3)];
        assert!(rows.iter().all(|r| !sub.matches(r)));
        assert!(rows
            .iter()
            .all(|r| Restriction::Not(Box::new(sub.clone())).matches(r)));
        let count = Restriction::Count {
            limit: 2,
            inner: Box::new(exist),
            taken: Cell::new(0),
        };
        let pass = |res: &Restriction| -> Vec<bool> {
            res.reset();
            rows.iter().map(|r| res.matches(r)).collect()
        };
        assert_eq!(pass(&count), [true, true, false]);
        assert_eq!(
            pass(&count),
            [true, true, false],
            "each evaluation counts from zero"
        );
        let nested = Restriction::And(vec![
            Restriction::Property {
                relop: RELOP_GE,
                tag: SIZE,
                value: Prop::new(SIZE, Value::Long(2)),
            },
            count,
        ]);
        assert_eq!(
            pass(&nested),
            [false, true, true],
            "inside AND, only the rows that reach the count are counted"
        );
    }

    #[test]
    fn read_checks_the_sub_object_and_reads_count() {
        let mut exist = SRestriction {
            rt: RES_EXIST,
            res: unsafe { core::mem::zeroed() },
        };
        exist.res.resExist.ulPropTag = NAME;
        let mut r = SRestriction {
            rt: RES_SUBRESTRICTION,
            res: unsafe { core::mem::zeroed() },
        };
        r.res.resSub = SSubRestriction {
            ulSubObject: PR_MESSAGE_ATTACHMENTS,
            lpRes: &mut exist,
        };
        assert!(
            matches!(unsafe { Restriction::read(&r) }, Ok(Restriction::Sub { object, .. }) if object == PR_MESSAGE_ATTACHMENTS)
        );
        r.res.resSub.ulSubObject = NAME;
        assert_eq!(unsafe { Restriction::read(&r) }, Err(E_INVALIDARG));
        r.rt = RES_COUNT;
        r.res.resCount = SCountRestriction {
            ulCount: 3,
            lpRes: &mut exist,
        };
        assert!(matches!(
            unsafe { Restriction::read(&r) },
            Ok(Restriction::Count { limit: 3, .. })
        ));
        r.res.resCount.lpRes = core::ptr::null_mut();
        assert_eq!(unsafe { Restriction::read(&r) }, Err(E_INVALIDARG));
    }
}
