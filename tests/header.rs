//! The committed `include/mockmapi.h` is exactly what cbindgen generates from the sources, and every public
//! header compiles on its own, twice included, as C11 and C++17 with `-Wall -Wextra -Werror -pedantic`, with
//! `cc`/`c++` and with gcc and clang when installed (`MOCKMAPI_REQUIRE_COMPILERS=1` makes a missing one an
//! error, as CI sets it): `include/*.h`, every spelling in `include/mockmapi/sdk/` (also as C++ with
//! `CINTERFACE`), and the C++ helpers in `bindings/cpp/` (C++ only).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generate() -> String {
    let mut config =
        cbindgen::Config::from_file(root().join("cbindgen.toml")).expect("cbindgen.toml parses");
    // The version macros come from Cargo.toml, the version's one source.
    let after = config.after_includes.take().unwrap_or_default();
    config.after_includes = Some(format!(
        "{after}\n{}",
        mockmapi::ffi::version::header_defines()
    ));
    let bindings = cbindgen::Builder::new()
        .with_crate(root())
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    coexist_with_sdk(&add_calling_conventions(
        &String::from_utf8(out).expect("UTF-8 header"),
    ))
}

/// mockmapi.h may follow a real SDK's MAPI headers (Microsoft's, mingw-w64's) in one translation unit, so the
/// generated text is post-processed here too: every MAPI constant it defines (`S_OK`, `MAPI_E_*`,
/// `CURRENT_SPI_VERSION`, ...; not mockmapi's own `MOCKMAPI_*`) yields to a definition that already exists,
/// and `ENTRYID` is referred to by its type name, which is the SDK's type when the SDK came first (Microsoft's
/// is an untagged struct). The interfaces themselves are left out by the `MOCKMAPI_SDK_*` guards (mockmapi_abi.h).
fn coexist_with_sdk(header: &str) -> String {
    let mut out = String::with_capacity(header.len() + 4096);
    for line in header.split_inclusive('\n') {
        let line = line.replace("struct ENTRYID ", "ENTRYID ");
        let name = line
            .strip_prefix("#define ")
            .and_then(|rest| rest.split_whitespace().next())
            .filter(|name| !name.starts_with("MOCKMAPI_"));
        match name {
            Some(name) => out.push_str(&format!("#ifndef {name}\n{line}#endif\n")),
            None => out.push_str(&line),
        }
    }
    out
}

/// cbindgen drops the ABI of function-pointer types (its issues #55 and #718), so the generated text is
/// post-processed here, where the drift test sees it: every function-pointer *member of a struct* is a COM
/// method slot, `extern "system"` in Rust, and reads `RET (STDMETHODCALLTYPE *Name)(...)` as in the SDK
/// (`__stdcall` on 32-bit Windows). Function-pointer *typedefs* are mockmapi's own callbacks, `extern "C"` in
/// Rust, and stay plain C. `calling_conventions_match_the_rust_abi` checks both against the Rust sources.
fn add_calling_conventions(header: &str) -> String {
    let mut out = String::with_capacity(header.len() + 4096);
    let mut in_struct = false;
    let mut in_comment = false;
    for line in header.split_inclusive('\n') {
        let t = line.trim();
        if in_comment || t.starts_with("/*") {
            in_comment = !t.contains("*/");
        } else if t.starts_with("//") {
            // a line comment: copied as it is
        } else if t.starts_with('}') {
            in_struct = false;
        } else if (t.starts_with("typedef struct ") || t.starts_with("struct ")) && t.ends_with('{')
        {
            in_struct = true;
        } else if in_struct && fn_pointer_member(t).is_some() {
            out.push_str(&line.replacen("(*", "(STDMETHODCALLTYPE *", 1));
            continue;
        }
        out.push_str(line);
    }
    out
}

/// `RET (*Name)(...);` (or with the convention already written) → `Name`.
fn fn_pointer_member(line: &str) -> Option<&str> {
    let (ret, rest) = line.split_once('(')?;
    let rest = rest
        .strip_prefix("STDMETHODCALLTYPE ")
        .unwrap_or(rest)
        .strip_prefix('*')?;
    let (name, after) = rest.split_once(')')?;
    let simple = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_');
    (!ret.trim().is_empty() && simple(name) && after.starts_with('(')).then_some(name)
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
    let require =
        std::env::var_os("MOCKMAPI_REQUIRE_COMPILERS").is_some_and(|v| !v.is_empty() && v != "0");
    let identity = |compiler: &str| -> Option<String> {
        let out = Command::new(compiler).arg("--version").output().ok()?;
        // `cc (Debian 12.2.0-14) 12.2.0` and `gcc (Debian 12.2.0-14) 12.2.0` are one compiler: compare the
        // version text without the program's own name.
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        Some(
            text.split_once(' ')
                .map_or(text.clone(), |(_, rest)| rest.to_owned()),
        )
    };
    let default = identity("cc");
    for (cc, cxx) in [("clang", "clang++"), ("gcc", "g++")] {
        if let Some(id) = identity(cc) {
            // Already compiled as `cc`/`c++` (the same compiler under another name): not again.
            if Some(&id) == default.as_ref() {
                continue;
            }
            v.push((cc, "c", "-std=c11"));
            v.push((cxx, "c++", "-std=c++17"));
        } else {
            assert!(
                !require,
                "{cc} is not installed and MOCKMAPI_REQUIRE_COMPILERS is set: install it (apt-get install {cc})"
            );
        }
    }
    v
}

/// One syntax-only compilation of a generated source file.
struct Job {
    compiler: &'static str,
    lang: &'static str,
    std: &'static str,
    source: String,
    tag: String,
    args: Vec<String>,
}

fn try_compile(job: &Job) -> Result<(), String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("header-check");
    std::fs::create_dir_all(&dir).unwrap();
    let ext = if job.lang == "c" { "c" } else { "cpp" };
    let file = dir.join(format!("{}-{}.{ext}", job.tag, job.compiler));
    std::fs::write(&file, &job.source).unwrap();
    let out = Command::new(job.compiler)
        .args([
            job.std,
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-fsyntax-only",
        ])
        .args(&job.args)
        .arg(&file)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", job.compiler))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} {} {} rejects {}:\n{}",
            job.compiler,
            job.std,
            job.args.join(" "),
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Run the jobs on every core; fail with every rejection.
fn compile_all(jobs: Vec<Job>) {
    let queue = std::sync::Mutex::new(jobs.into_iter());
    let failures = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let Some(job) = queue.lock().unwrap().next() else {
                    break;
                };
                if let Err(e) = try_compile(&job) {
                    failures.lock().unwrap().push(e);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} compilation(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn include_args(dirs: &[&str]) -> Vec<String> {
    dirs.iter()
        .flat_map(|d| ["-I".to_owned(), root().join(d).display().to_string()])
        .collect()
}

fn compile_snippet(
    compiler: &'static str,
    lang: &'static str,
    std: &'static str,
    source: &str,
    tag: &str,
) {
    let job = Job {
        compiler,
        lang,
        std,
        source: source.to_owned(),
        tag: tag.to_owned(),
        args: include_args(&["include"]),
    };
    if let Err(e) = try_compile(&job) {
        panic!("{e}");
    }
}

fn twice(header: &str) -> String {
    format!("#include \"{header}\"\n#include \"{header}\"\nint main(void) {{ return 0; }}\n")
}

/// The file names in `dir` with one of the extensions, sorted.
fn headers_in(dir: &str, extensions: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| extensions.iter().any(|x| n.ends_with(x)))
        .collect();
    v.sort();
    v
}

#[test]
fn every_public_header_compiles_alone_and_twice_as_c11_and_cxx17() {
    let compilers = compilers();
    let mut jobs = Vec::new();
    for header in ["mockmapi.h", "mockmapi_abi.h"] {
        for (compiler, lang, std) in compilers.iter().copied() {
            jobs.push(Job {
                compiler,
                lang,
                std,
                source: twice(header),
                tag: header.replace('.', "_"),
                args: include_args(&["include"]),
            });
        }
    }
    // The SDK-compatible headers, every spelling: C, C++ (classes) and C++ with CINTERFACE (structs).
    let sdk = headers_in("include/mockmapi/sdk", &[".h", ".H"]);
    assert!(
        sdk.len() > 20,
        "include/mockmapi/sdk/ holds the SDK-compatible headers"
    );
    // Spellings of one header are the same bytes (see `sdk_header_spellings_are_identical_forwarders`): one
    // compilation per distinct content gives the same verdict for each of them.
    let mut seen = std::collections::HashSet::new();
    for header in &sdk {
        let bytes = std::fs::read(root().join("include/mockmapi/sdk").join(header)).unwrap();
        if !seen.insert(bytes) {
            continue;
        }
        for (compiler, lang, std) in compilers.iter().copied() {
            let variants: &[(&str, &[&str])] = if lang == "c" {
                &[("", &[])]
            } else {
                &[("", &[]), ("-cinterface", &["-DCINTERFACE"])]
            };
            for (suffix, defines) in variants {
                let mut args = include_args(&["include/mockmapi/sdk"]);
                args.extend(defines.iter().map(|d| d.to_string()));
                jobs.push(Job {
                    compiler,
                    lang,
                    std,
                    source: twice(header),
                    tag: format!("sdk-{}{suffix}", header.replace('.', "_")),
                    args,
                });
            }
        }
    }
    // The C++ helpers: C++ only, with the include path their users have.
    for header in headers_in("bindings/cpp", &[".hpp"]) {
        for (compiler, lang, std) in compilers.iter().copied() {
            if lang == "c++" {
                jobs.push(Job {
                    compiler,
                    lang,
                    std,
                    source: twice(&header),
                    tag: format!("cpp-{}", header.replace('.', "_")),
                    args: include_args(&["include/mockmapi/sdk", "bindings/cpp"]),
                });
            }
        }
    }
    compile_all(jobs);
}

/// Linux and macOS find `MAPIX.h` and `mapix.h` alike only because both exist; on a case-insensitive file
/// system (macOS's default, Windows) they are one file. Every spelling of a name must therefore be the same
/// bytes, forwarding to the one implementation in `impl/`, so that whichever copy a checkout keeps is right.
#[test]
fn sdk_header_spellings_are_identical_forwarders() {
    let dir = root().join("include/mockmapi/sdk");
    let mut groups: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for name in headers_in("include/mockmapi/sdk", &[".h", ".H"]) {
        groups.entry(name.to_lowercase()).or_default().push(name);
    }
    for (lower, names) in &groups {
        let first = std::fs::read_to_string(dir.join(&names[0])).unwrap();
        for name in names {
            assert_eq!(
                std::fs::read_to_string(dir.join(name)).unwrap(),
                first,
                "{name} differs from {}: every spelling of {lower} must be the same bytes",
                names[0]
            );
        }
        if lower == "mockmapi.h" {
            continue;
        }
        let target = first
            .lines()
            .find_map(|l| {
                l.strip_prefix("#include \"")
                    .and_then(|r| r.strip_suffix('"'))
            })
            .unwrap_or_else(|| panic!("{lower} forwards nowhere"));
        assert_eq!(
            target,
            format!("impl/{lower}"),
            "{lower} forwards to its own implementation"
        );
        assert!(
            dir.join(target).is_file(),
            "{} exists",
            dir.join(target).display()
        );
    }
    for spelling in [
        "windows.h",
        "Windows.h",
        "initguid.h",
        "InitGuid.h",
        "mapix.h",
        "MAPIX.h",
        "MAPIDefS.h",
        "MAPIGuid.h",
        "MAPICode.h",
        "MAPISPI.h",
        "MAPIUtil.h",
        "tchar.h",
        "objbase.h",
        "unknwn.h",
    ] {
        assert!(
            dir.join(spelling).is_file(),
            "include/mockmapi/sdk/{spelling} is missing"
        );
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

/// Every Rust source file under `src/`, as text.
fn rust_sources() -> String {
    fn walk(dir: &Path, out: &mut String) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push_str(&std::fs::read_to_string(&p).unwrap());
                out.push('\n');
            }
        }
    }
    let mut s = String::new();
    walk(&root().join("src"), &mut s);
    s
}

/// The text of `pub struct name { ... }` in the Rust sources (up to its closing brace at the line start).
fn rust_struct<'a>(sources: &'a str, name: &str) -> &'a str {
    let start = sources
        .find(&format!("pub struct {name} {{"))
        .unwrap_or_else(|| panic!("no `pub struct {name}` in src/"));
    let len = sources[start..].find("\n}").expect("struct body ends");
    &sources[start..start + len]
}

/// The ABI written in a Rust function-pointer type: `"system"` or `"C"`.
fn rust_abi(ty: &str) -> &'static str {
    match (
        ty.contains("extern \"system\" fn"),
        ty.contains("extern \"C\" fn"),
    ) {
        (true, false) => "system",
        (false, true) => "C",
        _ => panic!("no single ABI in the Rust type `{ty}`"),
    }
}

/// The calling convention a C caller sees is the one Rust implements: each function-pointer member of a
/// header struct reads `STDMETHODCALLTYPE` exactly when its Rust field is `extern "system"` (every COM slot),
/// and each function-pointer typedef (mockmapi's callbacks) is plain C exactly when its Rust type is
/// `extern "C"`. On 32-bit Windows a mismatch is a crash at the first call.
#[test]
fn calling_conventions_match_the_rust_abi() {
    let header = std::fs::read_to_string(root().join("include/mockmapi.h")).unwrap();
    let sources = rust_sources();
    let (mut slots, mut callbacks) = (0, 0);
    let mut current: Option<&str> = None;
    for line in header.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("typedef struct ") {
            current = rest.strip_suffix(" {");
            continue;
        }
        if t.starts_with('}') {
            current = None;
            continue;
        }
        if let Some(rest) = t.strip_prefix("typedef ") {
            if let Some(name) = fn_pointer_member(rest) {
                assert!(
                    !rest.contains("STDMETHODCALLTYPE"),
                    "mockmapi's own callback type {name} must be plain C: {t}"
                );
                let start = sources
                    .find(&format!("pub type {name} ="))
                    .unwrap_or_else(|| panic!("no `pub type {name}` in src/"));
                let ty = &sources[start..start + sources[start..].find(';').unwrap()];
                assert_eq!(rust_abi(ty), "C", "{name} is a cdecl callback in the header, so Rust must declare it extern \"C\"");
                callbacks += 1;
            }
            continue;
        }
        let (Some(strukt), Some(name)) = (current, fn_pointer_member(t)) else {
            continue;
        };
        let body = rust_struct(&sources, strukt);
        let field = body
            .find(&format!("pub {name}:"))
            .unwrap_or_else(|| panic!("{strukt}::{name} is not a field in the Rust struct"));
        let rest = &body[field..];
        let end = rest[4..].find("\n    pub ").map_or(rest.len(), |e| e + 4);
        let abi = rust_abi(&rest[..end]);
        let stdcall = t.contains("(STDMETHODCALLTYPE *");
        assert!(
            stdcall && abi == "system",
            "{strukt}::{name}: the header reads `{t}` but Rust implements it extern \"{abi}\"; \
             every COM method slot is extern \"system\" in Rust and STDMETHODCALLTYPE in C"
        );
        slots += 1;
    }
    assert!(slots >= 50, "found the COM method slots ({slots})");
    assert!(callbacks >= 2, "found the callback typedefs ({callbacks})");
}

/// The 32-bit Windows compilers (mingw-w64), when installed; `MOCKMAPI_REQUIRE_MINGW=1` (set by
/// `ci/windows.sh`) makes a missing one an error.
fn mingw_i686() -> Vec<(&'static str, &'static str, &'static str)> {
    let v = [
        ("i686-w64-mingw32-gcc", "c", "-std=c11"),
        ("i686-w64-mingw32-g++", "c++", "-std=c++17"),
    ];
    let require =
        std::env::var_os("MOCKMAPI_REQUIRE_MINGW").is_some_and(|v| !v.is_empty() && v != "0");
    v.into_iter()
        .filter(|(cc, _, _)| {
            let found = Command::new(cc).arg("--version").output().is_ok();
            assert!(
                found || !require,
                "{cc} is missing and MOCKMAPI_REQUIRE_MINGW is set: apt-get install mingw-w64"
            );
            found
        })
        .collect()
}

/// A translation unit that fills every vtable of the header with functions declared the way a provider's
/// Windows source declares them (`RET STDMETHODCALLTYPE Name(args)`, `conv` = "STDMETHODCALLTYPE"), takes
/// mockmapi's callbacks as plain C functions and the MAPI entry points as `STDMETHODCALLTYPE` pointers.
fn provider_style_unit(header: &str, conv: &str) -> String {
    let mut decls = String::new();
    let mut tables = String::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in header.lines() {
        let t = line.trim();
        if let Some(name) = t
            .strip_prefix("typedef struct ")
            .and_then(|r| r.strip_suffix(" {"))
        {
            current = Some((name.to_owned(), Vec::new()));
        } else if t.starts_with('}') {
            if let Some((name, slots)) = current.take().filter(|(_, s)| !s.is_empty()) {
                tables.push_str(&format!(
                    "const {name} impl_{name} = {{ {} }};\n",
                    slots.join(", ")
                ));
            }
        } else if let (Some((strukt, slots)), Some(slot)) = (current.as_mut(), fn_pointer_member(t))
        {
            let (ret, rest) = t.split_once('(').unwrap();
            let args = &rest[rest.find(")(").unwrap() + 1..];
            let f = format!("{strukt}_{slot}");
            decls.push_str(&format!("{} {conv} {f}{args}\n", ret.trim_end()));
            slots.push(f);
        }
    }
    format!(
        r#"#include "mockmapi.h"
#ifdef __cplusplus
extern "C" {{
#endif
{decls}{tables}
HRESULT fake_callback(void *context, IUnknown *provider, uint32_t method, HRESULT planned);
HRESULT exit_callback(void *userdata);
mockmapi_fake_callback take_fake_callback = fake_callback;
mockmapi_exit_callback take_exit_callback = exit_callback;
HRESULT (STDMETHODCALLTYPE *take_initialize)(void *) = MAPIInitialize;
void (STDMETHODCALLTYPE *take_uninitialize)(void) = MAPIUninitialize;
HRESULT (STDMETHODCALLTYPE *take_logon)(ULONG_PTR, LPTSTR, LPTSTR, ULONG, LPMAPISESSION *) = MAPILogonEx;
SCODE (STDMETHODCALLTYPE *take_allocate)(ULONG, void **) = MAPIAllocateBuffer;
SCODE (STDMETHODCALLTYPE *take_allocate_more)(ULONG, void *, void **) = MAPIAllocateMore;
ULONG (STDMETHODCALLTYPE *take_free)(void *) = MAPIFreeBuffer;
#ifdef __cplusplus
}}
#endif
"#
    )
}

/// On 32-bit Windows, where `__stdcall` and cdecl differ, a provider written as the SDK writes it fills every
/// vtable slot of the header without a cast, the MAPI entry points are `STDMETHODCALLTYPE`, and mockmapi's
/// callbacks are plain C. The same unit with the slots declared without `STDMETHODCALLTYPE` must be rejected:
/// that proves the compiler checks the convention at all.
#[test]
fn provider_style_slots_type_check_on_32bit_windows() {
    let header = std::fs::read_to_string(root().join("include/mockmapi.h")).unwrap();
    for (cc, lang, std) in mingw_i686() {
        let good = Job {
            compiler: cc,
            lang,
            std,
            source: provider_style_unit(&header, "STDMETHODCALLTYPE"),
            tag: "stdcall-slots".into(),
            args: include_args(&["include"]),
        };
        if let Err(e) = try_compile(&good) {
            panic!("a provider declared as the SDK declares it does not fit the header's vtables:\n{e}");
        }
        let wrong = Job {
            source: provider_style_unit(&header, ""),
            tag: "cdecl-slots".into(),
            ..good
        };
        assert!(
            try_compile(&wrong).is_err(),
            "{cc} accepts cdecl functions in __stdcall slots: the check proves nothing"
        );
    }
}

/// The declarations of `include/mockmapi.h` and `include/mockmapi_abi.h` as clang sees them: for every
/// function, variable and struct definition in those two files, its name and whether a Doxygen comment is
/// attached to it (the comment clangd shows on hover). Read from clang's AST dump, which prints a file name
/// only where it changes.
fn documented_declarations() -> Vec<(String, String, bool)> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("header-check");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doxygen.c");
    std::fs::write(&file, "#include \"mockmapi.h\"\n").unwrap();
    let out = Command::new("clang")
        .args(["-std=c11", "-fsyntax-only", "-fno-color-diagnostics"])
        // Doxygen commands that do not parse (a stray \param, an unknown @command) are errors too.
        .args([
            "-Wdocumentation",
            "-Wdocumentation-unknown-command",
            "-Werror",
        ])
        .args(["-Xclang", "-ast-dump"])
        .args(include_args(&["include"]))
        .arg(&file)
        .output()
        .expect("run clang");
    assert!(
        out.status.success(),
        "clang -Wdocumentation rejects the header comments:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dump = String::from_utf8(out.stdout).expect("UTF-8 AST dump");
    let ours = |f: &str| f.ends_with("include/mockmapi.h") || f.ends_with("include/mockmapi_abi.h");
    let mut current = String::new();
    let mut decls: Vec<(String, String, bool)> = Vec::new();
    for line in dump.lines() {
        let top = line.starts_with("|-") || line.starts_with("`-");
        // Every `path.h:line:col` on the line moves the current file; a declaration's file is the one current
        // at its first location.
        let before = current.clone();
        let mut first_file = None;
        for (i, _) in line.match_indices(".h:") {
            let start = line[..i].rfind(['<', ' ']).map_or(0, |s| s + 1);
            let path = &line[start..i + 2];
            if first_file.is_none() {
                first_file = Some(path.to_owned());
            }
            current = path.to_owned();
        }
        if top {
            let mut words = line[2..].split_whitespace();
            let kind = words.next().unwrap_or_default();
            let at_start = line
                .split_once('<')
                .is_some_and(|(_, r)| r.starts_with("line:") || r.starts_with("col:"));
            let file = if at_start {
                // Same file as the previous location printed (before this line's own paths).
                before
            } else {
                first_file.unwrap_or_else(|| current.clone())
            };
            let wanted = matches!(kind, "FunctionDecl" | "VarDecl")
                || (kind == "RecordDecl" && line.contains(" definition"));
            if ours(&file) && wanted && !line.contains(" implicit ") {
                // `... name 'type'` for functions and variables, `... struct name definition` for structs.
                let name = line
                    .split('\'')
                    .next()
                    .map(|s| s.trim_end().trim_end_matches(" definition"))
                    .and_then(|s| s.split_whitespace().last())
                    .unwrap_or_default()
                    .to_owned();
                decls.push((format!("{kind} {name}"), file, false));
            } else {
                decls.push((String::new(), file, false));
            }
        } else if line
            .trim_start_matches(['|', '`', ' '])
            .starts_with("-FullComment")
            && line.len() - line.trim_start_matches(['|', '`', ' ', '-']).len() <= 4
        {
            if let Some(d) = decls.last_mut() {
                d.2 = true;
            }
        }
    }
    decls.retain(|d| !d.0.is_empty());
    decls
}

#[test]
fn every_declaration_carries_a_doxygen_comment_that_ides_show() {
    if Command::new("clang").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("MOCKMAPI_REQUIRE_COMPILERS").is_none_or(|v| v.is_empty() || v == "0"),
            "clang is not installed and MOCKMAPI_REQUIRE_COMPILERS is set: install it (apt-get install clang)"
        );
        eprintln!("clang is not installed: the Doxygen check is skipped");
        return;
    }
    let decls = documented_declarations();
    let names: Vec<&str> = decls.iter().map(|d| d.0.as_str()).collect();
    for expected in [
        "FunctionDecl MAPIInitialize",
        "FunctionDecl mockmapi_version",
        "FunctionDecl mockmapi_session_add_provider",
        "FunctionDecl mockmapi_reset",
        "VarDecl IID_IMAPIClientShutdown",
        "RecordDecl IMAPISessionVtbl",
    ] {
        assert!(
            names.contains(&expected),
            "the AST of mockmapi.h lacks {expected} (the check reads clang's dump wrongly): {names:?}"
        );
    }
    let bare: Vec<&str> = decls
        .iter()
        .filter(|d| !d.2)
        .map(|d| d.0.as_str())
        .collect();
    assert!(
        bare.is_empty(),
        "{} of {} declarations have no Doxygen comment (/** ... */ right before them, which clangd shows on \
         hover): {bare:?}",
        bare.len(),
        decls.len()
    );
}

/// `src/ffi/stdcall_exports.def` (the decorated names the 32-bit DLL exports next to rustc's undecorated ones)
/// names exactly the library's exported `extern "system"` functions, each with its argument bytes on i686
/// (4 per argument: every argument of these functions is a 32-bit value or a pointer there). A function added
/// or removed without this list fails here; a wrong count fails the i686 link (ci/windows.sh).
#[test]
fn stdcall_export_list_names_every_stdcall_export() {
    let mut want = Vec::new();
    for entry in std::fs::read_dir(root().join("src/ffi")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut exported = false;
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            let line = line.trim();
            if line == "#[no_mangle]" {
                exported = true;
                continue;
            }
            if line.starts_with("#[") || line.starts_with("///") {
                continue;
            }
            if exported && line.contains("extern \"system\" fn ") {
                let after = line.split("extern \"system\" fn ").nth(1).unwrap();
                let name = after.split('(').next().unwrap().to_owned();
                // The parameter list, possibly over several lines, up to the closing parenthesis.
                let mut params = after.split_once('(').unwrap().1.to_owned();
                while !params.contains(')') {
                    params.push_str(lines.next().unwrap());
                }
                let params = params.split(')').next().unwrap();
                let count = params.split(',').filter(|p| p.contains(':')).count();
                want.push(format!("{name}@{}", 4 * count));
            }
            exported = false;
        }
    }
    want.sort();
    let def = std::fs::read_to_string(root().join("src/ffi/stdcall_exports.def")).unwrap();
    let mut have: Vec<String> = def
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(';') && *l != "EXPORTS")
        .map(str::to_owned)
        .collect();
    have.sort();
    assert!(want.len() >= 6, "found the MAPI entry points: {want:?}");
    assert_eq!(
        have, want,
        "src/ffi/stdcall_exports.def must list every #[no_mangle] extern \"system\" function of src/ffi"
    );
}
