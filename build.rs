//! Build script:
//! - Provider libraries loaded by tests and by the `mockmapi` command resolve MAPI symbols (`IID_*`,
//!   `MAPIAllocateBuffer`, ...) against the host executable, as they would against the MAPI subsystem: export
//!   the executables' symbols to `dlopen`ed libraries.
//! - `mockmapi demo` runs over the reference providers of `examples/providers/`: compile them into shared
//!   libraries that the command embeds. Without a C compiler the command is built without its demo (it says so).
//! - `MOCKMAPI_SONAME=<name>` (set by the CMake build, `CMakeLists.txt`, and by nobody else): give the cdylib that
//!   versioned name (`libmockmapi.so.0`; on macOS the install name `@rpath/<name>`), as an installed shared
//!   library has. Plain `cargo build` leaves it unset, so `-L target/release -lmockmapi` runs as it is.
//! - 32-bit Windows (GNU): the DLL also exports the decorated names of its `__stdcall` functions
//!   (`MAPIInitialize@4`), as `mapi32.dll` does, so that its import library resolves what callers compiled with
//!   the SDK's declarations reference (`src/ffi/stdcall_exports.def`; ld merges it with rustc's export list).
use std::path::{Path, PathBuf};
use std::process::Command;

const DEMO_PROVIDERS: [&str; 3] = [
    "reference_transport",
    "reference_address_book",
    "reference_store",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo::rustc-check-cfg=cfg(mockmapi_demo_providers)");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let unix = matches!(
        os.as_str(),
        "linux" | "macos" | "freebsd" | "netbsd" | "openbsd"
    );
    if unix {
        println!("cargo:rustc-link-arg-tests=-rdynamic");
        println!("cargo:rustc-link-arg-bins=-rdynamic");
        println!("cargo:rustc-link-arg-examples=-rdynamic");
    }
    println!("cargo:rerun-if-env-changed=MOCKMAPI_SONAME");
    if let Ok(soname) = std::env::var("MOCKMAPI_SONAME") {
        if os == "macos" {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/{soname}");
        } else if unix {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
        }
    }
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "windows" && arch == "x86" && env == "gnu" {
        let def = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
            .join("src/ffi/stdcall_exports.def");
        println!("cargo:rerun-if-changed={}", def.display());
        println!("cargo:rustc-cdylib-link-arg={}", def.display());
    }
    if unix && build_demo_providers().is_ok() {
        println!("cargo:rustc-cfg=mockmapi_demo_providers");
    }
}

fn build_demo_providers() -> Result<(), String> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    println!("cargo:rerun-if-env-changed=CC");
    println!("cargo:rerun-if-changed=include");
    for name in DEMO_PROVIDERS {
        let src = root.join("examples/providers").join(format!("{name}.c"));
        println!("cargo:rerun-if-changed={}", src.display());
        let lib = out.join(format!("lib{name}.so"));
        compile(&cc, &root, &src, &lib).inspect_err(|e| {
            println!("cargo:warning=mockmapi demo will be unavailable: {e}");
        })?;
    }
    Ok(())
}

fn compile(cc: &str, root: &Path, src: &Path, lib: &Path) -> Result<(), String> {
    if !src.exists() {
        return Err(format!("{} is missing", src.display()));
    }
    let mut cmd = Command::new(cc);
    cmd.args(["-std=c11", "-shared", "-fPIC", "-pthread", "-O1"]);
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        // The providers resolve MAPI symbols against the program that loads them; macOS's linker refuses
        // undefined symbols in a shared library unless told to look them up at load time.
        cmd.args(["-undefined", "dynamic_lookup"]);
    }
    let status = cmd
        .arg("-I")
        .arg(root.join("include/mockmapi/sdk"))
        .arg(src)
        .arg("-o")
        .arg(lib)
        .status()
        .map_err(|e| format!("cannot run the C compiler '{cc}': {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cc} failed on {}", src.display()))
    }
}
