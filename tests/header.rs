//! The committed `include/mockmapi.h` is exactly what cbindgen generates from the sources, and every public
//! header compiles on its own, twice included, as C11 and C++17 with `-Wall -Wextra -Werror -pedantic`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generate() -> String {
    let config =
        cbindgen::Config::from_file(root().join("cbindgen.toml")).expect("cbindgen.toml parses");
    let bindings = cbindgen::Builder::new()
        .with_crate(root())
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("UTF-8 header")
}

#[test]
fn generated_header_is_up_to_date() {
    let path = root().join("include/mockmapi.h");
    let fresh = generate();
    if std::env::var_os("MOCKMAPI_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &fresh).expect("write include/mockmapi.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        let first = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(fresh.lines().count()));
        panic!(
            "include/mockmapi.h is out of date with the Rust sources (first difference at line {}).\n\
             Update it with:\n    MOCKMAPI_UPDATE_HEADER=1 cargo test --test header\nand commit the result.",
            first + 1
        );
    }
}

fn compilers() -> Vec<(&'static str, &'static str, &'static str)> {
    // (compiler, language flag, standard)
    let mut v = vec![("cc", "c", "-std=c11"), ("c++", "c++", "-std=c++17")];
    for (cc, cxx) in [("clang", "clang++"), ("gcc", "g++")] {
        if Command::new(cc).arg("--version").output().is_ok() {
            v.push((cc, "c", "-std=c11"));
            v.push((cxx, "c++", "-std=c++17"));
        }
    }
    v
}

fn compile_snippet(compiler: &str, lang: &str, std: &str, source: &str, tag: &str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("header-check");
    std::fs::create_dir_all(&dir).unwrap();
    let ext = if lang == "c" { "c" } else { "cpp" };
    let file = dir.join(format!("{tag}-{compiler}.{ext}"));
    std::fs::write(&file, source).unwrap();
    let out = Command::new(compiler)
        .args([
            std,
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-fsyntax-only",
            "-I",
        ])
        .arg(root().join("include"))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {compiler}: {e}"));
    assert!(
        out.status.success(),
        "{compiler} {std} rejects {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_public_header_compiles_alone_and_twice_as_c11_and_cxx17() {
    for header in ["mockmapi.h", "mockmapi_abi.h"] {
        let source = format!(
            "#include \"{header}\"\n#include \"{header}\"\nint main(void) {{ return 0; }}\n"
        );
        for (cc, lang, std) in compilers() {
            compile_snippet(cc, lang, std, &source, &header.replace('.', "_"));
        }
    }
}

#[test]
fn header_layout_matches_rust_and_call_syntax_works() {
    use std::mem::{offset_of, size_of};
    let p = size_of::<*const ()>();
    let session_logoff = offset_of!(mockmapi::com::IMAPISessionVtbl, Logoff);
    let event_size = size_of::<mockmapi::ffi::journal::mockmapi_event>();
    let event_duration = offset_of!(mockmapi::ffi::journal::mockmapi_event, duration_ns);
    let c_source = format!(
        r#"#include "mockmapi.h"
#include <stddef.h>
_Static_assert(sizeof(HRESULT) == 4 && sizeof(ULONG) == 4 && sizeof(SCODE) == 4 && sizeof(LONG) == 4, "32-bit");
_Static_assert(sizeof(GUID) == 16, "GUID");
_Static_assert(offsetof(IMAPISessionVtbl, Logoff) == {session_logoff}, "Logoff slot");
_Static_assert(offsetof(IMAPISessionVtbl, Logoff) == 17 * sizeof(void *), "Logoff is slot 17");
_Static_assert(sizeof(IMAPISessionVtbl) == 22 * sizeof(void *), "22 slots");
_Static_assert(offsetof(IMAPIProviderShutdownVtbl, DoFastShutdown) == 5 * {p}, "DoFastShutdown slot");
_Static_assert(offsetof(IXPProviderVtbl, Shutdown) == 3 * sizeof(void *), "Shutdown slot");
_Static_assert(sizeof(mockmapi_event) == {event_size}, "event size");
_Static_assert(offsetof(mockmapi_event, duration_ns) == {event_duration}, "event layout");
_Static_assert(MOCKMAPI_PROVIDER_TRANSPORT == 1 && MOCKMAPI_PROVIDER_ADDRESS_BOOK == 2 && MOCKMAPI_PROVIDER_STORE == 3, "kinds");
static HRESULT call(IMAPIClientShutdown *cs, IMAPISession *s) {{
    void *p = NULL;
    if (IsEqualIID(&IID_IMAPIClientShutdown, &IID_IMAPIProviderShutdown)) return E_FAIL;
    (void)s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, &p);
    return cs->lpVtbl->QueryFastShutdown(cs);
}}
int main(void) {{ (void)call; return MAPI_E_NO_SUPPORT == (HRESULT)0x80040102 ? 0 : 1; }}
"#
    );
    let cxx_source = r#"#include "mockmapi.h"
static_assert(sizeof(HRESULT) == 4, "32-bit");
static HRESULT call(IMAPISession *s) {
    void *p = nullptr;
    if (IsEqualIID(IID_IMAPIClientShutdown, IID_IMAPIProviderShutdown)) return E_FAIL;
    return s->lpVtbl->QueryInterface(s, IID_IMAPIClientShutdown, &p);
}
int main() { (void)call; return 0; }
"#;
    for (cc, lang, std) in compilers() {
        let src = if lang == "c" {
            c_source.as_str()
        } else {
            cxx_source
        };
        compile_snippet(cc, lang, std, src, "layout");
    }
}
