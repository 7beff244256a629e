//! `MAPIAllocateBuffer` / `MAPIAllocateMore` / `MAPIFreeBuffer`: a root buffer owns every buffer chained to
//! it, and one `MAPIFreeBuffer` of the root frees them all. Every live block is in a table, so a bad or
//! double free is detected without touching freed memory.

use std::alloc::{alloc, dealloc, Layout};
use std::collections::HashMap;

use parking_lot::Mutex;

/// Alignment of every buffer: enough for any MAPI structure.
const ALIGN: usize = 16;

/// The largest single buffer `MAPIAllocateBuffer`/`MAPIAllocateMore` hands out (256 MiB); a larger request is
/// answered `MAPI_E_NOT_ENOUGH_MEMORY`, as MAPI's allocator does when the heap cannot serve it. Real MAPI
/// buffers (property values, rows, entry IDs) are far smaller; the limit turns a wrong size (a negative
/// length cast to ULONG) into an error instead of a 4 GiB allocation that only fails under memory pressure.
pub const MAX_BUFFER_BYTES: u32 = 256 * 1024 * 1024;

#[derive(Debug)]
struct Block {
    size: usize,
    /// For a root: the chained blocks. For a child: empty.
    children: Vec<usize>,
    /// For a child: its root. For a root: itself.
    root: usize,
    /// Reported by a reset already: still freeable, no longer listed as a leak.
    forgotten: bool,
}

/// Why an allocation call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocError {
    OutOfMemory,
    /// The parent (or the buffer to free) was not allocated here, or is already freed.
    UnknownBuffer,
    /// `MAPIFreeBuffer` on a buffer that was chained with `MAPIAllocateMore`: free its root instead.
    NotARoot,
}

/// The table of live buffers.
#[derive(Debug, Default)]
pub struct Allocations {
    blocks: Mutex<HashMap<usize, Block>>,
}

fn layout(cb: u32) -> Option<Layout> {
    Layout::from_size_align((cb as usize).max(1), ALIGN).ok()
}

impl Allocations {
    /// A new root buffer of `cb` bytes.
    pub fn allocate(&self, cb: u32) -> Result<*mut u8, AllocError> {
        let p = raw_alloc(cb)?;
        self.blocks.lock().insert(
            p as usize,
            Block {
                size: cb as usize,
                children: Vec::new(),
                root: p as usize,
                forgotten: false,
            },
        );
        Ok(p)
    }

    /// A buffer of `cb` bytes chained to `parent`'s root (`parent` may itself be a chained buffer).
    pub fn allocate_more(&self, cb: u32, parent: *mut u8) -> Result<*mut u8, AllocError> {
        let root = self
            .blocks
            .lock()
            .get(&(parent as usize))
            .map(|b| b.root)
            .ok_or(AllocError::UnknownBuffer)?;
        let p = raw_alloc(cb)?;
        let mut blocks = self.blocks.lock();
        match blocks.get_mut(&root) {
            Some(r) => r.children.push(p as usize),
            None => {
                drop(blocks);
                // The root was freed between the two locks: the parent is gone.
                // SAFETY: `p` was allocated just above with this layout and never handed out.
                unsafe { dealloc(p, layout(cb).expect("valid")) };
                return Err(AllocError::UnknownBuffer);
            }
        }
        blocks.insert(
            p as usize,
            Block {
                size: cb as usize,
                children: Vec::new(),
                root,
                forgotten: false,
            },
        );
        Ok(p)
    }

    /// Free a root buffer and everything chained to it. NULL is accepted and does nothing.
    pub fn free(&self, p: *mut u8) -> Result<(), AllocError> {
        if p.is_null() {
            return Ok(());
        }
        let mut freed = Vec::new();
        {
            let mut blocks = self.blocks.lock();
            let block = blocks.get(&(p as usize)).ok_or(AllocError::UnknownBuffer)?;
            if block.root != p as usize {
                return Err(AllocError::NotARoot);
            }
            let root = blocks.remove(&(p as usize)).expect("present");
            for child in &root.children {
                if let Some(c) = blocks.remove(child) {
                    freed.push((*child, c.size));
                }
            }
            freed.push((p as usize, root.size));
        }
        for (addr, size) in freed {
            // SAFETY: every address in the table was allocated by `raw_alloc` with this size, and was just
            // removed from the table, so it is freed exactly once.
            unsafe { dealloc(addr as *mut u8, layout(size as u32).expect("valid")) };
        }
        Ok(())
    }

    /// Number of live blocks (roots and chained) not yet [forgotten](Allocations::forget), for leak checks.
    pub fn live(&self) -> usize {
        self.blocks.lock().values().filter(|b| !b.forgotten).count()
    }

    /// Stop listing the live blocks as leaks (a reset reported them once). They stay allocated and
    /// `MAPIFreeBuffer` still frees them: the client may hold them across the reset.
    pub fn forget(&self) {
        for b in self.blocks.lock().values_mut() {
            b.forgotten = true;
        }
    }
}

fn raw_alloc(cb: u32) -> Result<*mut u8, AllocError> {
    if cb > MAX_BUFFER_BYTES {
        return Err(AllocError::OutOfMemory);
    }
    let l = layout(cb).ok_or(AllocError::OutOfMemory)?;
    // SAFETY: the layout has a non-zero size.
    let p = unsafe { alloc(l) };
    if p.is_null() {
        Err(AllocError::OutOfMemory)
    } else {
        Ok(p)
    }
}

/// The buffers of the plain entry points below (process-wide, like MAPI's allocator).
static PLAIN: std::sync::LazyLock<Allocations> = std::sync::LazyLock::new(Allocations::default);

/// The table behind [`plain_allocate_buffer`], for the functions that free what either allocator made
/// (`FreeProws` in a process whose providers were given the plain allocators, as `mockmapi check` does).
pub fn plain() -> &'static Allocations {
    &PLAIN
}

/// `MAPIAllocateBuffer` for providers of a runtime created from Rust: allocates, with no MAPI gate and no
/// journal (the C library hands providers its own, gated `MAPIAllocateBuffer`).
pub unsafe extern "system" fn plain_allocate_buffer(
    cb: u32,
    pp: *mut *mut std::ffi::c_void,
) -> i32 {
    match (pp.as_mut(), PLAIN.allocate(cb)) {
        (Some(out), Ok(p)) => {
            *out = p.cast();
            0
        }
        (None, _) => crate::com::E_INVALIDARG,
        (_, Err(_)) => crate::com::E_OUTOFMEMORY,
    }
}

/// `MAPIAllocateMore` counterpart of [`plain_allocate_buffer`].
pub unsafe extern "system" fn plain_allocate_more(
    cb: u32,
    parent: *mut std::ffi::c_void,
    pp: *mut *mut std::ffi::c_void,
) -> i32 {
    match (pp.as_mut(), PLAIN.allocate_more(cb, parent.cast())) {
        (Some(out), Ok(p)) => {
            *out = p.cast();
            0
        }
        (None, _) | (_, Err(AllocError::UnknownBuffer | AllocError::NotARoot)) => {
            crate::com::E_INVALIDARG
        }
        (_, Err(AllocError::OutOfMemory)) => crate::com::E_OUTOFMEMORY,
    }
}

/// `MAPIFreeBuffer` counterpart of [`plain_allocate_buffer`].
pub unsafe extern "system" fn plain_free_buffer(p: *mut std::ffi::c_void) -> u32 {
    match PLAIN.free(p.cast()) {
        Ok(()) => 0,
        Err(_) => crate::com::E_INVALIDARG as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chained_buffers_are_freed_with_their_root() {
        let a = Allocations::default();
        let root = a.allocate(10).unwrap();
        let c1 = a.allocate_more(20, root).unwrap();
        let _c2 = a.allocate_more(30, c1).unwrap();
        assert_eq!(a.live(), 3);
        assert_eq!(root as usize % ALIGN, 0);
        assert_eq!(a.free(c1), Err(AllocError::NotARoot));
        a.free(root).unwrap();
        assert_eq!(a.live(), 0);
        assert_eq!(a.free(root), Err(AllocError::UnknownBuffer));
        assert_eq!(a.allocate_more(1, root), Err(AllocError::UnknownBuffer));
        assert_eq!(a.free(std::ptr::null_mut()), Ok(()));
    }

    #[test]
    fn zero_bytes_is_a_valid_distinct_buffer() {
        let a = Allocations::default();
        let p = a.allocate(0).unwrap();
        let q = a.allocate(0).unwrap();
        assert_ne!(p, q);
        a.free(p).unwrap();
        a.free(q).unwrap();
    }
}
