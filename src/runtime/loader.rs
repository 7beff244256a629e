//! Provider libraries, loaded the way Outlook loads them: open the library named in the profile, find its
//! `XPProviderInit` / `ABProviderInit` / `MSProviderInit` (or the configured entry point), call it with real
//! arguments — the library handle, a working `IMalloc`, the MAPI buffer functions, the flags and
//! `CURRENT_SPI_VERSION` — check the SPI version it returns, and keep the provider object it gives.

use std::ffi::c_void;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::com::{
    hresult_display, mockmapi_provider, succeeded, ProviderInit, CURRENT_SPI_VERSION, HRESULT,
    LPALLOCATEBUFFER, LPALLOCATEMORE, LPFREEBUFFER, MAPI_E_VERSION,
};

use super::provider::{ComPtr, ProviderKind};

/// One provider of a profile, as the configuration names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSource {
    pub kind: ProviderKind,
    /// Display name for the journal.
    pub name: String,
    /// The shared library (absolute, or already resolved against the configuration file's folder).
    pub library: PathBuf,
    /// The entry point; `None` means the kind's standard one.
    pub entry: Option<String>,
}

impl ProviderSource {
    /// The entry point that will be called.
    pub fn entry_point(&self) -> &str {
        self.entry.as_deref().unwrap_or(self.kind.entry_point())
    }
}

/// The MAPI functions handed to provider entry points.
#[derive(Debug, Clone, Copy)]
pub struct EntryPoints {
    pub allocate_buffer: LPALLOCATEBUFFER,
    pub allocate_more: LPALLOCATEMORE,
    pub free_buffer: LPFREEBUFFER,
}

impl EntryPoints {
    /// A plain allocator with no MAPI gate and no journal, for runtimes created from Rust; the C library
    /// installs its own `MAPIAllocateBuffer`, `MAPIAllocateMore` and `MAPIFreeBuffer`.
    pub const PLAIN: EntryPoints = EntryPoints {
        allocate_buffer: Some(super::alloc::plain_allocate_buffer),
        allocate_more: Some(super::alloc::plain_allocate_more),
        free_buffer: Some(super::alloc::plain_free_buffer),
    };
}

/// Why a provider could not be loaded. Each message says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file does not exist.
    Missing { library: PathBuf },
    /// The loader refused the file (not a shared library, another architecture, missing dependencies).
    Open { library: PathBuf, reason: String },
    /// The entry point is not exported.
    MissingEntry { library: PathBuf, entry: String },
    /// The entry point returned a failure.
    InitFailed {
        library: PathBuf,
        entry: String,
        hresult: HRESULT,
    },
    /// The provider speaks another SPI version.
    Version {
        library: PathBuf,
        entry: String,
        provider_version: u32,
    },
    /// The entry point succeeded but gave no provider object.
    NoProvider { library: PathBuf, entry: String },
}

impl LoadError {
    /// The library concerned.
    pub fn library(&self) -> &Path {
        match self {
            LoadError::Missing { library }
            | LoadError::Open { library, .. }
            | LoadError::MissingEntry { library, .. }
            | LoadError::InitFailed { library, .. }
            | LoadError::Version { library, .. }
            | LoadError::NoProvider { library, .. } => library,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Missing { library } => write!(
                f,
                "provider library {} does not exist: build it, or fix the path (a profile's relative paths are \
                 relative to its configuration file)",
                library.display()
            ),
            LoadError::Open { library, reason } if reason.contains("undefined symbol") => write!(
                f,
                "cannot load provider library {}: {reason}. The library needs a symbol nobody provides: link the \
                 library that defines it (for the MAPI IIDs: define them in the provider with INITGUID, as MAPI \
                 providers do, or link it against libmockmapi with -lmockmapi)",
                library.display()
            ),
            LoadError::Open { library, reason } => write!(
                f,
                "cannot load provider library {}: {reason} (is it a shared library built for this machine's \
                 architecture, with its dependencies installed?)",
                library.display()
            ),
            LoadError::MissingEntry { library, entry } => write!(
                f,
                "provider library {} does not export {entry}; export it with C linkage (extern \"C\"), or name the \
                 entry point in the profile",
                library.display()
            ),
            LoadError::InitFailed { library, entry, hresult } => {
                write!(f, "{entry} in {} failed with {}", library.display(), hresult_display(*hresult))
            }
            LoadError::Version { library, entry, provider_version } => write!(
                f,
                "{entry} in {} returned SPI version 0x{provider_version:08X}, incompatible with CURRENT_SPI_VERSION \
                 0x{CURRENT_SPI_VERSION:08X} (MAPI_E_VERSION)",
                library.display()
            ),
            LoadError::NoProvider { library, entry } => write!(
                f,
                "{entry} in {} returned success but no provider object (*lppProvider is NULL)",
                library.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// A loaded provider library. Dropping the last `Arc` unloads it.
#[derive(Debug)]
pub struct Library {
    pub path: PathBuf,
    lib: libloading::Library,
    /// The platform module handle (`dlopen`'s on POSIX, the `HMODULE` on Windows), passed as `hInstance`.
    handle: usize,
}

impl Library {
    /// Open a shared library.
    pub fn open(path: &Path) -> Result<Library, LoadError> {
        if !path.exists() {
            return Err(LoadError::Missing {
                library: path.to_path_buf(),
            });
        }
        let open_error = |e: libloading::Error| LoadError::Open {
            library: path.to_path_buf(),
            reason: e.to_string(),
        };
        // SAFETY: loading a provider library runs its initializers; that is what the user asked for. The raw
        // handle is taken out and put back at once, only to learn it.
        let (lib, handle) = unsafe {
            #[cfg(unix)]
            {
                // Immediate binding, as Windows resolves every import of a DLL when it loads it: a symbol nobody
                // provides is a load error naming it, never a crash at the first call.
                let lib = libloading::os::unix::Library::open(
                    Some(path),
                    libloading::os::unix::RTLD_NOW | libloading::os::unix::RTLD_LOCAL,
                )
                .map_err(open_error)?;
                let raw = lib.into_raw();
                (
                    libloading::Library::from(libloading::os::unix::Library::from_raw(raw)),
                    raw as usize,
                )
            }
            #[cfg(windows)]
            {
                let lib = libloading::os::windows::Library::new(path).map_err(open_error)?;
                let raw = lib.into_raw();
                (
                    libloading::Library::from(libloading::os::windows::Library::from_raw(raw)),
                    raw as usize,
                )
            }
        };
        Ok(Library {
            path: path.to_path_buf(),
            lib,
            handle,
        })
    }

    /// The handle passed as `hInstance`.
    fn handle(&self) -> *mut c_void {
        self.handle as *mut c_void
    }

    /// A function the library exports, if it does.
    ///
    /// The caller states the function's type `T` (a function pointer type) and is responsible for it.
    pub fn symbol<T: Copy>(&self, name: &str) -> Option<T> {
        // SAFETY: see above: the caller names the type.
        unsafe { self.lib.get::<T>(name.as_bytes()).ok().map(|s| *s) }
    }

    /// Whether the library exports `symbol`.
    pub fn has_symbol(&self, symbol: &str) -> bool {
        // SAFETY: only the symbol's presence is checked; it is not called.
        unsafe { self.lib.get::<*const c_void>(symbol.as_bytes()).is_ok() }
    }

    /// Call the provider entry point `entry` and return the provider object (one reference, owned by the
    /// caller) and the SPI version the provider reported.
    pub fn init_provider(
        self: &Arc<Self>,
        entry: &str,
        flags: u32,
        entry_points: EntryPoints,
    ) -> Result<(ComPtr, u32), LoadError> {
        self.init_provider_as(entry, flags, entry_points, CURRENT_SPI_VERSION)
    }

    /// [`Library::init_provider`], telling the provider that the subsystem speaks `mapi_version`.
    pub fn init_provider_as(
        self: &Arc<Self>,
        entry: &str,
        flags: u32,
        entry_points: EntryPoints,
        mapi_version: u32,
    ) -> Result<(ComPtr, u32), LoadError> {
        // SAFETY: the profile says this symbol is a provider entry point of the documented signature.
        let init: libloading::Symbol<ProviderInit> = unsafe { self.lib.get(entry.as_bytes()) }
            .map_err(|_| LoadError::MissingEntry {
                library: self.path.clone(),
                entry: entry.to_owned(),
            })?;
        let mut version: u32 = 0;
        let mut object: *mut mockmapi_provider = std::ptr::null_mut();
        // SAFETY: calling the entry point with valid arguments; out-parameters point to locals.
        let hr = unsafe {
            init(
                self.handle(),
                super::malloc::imalloc(),
                entry_points.allocate_buffer,
                entry_points.allocate_more,
                entry_points.free_buffer,
                flags,
                mapi_version,
                &mut version,
                &mut object,
            )
        };
        let library = self.path.clone();
        let entry = entry.to_owned();
        if hr == MAPI_E_VERSION {
            return Err(LoadError::Version {
                library,
                entry,
                provider_version: version,
            });
        }
        if !succeeded(hr) {
            return Err(LoadError::InitFailed {
                library,
                entry,
                hresult: hr,
            });
        }
        let Some(object) = ComPtr::new(object.cast()) else {
            return Err(LoadError::NoProvider { library, entry });
        };
        if version >> 16 != CURRENT_SPI_VERSION >> 16 {
            // SAFETY: releasing the reference the entry point gave us.
            let _ = unsafe { object.release() };
            return Err(LoadError::Version {
                library,
                entry,
                provider_version: version,
            });
        }
        Ok((object, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_library_says_what_to_do() {
        let e = Library::open(Path::new("/nonexistent/libnothing.so")).unwrap_err();
        assert!(matches!(e, LoadError::Missing { .. }));
        assert!(
            e.to_string().contains("relative to its configuration file"),
            "{e}"
        );
    }

    #[test]
    fn a_file_that_is_not_a_library_is_refused_with_the_loader_reason() {
        let dir = std::env::temp_dir().join(format!("mockmapi-loader-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("not-a-library.so");
        std::fs::write(&f, b"this is text").unwrap();
        let e = Library::open(&f).unwrap_err();
        assert!(matches!(e, LoadError::Open { .. }), "{e}");
        assert!(e.to_string().contains("architecture"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn standard_entry_points_by_kind() {
        let s = |kind| ProviderSource {
            kind,
            name: "x".into(),
            library: "x".into(),
            entry: None,
        };
        assert_eq!(s(ProviderKind::Transport).entry_point(), "XPProviderInit");
        assert_eq!(s(ProviderKind::AddressBook).entry_point(), "ABProviderInit");
        assert_eq!(s(ProviderKind::Store).entry_point(), "MSProviderInit");
    }
}
