//! The property bag behind `CreateIProp` (`IPropData`): values in the order they were first set, object and
//! per-property access, and the problems each call reports.
//!
//! - `GetProps`: a missing value (or one of another type) comes back as `PT_ERROR` holding
//!   `MAPI_E_NOT_FOUND`, and the call answers `MAPI_W_ERRORS_RETURNED`; `PT_UNSPECIFIED` asks for any type.
//! - `SetProps`/`DeleteProps` on a read-only object (`HrSetObjAccess(IPROP_READONLY)`) fail with
//!   `MAPI_E_NO_ACCESS` and change nothing; a read-only property is a `MAPI_E_NO_ACCESS` problem, a missing
//!   one (`DeleteProps`) a `MAPI_E_NOT_FOUND` problem, and `PT_ERROR`/`PT_OBJECT`/`PT_NULL`/`PT_UNSPECIFIED`
//!   values a `MAPI_E_INVALID_TYPE` problem; the rest of the call still applies.
//! - Access flags are `IPROP_READONLY` or `IPROP_READWRITE`, with `IPROP_CLEAN` or `IPROP_DIRTY`: exactly one
//!   of each pair, else `MAPI_E_INVALID_PARAMETER`. `SetProps` marks a value `IPROP_READWRITE | IPROP_DIRTY`
//!   (keeping a read-only mark). `HrSetPropAccess` on a property the object does not hold changes nothing.

use crate::com::mapidefs::*;
use crate::com::{E_INVALIDARG, MAPI_E_NOT_FOUND, SCODE, S_OK};

use super::value::Prop;

#[derive(Debug, Clone)]
struct Entry {
    prop: Prop,
    access: u32,
}

/// A property bag.
#[derive(Debug, Clone, Default)]
pub struct PropBag {
    entries: Vec<Entry>,
    read_only: bool,
}

/// Whether `access` holds exactly one of READONLY/READWRITE and exactly one of CLEAN/DIRTY.
pub fn valid_prop_access(access: u32) -> bool {
    let rw = access & (IPROP_READONLY | IPROP_READWRITE);
    let cd = access & (IPROP_CLEAN | IPROP_DIRTY);
    let known = IPROP_READONLY | IPROP_READWRITE | IPROP_CLEAN | IPROP_DIRTY;
    access & !known == 0 && rw.count_ones() == 1 && cd.count_ones() == 1
}

fn problem(i: usize, tag: u32, scode: SCODE) -> SPropProblem {
    SPropProblem {
        ulIndex: i as u32,
        ulPropTag: tag,
        scode,
    }
}

impl PropBag {
    fn position(&self, tag: u32) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.prop.id() == prop_id(tag))
    }

    /// `GetProps`: the values for `tags` (all values for `None`) and whether any is an error.
    pub fn get(&self, tags: Option<&[u32]>) -> (Vec<Prop>, bool) {
        let Some(tags) = tags else {
            return (
                self.entries
                    .iter()
                    .filter(|e| e.prop.ty() != PT_OBJECT)
                    .map(|e| e.prop.clone())
                    .collect(),
                false,
            );
        };
        let mut errors = false;
        let out = tags
            .iter()
            .map(|&t| {
                match self
                    .entries
                    .iter()
                    .find(|e| e.prop.answers(t) && e.prop.ty() != PT_OBJECT)
                {
                    Some(e) => e.prop.clone(),
                    None => {
                        errors = true;
                        Prop::error(t, MAPI_E_NOT_FOUND)
                    }
                }
            })
            .collect();
        (out, errors)
    }

    /// `GetPropList`.
    pub fn list(&self) -> Vec<u32> {
        self.entries.iter().map(|e| e.prop.tag).collect()
    }

    /// `SetProps`.
    pub fn set(&mut self, props: Vec<Prop>) -> Result<Vec<SPropProblem>, SCODE> {
        if self.read_only {
            return Err(MAPI_E_NO_ACCESS);
        }
        let mut problems = Vec::new();
        for (i, p) in props.into_iter().enumerate() {
            if matches!(p.ty(), PT_ERROR | PT_OBJECT | PT_NULL | PT_UNSPECIFIED) {
                problems.push(problem(i, p.tag, MAPI_E_INVALID_TYPE));
                continue;
            }
            match self.position(p.tag) {
                Some(k) if self.entries[k].access & IPROP_READONLY != 0 => {
                    problems.push(problem(i, p.tag, MAPI_E_NO_ACCESS))
                }
                Some(k) => {
                    self.entries[k] = Entry {
                        prop: p,
                        access: IPROP_READWRITE | IPROP_DIRTY,
                    }
                }
                None => self.entries.push(Entry {
                    prop: p,
                    access: IPROP_READWRITE | IPROP_DIRTY,
                }),
            }
        }
        Ok(problems)
    }

    /// `DeleteProps`.
    pub fn delete(&mut self, tags: &[u32]) -> Result<Vec<SPropProblem>, SCODE> {
        if self.read_only {
            return Err(MAPI_E_NO_ACCESS);
        }
        let mut problems = Vec::new();
        for (i, &t) in tags.iter().enumerate() {
            match self.entries.iter().position(|e| e.prop.answers(t)) {
                Some(k) if self.entries[k].access & IPROP_READONLY != 0 => {
                    problems.push(problem(i, t, MAPI_E_NO_ACCESS))
                }
                Some(k) => {
                    self.entries.remove(k);
                }
                None => problems.push(problem(i, t, MAPI_E_NOT_FOUND)),
            }
        }
        Ok(problems)
    }

    /// `HrSetObjAccess`.
    pub fn set_obj_access(&mut self, access: u32) -> SCODE {
        match access {
            IPROP_READONLY => self.read_only = true,
            IPROP_READWRITE => self.read_only = false,
            _ => return E_INVALIDARG,
        }
        S_OK
    }

    /// `HrSetPropAccess`: validated as a whole before anything changes.
    pub fn set_prop_access(&mut self, tags: &[u32], access: &[u32]) -> SCODE {
        if tags.len() != access.len() || !access.iter().all(|a| valid_prop_access(*a)) {
            return E_INVALIDARG;
        }
        for (t, a) in tags.iter().zip(access) {
            if let Some(k) = self.position(*t) {
                self.entries[k].access = *a;
            }
        }
        S_OK
    }

    /// `HrGetPropAccess`: every property's tag and access.
    pub fn prop_access(&self) -> (Vec<u32>, Vec<u32>) {
        self.entries.iter().map(|e| (e.prop.tag, e.access)).unzip()
    }

    /// `HrAddObjProps`: list `PT_OBJECT` properties (they have no value to get).
    pub fn add_obj_props(&mut self, tags: &[u32]) -> Result<Vec<SPropProblem>, SCODE> {
        if self.read_only {
            return Err(MAPI_E_NO_ACCESS);
        }
        let mut problems = Vec::new();
        for (i, &t) in tags.iter().enumerate() {
            if prop_type(t) != PT_OBJECT {
                problems.push(problem(i, t, MAPI_E_INVALID_TYPE));
            } else if self.position(t).is_none() {
                self.entries.push(Entry {
                    prop: Prop::new(t, super::value::Value::Raw(0)),
                    access: IPROP_READWRITE | IPROP_DIRTY,
                });
            }
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapiutil::value::Value;

    const A: u32 = prop_tag(PT_LONG, 0x6001);
    const B: u32 = prop_tag(PT_STRING8, 0x6002);

    #[test]
    fn set_get_delete_with_problems() {
        let mut bag = PropBag::default();
        let probs = bag
            .set(vec![
                Prop::new(A, Value::Long(1)),
                Prop::error(B, MAPI_E_NOT_FOUND),
                Prop::new(B, Value::String8(b"x".to_vec())),
            ])
            .unwrap();
        assert_eq!(
            probs,
            vec![problem(
                1,
                change_prop_type(B, PT_ERROR),
                MAPI_E_INVALID_TYPE
            )]
        );
        assert_eq!(bag.list(), vec![A, B]);
        let (vals, errs) = bag.get(Some(&[
            A,
            prop_tag(PT_LONG, 0x7777),
            prop_tag(PT_UNSPECIFIED, 0x6002),
        ]));
        assert!(errs);
        assert_eq!(vals[0].value, Value::Long(1));
        assert_eq!(
            vals[1],
            Prop::error(prop_tag(PT_LONG, 0x7777), MAPI_E_NOT_FOUND)
        );
        assert_eq!(vals[2].tag, B);
        assert_eq!(
            bag.delete(&[A, A]).unwrap(),
            vec![problem(1, A, MAPI_E_NOT_FOUND)]
        );
        assert_eq!(bag.list(), vec![B]);
    }

    #[test]
    fn access_control() {
        let mut bag = PropBag::default();
        bag.set(vec![
            Prop::new(A, Value::Long(1)),
            Prop::new(B, Value::String8(vec![])),
        ])
        .unwrap();
        assert_eq!(
            bag.set_prop_access(&[A], &[IPROP_READONLY]),
            E_INVALIDARG,
            "needs CLEAN or DIRTY"
        );
        assert_eq!(
            bag.set_prop_access(&[A], &[IPROP_READONLY | IPROP_READWRITE | IPROP_CLEAN]),
            E_INVALIDARG
        );
        assert_eq!(
            bag.set_prop_access(&[A], &[IPROP_READONLY | IPROP_CLEAN]),
            S_OK
        );
        assert_eq!(
            bag.set(vec![Prop::new(A, Value::Long(2))]).unwrap(),
            vec![problem(0, A, MAPI_E_NO_ACCESS)]
        );
        assert_eq!(bag.get(Some(&[A])).0[0].value, Value::Long(1));
        assert_eq!(
            bag.prop_access(),
            (
                vec![A, B],
                vec![IPROP_READONLY | IPROP_CLEAN, IPROP_READWRITE | IPROP_DIRTY]
            )
        );
        assert_eq!(bag.set_obj_access(IPROP_READONLY), S_OK);
        assert_eq!(
            bag.set(vec![Prop::new(B, Value::String8(vec![]))]),
            Err(MAPI_E_NO_ACCESS)
        );
        assert_eq!(bag.delete(&[B]), Err(MAPI_E_NO_ACCESS));
        assert_eq!(bag.set_obj_access(3), E_INVALIDARG);
    }
}
