//! Reading MAPI's C structures into [`Prop`]s, and writing them back into memory a caller frees the MAPI way:
//! one root buffer from `ALLOCATEBUFFER` with every string, binary and array chained to it with
//! `ALLOCATEMORE` (so one `MAPIFreeBuffer` frees it all), or one contiguous block (`ScCopyProps`).
//!
//! Everything here that takes a raw pointer is `unsafe`: the pointer must be NULL or point to what its type
//! says. NULL where a value is required is an error, never a dereference.

use core::ffi::{c_char, c_void};

use crate::com::mapidefs::*;
use crate::com::mapiobj::{ALLOCATEBUFFER, ALLOCATEMORE, FREEBUFFER};
use crate::com::{E_INVALIDARG, MAPI_E_NOT_ENOUGH_MEMORY, SCODE, S_OK};

use super::value::{known_type, Prop, Value};

/// The most values one array may hold (a bound on what a bad count can make us read or allocate).
pub const MAX_VALUES: u32 = 1 << 24;
/// The longest string read from C (in characters), as a guard against an unterminated one.
const MAX_STRING: usize = 1 << 28;
/// Every block of a contiguous copy starts on this boundary.
const ALIGN: usize = 8;

fn round(n: usize) -> usize {
    n.div_ceil(ALIGN) * ALIGN
}

/// A slice from a C pointer and count: empty for a zero count, an error for NULL with a non-zero count.
unsafe fn slice<'a, T>(p: *const T, n: u32) -> Result<&'a [T], SCODE> {
    if n == 0 {
        return Ok(&[]);
    }
    if p.is_null() || n > MAX_VALUES {
        return Err(E_INVALIDARG);
    }
    Ok(core::slice::from_raw_parts(p, n as usize))
}

unsafe fn c_str(p: *const c_char) -> Result<Vec<u8>, SCODE> {
    if p.is_null() {
        return Err(E_INVALIDARG);
    }
    Ok(core::ffi::CStr::from_ptr(p).to_bytes().to_vec())
}

unsafe fn w_str(p: *const WCHAR) -> Result<Vec<WCHAR>, SCODE> {
    if p.is_null() {
        return Err(E_INVALIDARG);
    }
    let mut v = Vec::new();
    let mut q = p;
    while *q != 0 {
        if v.len() >= MAX_STRING {
            return Err(E_INVALIDARG);
        }
        v.push(*q);
        q = q.add(1);
    }
    Ok(v)
}

unsafe fn bin(b: &SBinary) -> Result<Vec<u8>, SCODE> {
    Ok(slice(b.lpb, b.cb)?.to_vec())
}

/// Read one `SPropValue`. Unknown types and NULL pointers where data is required are `E_INVALIDARG`.
///
/// # Safety
/// `p` must be NULL or point to an `SPropValue` whose pointers are valid for its type.
pub unsafe fn read_prop(p: *const SPropValue) -> Result<Prop, SCODE> {
    let p = p.as_ref().ok_or(E_INVALIDARG)?;
    let tag = p.ulPropTag;
    let v = &p.Value;
    let value = match prop_type(tag) {
        PT_UNSPECIFIED | PT_NULL | PT_OBJECT => Value::Raw(v.x),
        PT_I2 => Value::I2(v.i),
        PT_LONG => Value::Long(v.l),
        PT_R4 => Value::R4(v.flt),
        PT_DOUBLE => Value::Double(v.dbl),
        PT_CURRENCY => Value::Currency(v.cur),
        PT_APPTIME => Value::AppTime(v.at),
        PT_ERROR => Value::Error(v.err),
        PT_BOOLEAN => Value::Boolean(v.b),
        PT_I8 => Value::I8(v.li),
        PT_STRING8 => Value::String8(c_str(v.lpszA)?),
        PT_UNICODE => Value::Unicode(w_str(v.lpszW)?),
        PT_SYSTIME => Value::SysTime(v.ft),
        PT_CLSID => {
            let g = v.lpguid.as_ref().ok_or(E_INVALIDARG)?;
            Value::Clsid(guid_bytes(g))
        }
        PT_BINARY => Value::Binary(bin(&v.bin)?),
        PT_PTR => Value::Ptr(v.lpv as usize),
        t if t == MV_FLAG | PT_I2 => Value::MvI2(slice(v.MVi.lp, v.MVi.cValues)?.to_vec()),
        t if t == MV_FLAG | PT_LONG => Value::MvLong(slice(v.MVl.lp, v.MVl.cValues)?.to_vec()),
        t if t == MV_FLAG | PT_R4 => Value::MvR4(slice(v.MVflt.lp, v.MVflt.cValues)?.to_vec()),
        t if t == MV_FLAG | PT_DOUBLE => {
            Value::MvDouble(slice(v.MVdbl.lp, v.MVdbl.cValues)?.to_vec())
        }
        t if t == MV_FLAG | PT_CURRENCY => {
            Value::MvCurrency(slice(v.MVcur.lp, v.MVcur.cValues)?.to_vec())
        }
        t if t == MV_FLAG | PT_APPTIME => {
            Value::MvAppTime(slice(v.MVat.lp, v.MVat.cValues)?.to_vec())
        }
        t if t == MV_FLAG | PT_SYSTIME => {
            Value::MvSysTime(slice(v.MVft.lp, v.MVft.cValues)?.to_vec())
        }
        t if t == MV_FLAG | PT_I8 => Value::MvI8(slice(v.MVli.lp, v.MVli.cValues)?.to_vec()),
        t if t == MV_FLAG | PT_CLSID => Value::MvClsid(
            slice(v.MVguid.lp, v.MVguid.cValues)?
                .iter()
                .map(guid_bytes)
                .collect(),
        ),
        t if t == MV_FLAG | PT_STRING8 => Value::MvString8(
            slice(v.MVszA.lp, v.MVszA.cValues)?
                .iter()
                .map(|s| c_str(*s))
                .collect::<Result<_, _>>()?,
        ),
        t if t == MV_FLAG | PT_UNICODE => Value::MvUnicode(
            slice(v.MVszW.lp, v.MVszW.cValues)?
                .iter()
                .map(|s| w_str(*s))
                .collect::<Result<_, _>>()?,
        ),
        t if t == MV_FLAG | PT_BINARY => Value::MvBinary(
            slice(v.MVbin.lp, v.MVbin.cValues)?
                .iter()
                .map(|b| bin(b))
                .collect::<Result<_, _>>()?,
        ),
        _ => return Err(E_INVALIDARG),
    };
    debug_assert!(known_type(prop_type(tag)));
    Ok(Prop { tag, value })
}

/// Read an array of `cValues` property values.
///
/// # Safety
/// As [`read_prop`], for each of the `n` values at `p`.
pub unsafe fn read_props(p: *const SPropValue, n: u32) -> Result<Vec<Prop>, SCODE> {
    slice(p, n)?.iter().map(|v| read_prop(v)).collect()
}

/// Read an `SPropTagArray`.
///
/// # Safety
/// `p` must be NULL or a valid `SPropTagArray`.
pub unsafe fn read_tags(p: *const SPropTagArray) -> Result<Vec<u32>, SCODE> {
    let a = p.as_ref().ok_or(E_INVALIDARG)?;
    Ok(slice(a.aulPropTag.as_ptr(), a.cValues)?.to_vec())
}

/// Read an `SRowSet` into rows.
///
/// # Safety
/// `p` must be NULL or a valid `SRowSet`.
pub unsafe fn read_rowset(p: *const SRowSet) -> Result<Vec<Vec<Prop>>, SCODE> {
    let s = p.as_ref().ok_or(E_INVALIDARG)?;
    slice(s.aRow.as_ptr(), s.cRows)?
        .iter()
        .map(|r| read_props(r.lpProps, r.cValues))
        .collect()
}

/// Read an `SSortOrderSet` (the sort keys; categories are returned for the caller to refuse).
///
/// # Safety
/// `p` must be NULL or a valid `SSortOrderSet`.
pub unsafe fn read_sort(p: *const SSortOrderSet) -> Result<(Vec<SSortOrder>, u32), SCODE> {
    let s = p.as_ref().ok_or(E_INVALIDARG)?;
    Ok((slice(s.aSort.as_ptr(), s.cSorts)?.to_vec(), s.cCategories))
}

/// Read a `MAPINAMEID`: its GUID (if any) and name.
///
/// # Safety
/// `p` must be NULL or a valid `MAPINAMEID`.
pub unsafe fn read_name(
    p: *const MAPINAMEID,
) -> Result<(Option<[u8; 16]>, super::compare::Name), SCODE> {
    let n = p.as_ref().ok_or(E_INVALIDARG)?;
    let guid = n.lpguid.as_ref().map(guid_bytes);
    let name = match n.ulKind {
        MNID_ID => super::compare::Name::Id(n.Kind.lID),
        MNID_STRING => super::compare::Name::String(w_str(n.Kind.lpwstrName)?),
        _ => return Err(E_INVALIDARG),
    };
    Ok((guid, name))
}

fn guid_bytes(g: &crate::com::GUID) -> [u8; 16] {
    // SAFETY: GUID is 16 bytes of plain data.
    unsafe { core::mem::transmute_copy(g) }
}

/// Where the out-of-line parts of written values go.
pub trait Arena {
    /// `cb` bytes (never 0), aligned for any MAPI value.
    unsafe fn alloc(&mut self, cb: usize) -> Result<*mut u8, SCODE>;
}

/// Blocks chained with `ALLOCATEMORE` to one parent buffer.
pub struct More {
    pub more: ALLOCATEMORE,
    pub parent: *mut c_void,
}

impl Arena for More {
    unsafe fn alloc(&mut self, cb: usize) -> Result<*mut u8, SCODE> {
        let cb = u32::try_from(cb).map_err(|_| MAPI_E_NOT_ENOUGH_MEMORY)?;
        let mut p: *mut c_void = core::ptr::null_mut();
        let sc = (self.more)(cb, self.parent, &mut p);
        if sc != S_OK || p.is_null() {
            return Err(if sc == S_OK {
                MAPI_E_NOT_ENOUGH_MEMORY
            } else {
                sc
            });
        }
        Ok(p.cast())
    }
}

/// Blocks carved in order out of one caller-supplied region (`ScCopyProps`).
pub struct Bump {
    pub next: *mut u8,
    pub end: *mut u8,
}

impl Arena for Bump {
    unsafe fn alloc(&mut self, cb: usize) -> Result<*mut u8, SCODE> {
        let cb = round(cb);
        if (self.end as usize).saturating_sub(self.next as usize) < cb {
            return Err(MAPI_E_NOT_ENOUGH_MEMORY);
        }
        let p = self.next;
        self.next = p.add(cb);
        Ok(p)
    }
}

/// The out-of-line bytes [`write_value`] takes from a [`Bump`] arena for this value.
pub fn extra_size(v: &Value) -> usize {
    const P: usize = core::mem::size_of::<*const u8>();
    const W: usize = core::mem::size_of::<WCHAR>();
    let bin_arr = |n: usize| round(n * core::mem::size_of::<SBinary>());
    match v {
        Value::String8(s) => round(s.len() + 1),
        Value::Unicode(s) => round((s.len() + 1) * W),
        Value::Binary(b) => round(b.len()),
        Value::Clsid(_) => 16,
        Value::MvI2(x) => round(x.len() * 2),
        Value::MvLong(x) => round(x.len() * 4),
        Value::MvR4(x) => round(x.len() * 4),
        Value::MvDouble(x) | Value::MvAppTime(x) => round(x.len() * 8),
        Value::MvCurrency(x) | Value::MvI8(x) => round(x.len() * 8),
        Value::MvSysTime(x) => round(x.len() * 8),
        Value::MvClsid(x) => round(x.len() * 16),
        Value::MvString8(x) => {
            round(x.len() * P) + x.iter().map(|s| round(s.len() + 1)).sum::<usize>()
        }
        Value::MvUnicode(x) => {
            round(x.len() * P) + x.iter().map(|s| round((s.len() + 1) * W)).sum::<usize>()
        }
        Value::MvBinary(x) => bin_arr(x.len()) + x.iter().map(|b| round(b.len())).sum::<usize>(),
        _ => 0,
    }
}

unsafe fn put<T: Copy>(arena: &mut dyn Arena, data: &[T]) -> Result<*mut T, SCODE> {
    if data.is_empty() {
        return Ok(core::ptr::null_mut());
    }
    let p = arena.alloc(core::mem::size_of_val(data))?.cast::<T>();
    core::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len());
    Ok(p)
}

unsafe fn put_str<T: Copy + Default>(arena: &mut dyn Arena, s: &[T]) -> Result<*mut T, SCODE> {
    let p = arena
        .alloc((s.len() + 1) * core::mem::size_of::<T>())?
        .cast::<T>();
    core::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
    *p.add(s.len()) = T::default();
    Ok(p)
}

unsafe fn put_bin(arena: &mut dyn Arena, b: &[u8]) -> Result<SBinary, SCODE> {
    Ok(SBinary {
        cb: b.len() as u32,
        lpb: put(arena, b)?,
    })
}

/// Write `prop` into `*dst`, its out-of-line parts into `arena`.
///
/// # Safety
/// `dst` must be valid for a write of an `SPropValue`.
pub unsafe fn write_value(
    dst: *mut SPropValue,
    prop: &Prop,
    arena: &mut dyn Arena,
) -> Result<(), SCODE> {
    let mut out = SPropValue::zeroed(prop.tag);
    let v = &mut out.Value;
    match &prop.value {
        Value::Raw(x) => v.x = *x,
        Value::I2(x) => v.i = *x,
        Value::Long(x) => v.l = *x,
        Value::R4(x) => v.flt = *x,
        Value::Double(x) => v.dbl = *x,
        Value::Currency(x) => v.cur = *x,
        Value::AppTime(x) => v.at = *x,
        Value::Error(x) => v.err = *x,
        Value::Boolean(x) => v.b = *x,
        Value::I8(x) => v.li = *x,
        Value::SysTime(x) => v.ft = *x,
        Value::Ptr(x) => v.lpv = *x as *mut c_void,
        Value::String8(s) => v.lpszA = put_str(arena, s)?.cast(),
        Value::Unicode(s) => v.lpszW = put_str(arena, s)?,
        Value::Binary(b) => v.bin = put_bin(arena, b)?,
        Value::Clsid(g) => v.lpguid = put(arena, g)?.cast(),
        Value::MvI2(x) => {
            v.MVi = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvLong(x) => {
            v.MVl = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvR4(x) => {
            v.MVflt = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvDouble(x) => {
            v.MVdbl = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvAppTime(x) => {
            v.MVat = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvCurrency(x) => {
            v.MVcur = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvI8(x) => {
            v.MVli = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvSysTime(x) => {
            v.MVft = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?,
            }
        }
        Value::MvClsid(x) => {
            v.MVguid = SArray {
                cValues: x.len() as u32,
                lp: put(arena, x)?.cast(),
            }
        }
        Value::MvString8(x) => {
            let ptrs: Vec<*mut c_char> = x
                .iter()
                .map(|s| put_str(arena, s).map(|p| p.cast()))
                .collect::<Result<_, _>>()?;
            v.MVszA = SArray {
                cValues: x.len() as u32,
                lp: put(arena, &ptrs)?,
            };
        }
        Value::MvUnicode(x) => {
            let ptrs: Vec<*mut WCHAR> = x
                .iter()
                .map(|s| put_str(arena, s))
                .collect::<Result<_, _>>()?;
            v.MVszW = SArray {
                cValues: x.len() as u32,
                lp: put(arena, &ptrs)?,
            };
        }
        Value::MvBinary(x) => {
            let bins: Vec<SBinary> = x
                .iter()
                .map(|b| put_bin(arena, b))
                .collect::<Result<_, _>>()?;
            v.MVbin = SArray {
                cValues: x.len() as u32,
                lp: put(arena, &bins)?,
            };
        }
    }
    dst.write(out);
    Ok(())
}

/// The allocators an object was created with (`CreateIProp`, `CreateTable`), or MAPI's own.
#[derive(Clone, Copy)]
pub struct Allocators {
    pub buffer: ALLOCATEBUFFER,
    pub more: ALLOCATEMORE,
    pub free: FREEBUFFER,
}

impl Allocators {
    /// A root buffer of `cb` bytes (at least one byte).
    pub unsafe fn root(&self, cb: usize) -> Result<*mut c_void, SCODE> {
        let cb = u32::try_from(cb.max(1)).map_err(|_| MAPI_E_NOT_ENOUGH_MEMORY)?;
        let mut p: *mut c_void = core::ptr::null_mut();
        let sc = (self.buffer)(cb, &mut p);
        if sc != S_OK || p.is_null() {
            return Err(if sc == S_OK {
                MAPI_E_NOT_ENOUGH_MEMORY
            } else {
                sc
            });
        }
        Ok(p)
    }

    /// Run `fill` on a new root buffer; on failure the buffer (and what was chained to it) is freed.
    unsafe fn build<T>(
        &self,
        cb: usize,
        fill: impl FnOnce(*mut T, &mut More) -> Result<(), SCODE>,
    ) -> Result<*mut T, SCODE> {
        let root = self.root(cb)?;
        let mut arena = More {
            more: self.more,
            parent: root,
        };
        match fill(root.cast(), &mut arena) {
            Ok(()) => Ok(root.cast()),
            Err(e) => {
                (self.free)(root);
                Err(e)
            }
        }
    }

    /// An array of values in one root buffer; everything they point to is chained to it.
    pub unsafe fn props(&self, props: &[Prop]) -> Result<*mut SPropValue, SCODE> {
        self.build(
            props.len() * core::mem::size_of::<SPropValue>(),
            |dst: *mut SPropValue, arena| {
                for (i, p) in props.iter().enumerate() {
                    write_value(dst.add(i), p, arena)?;
                }
                Ok(())
            },
        )
    }

    /// An `SRow` in one root buffer with its values chained to it (`ITableData::HrQueryRow`, `HrEnumRow`).
    pub unsafe fn row(&self, props: &[Prop]) -> Result<*mut SRow, SCODE> {
        self.build(core::mem::size_of::<SRow>(), |row: *mut SRow, arena| {
            let vals = arena
                .alloc((props.len() * core::mem::size_of::<SPropValue>()).max(1))?
                .cast::<SPropValue>();
            for (i, p) in props.iter().enumerate() {
                write_value(vals.add(i), p, arena)?;
            }
            row.write(SRow {
                ulAdrEntryPad: 0,
                cValues: props.len() as u32,
                lpProps: vals,
            });
            Ok(())
        })
    }

    /// An `SRowSet` as `FreeProws` frees it: each row's values are a root buffer of their own, and the set
    /// is another.
    pub unsafe fn rowset(&self, rows: &[Vec<Prop>]) -> Result<*mut SRowSet, SCODE> {
        let cb =
            core::mem::offset_of!(SRowSet, aRow) + rows.len().max(1) * core::mem::size_of::<SRow>();
        let set = self.root(cb)?.cast::<SRowSet>();
        (*set).cRows = 0;
        let first = core::ptr::addr_of_mut!((*set).aRow).cast::<SRow>();
        for (i, r) in rows.iter().enumerate() {
            match self.props(r) {
                Ok(p) => {
                    first.add(i).write(SRow {
                        ulAdrEntryPad: 0,
                        cValues: r.len() as u32,
                        lpProps: p,
                    });
                    (*set).cRows = i as u32 + 1;
                }
                Err(e) => {
                    for j in 0..i {
                        (self.free)((*first.add(j)).lpProps.cast());
                    }
                    (self.free)(set.cast());
                    return Err(e);
                }
            }
        }
        Ok(set)
    }

    /// An `SPropTagArray` in one root buffer.
    pub unsafe fn tags(&self, tags: &[u32]) -> Result<*mut SPropTagArray, SCODE> {
        let cb = core::mem::offset_of!(SPropTagArray, aulPropTag) + tags.len().max(1) * 4;
        self.build(cb, |a: *mut SPropTagArray, _| {
            (*a).cValues = tags.len() as u32;
            let dst = core::ptr::addr_of_mut!((*a).aulPropTag).cast::<u32>();
            core::ptr::copy_nonoverlapping(tags.as_ptr(), dst, tags.len());
            Ok(())
        })
    }

    /// An array of `ULONG`s in one root buffer.
    pub unsafe fn ulongs(&self, v: &[u32]) -> Result<*mut u32, SCODE> {
        self.build(v.len() * 4, |dst: *mut u32, _| {
            core::ptr::copy_nonoverlapping(v.as_ptr(), dst, v.len());
            Ok(())
        })
    }

    /// An `SPropProblemArray` in one root buffer.
    pub unsafe fn problems(&self, v: &[SPropProblem]) -> Result<*mut SPropProblemArray, SCODE> {
        let cb = core::mem::offset_of!(SPropProblemArray, aProblem)
            + v.len().max(1) * core::mem::size_of::<SPropProblem>();
        self.build(cb, |a: *mut SPropProblemArray, _| {
            (*a).cProblem = v.len() as u32;
            let dst = core::ptr::addr_of_mut!((*a).aProblem).cast::<SPropProblem>();
            core::ptr::copy_nonoverlapping(v.as_ptr(), dst, v.len());
            Ok(())
        })
    }

    /// An `SSortOrderSet` in one root buffer.
    pub unsafe fn sort_set(&self, v: &[SSortOrder]) -> Result<*mut SSortOrderSet, SCODE> {
        let cb = core::mem::offset_of!(SSortOrderSet, aSort)
            + v.len().max(1) * core::mem::size_of::<SSortOrder>();
        self.build(cb, |a: *mut SSortOrderSet, _| {
            (*a).cSorts = v.len() as u32;
            (*a).cCategories = 0;
            (*a).cExpanded = 0;
            let dst = core::ptr::addr_of_mut!((*a).aSort).cast::<SSortOrder>();
            core::ptr::copy_nonoverlapping(v.as_ptr(), dst, v.len());
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Prop> {
        vec![
            Prop::new(prop_tag(PT_LONG, 0x1000), Value::Long(-7)),
            Prop::new(
                prop_tag(PT_STRING8, 0x1001),
                Value::String8(b"hello".to_vec()),
            ),
            Prop::new(prop_tag(PT_UNICODE, 0x1002), Value::Unicode(vec![104, 105])),
            Prop::new(prop_tag(PT_BINARY, 0x1003), Value::Binary(vec![1, 2, 3])),
            Prop::new(prop_tag(PT_CLSID, 0x1004), Value::Clsid([9; 16])),
            Prop::new(
                prop_tag(MV_FLAG | PT_STRING8, 0x1005),
                Value::MvString8(vec![b"a".to_vec(), b"".to_vec()]),
            ),
            Prop::new(
                prop_tag(MV_FLAG | PT_BINARY, 0x1006),
                Value::MvBinary(vec![vec![7], vec![]]),
            ),
            Prop::new(
                prop_tag(MV_FLAG | PT_LONG, 0x1007),
                Value::MvLong(vec![1, 2, 3]),
            ),
            Prop::new(
                prop_tag(MV_FLAG | PT_UNICODE, 0x1008),
                Value::MvUnicode(vec![vec![65]]),
            ),
            Prop::new(
                prop_tag(PT_SYSTIME, 0x1009),
                Value::SysTime(FILETIME {
                    dwLowDateTime: 1,
                    dwHighDateTime: 2,
                }),
            ),
            Prop::error(prop_tag(PT_LONG, 0x100A), crate::com::MAPI_E_NOT_FOUND),
        ]
    }

    #[test]
    fn values_round_trip_through_a_contiguous_block_of_the_counted_size() {
        let props = sample();
        let need: usize = props.len() * core::mem::size_of::<SPropValue>()
            + props.iter().map(|p| extra_size(&p.value)).sum::<usize>();
        let mut block = vec![0u64; need / 8 + 1];
        let base = block.as_mut_ptr().cast::<u8>();
        let dst = base.cast::<SPropValue>();
        let mut arena = Bump {
            next: unsafe { base.add(props.len() * core::mem::size_of::<SPropValue>()) },
            end: unsafe { base.add(need) },
        };
        for (i, p) in props.iter().enumerate() {
            unsafe { write_value(dst.add(i), p, &mut arena) }.unwrap();
        }
        assert_eq!(
            arena.next as usize,
            base as usize + need,
            "the count is exact"
        );
        let back = unsafe { read_props(dst, props.len() as u32) }.unwrap();
        assert_eq!(back, props);
    }

    #[test]
    fn a_block_one_byte_short_is_refused() {
        let p = Prop::new(
            prop_tag(PT_STRING8, 1),
            Value::String8(b"abcdefgh".to_vec()),
        );
        let mut block = [0u8; 16];
        let mut out = SPropValue::zeroed(0);
        let mut arena = Bump {
            next: block.as_mut_ptr(),
            end: unsafe { block.as_mut_ptr().add(8) },
        };
        assert_eq!(
            unsafe { write_value(&mut out, &p, &mut arena) },
            Err(MAPI_E_NOT_ENOUGH_MEMORY)
        );
    }

    #[test]
    fn null_data_and_unknown_types_are_invalid() {
        let mut v = SPropValue::zeroed(prop_tag(PT_STRING8, 1));
        assert_eq!(unsafe { read_prop(&v) }, Err(E_INVALIDARG));
        v.ulPropTag = prop_tag(MV_FLAG | PT_LONG, 1);
        v.Value.MVl = SArray {
            cValues: 2,
            lp: core::ptr::null_mut(),
        };
        assert_eq!(unsafe { read_prop(&v) }, Err(E_INVALIDARG));
        v.Value.MVl = SArray {
            cValues: 0,
            lp: core::ptr::null_mut(),
        };
        assert_eq!(
            unsafe { read_prop(&v) }.unwrap().value,
            Value::MvLong(vec![])
        );
        v.ulPropTag = prop_tag(0x77, 1);
        assert_eq!(unsafe { read_prop(&v) }, Err(E_INVALIDARG));
        assert_eq!(unsafe { read_prop(core::ptr::null()) }, Err(E_INVALIDARG));
    }
}
