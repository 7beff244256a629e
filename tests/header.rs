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
    let require =
        std::env::var_os("MOCKMAPI_REQUIRE_COMPILERS").is_some_and(|v| !v.is_empty() && v != "0");
    for (cc, cxx) in [("clang", "clang++"), ("gcc", "g++")] {
        if Command::new(cc).arg("--version").output().is_ok() {
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
    let mut jobs = Vec::new();
    for header in ["mockmapi.h", "mockmapi_abi.h"] {
        for (compiler, lang, std) in compilers() {
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
    for header in &sdk {
        for (compiler, lang, std) in compilers() {
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
        for (compiler, lang, std) in compilers() {
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
                decls.last().map(|d| d.1.clone()).unwrap_or_default()
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
