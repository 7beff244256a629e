//! The SDK-compatible headers (`include/mockmapi/sdk`) with every compiler, and `mockmapi.h` next to a real
//! SDK's MAPI headers:
//! - every `sdk` program of `c-tests/` (and the sources it names) compiles with gcc and clang, C as C11 and C++
//!   as C++17, under `-Wall -Wextra -Werror -pedantic` (the C suite builds and runs them with `cc`/`c++`);
//! - `mockmapi.h` included after mingw-w64's own `windows.h`, `mapidefs.h`, `mapix.h`, `mapispi.h` and
//!   `mapiutil.h`, in every combination a source uses, compiles for 64-bit and 32-bit Windows in C and C++
//!   (`c-tests/mingw/after_sdk.c`, `.cpp`): it adds only what that SDK lacks.
//!
//! A compiler that is not installed is skipped, unless `MOCKMAPI_REQUIRE_COMPILERS=1` (as CI sets it) makes
//! that an error naming the package to install.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn required() -> bool {
    std::env::var_os("MOCKMAPI_REQUIRE_COMPILERS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The compilers of `candidates` that are installed; a missing one fails when compilers are required.
fn installed(candidates: &[&'static str], package: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for &cc in candidates {
        if Command::new(cc).arg("--version").output().is_ok() {
            found.push(cc);
        } else {
            assert!(
                !required(),
                "{cc} is not installed and MOCKMAPI_REQUIRE_COMPILERS is set: install it (apt-get install {package})"
            );
            eprintln!("skipping {cc}: not installed (apt-get install {package})");
        }
    }
    found
}

/// One syntax-only compilation.
struct Job {
    compiler: &'static str,
    args: Vec<String>,
    source: PathBuf,
}

fn run(job: &Job) -> Result<(), String> {
    let out = Command::new(job.compiler)
        .args(&job.args)
        .arg("-fsyntax-only")
        .arg(&job.source)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", job.compiler))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} {} {} failed:\n{}",
            job.compiler,
            job.args.join(" "),
            job.source.display(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Run the jobs on every core; fail with every failure.
fn run_all(jobs: Vec<Job>) {
    let count = jobs.len();
    let queue = std::sync::Mutex::new(jobs.into_iter());
    let failures = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let Some(job) = queue.lock().unwrap().next() else {
                    break;
                };
                if let Err(e) = run(&job) {
                    failures.lock().unwrap().push(e);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {count} compilation(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn is_cxx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("cpp")
}

fn std_flag(path: &Path) -> &'static str {
    if is_cxx(path) {
        "-std=c++17"
    } else {
        "-std=c11"
    }
}

fn include(dir: &str) -> [String; 2] {
    ["-I".to_owned(), root().join(dir).display().to_string()]
}

/// The `sdk` programs of `c-tests/`, each with the extra sources and flags its directives name.
fn sdk_programs() -> Vec<(PathBuf, Vec<PathBuf>, Vec<String>)> {
    let mut programs = Vec::new();
    for entry in std::fs::read_dir(root().join("c-tests")).expect("c-tests/") {
        let path = entry.unwrap().path();
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("c" | "cpp")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let directives: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("// mockmapi-ctest:"))
            .map(str::trim)
            .collect();
        if !directives.contains(&"sdk") {
            continue;
        }
        let mut sources = Vec::new();
        let mut flags = Vec::new();
        for d in directives {
            if let Some(source) = d.strip_prefix("source ") {
                sources.push(root().join("c-tests").join(source.trim()));
            } else if let Some(f) = d.strip_prefix("flags ") {
                flags.extend(f.split_whitespace().map(str::to_owned));
            }
        }
        programs.push((path, sources, flags));
    }
    programs.sort();
    programs
}

#[test]
fn sdk_programs_compile_with_gcc_and_clang_in_c_and_cxx() {
    let c_compilers = installed(&["gcc", "clang"], "gcc clang");
    let cxx_compilers = installed(&["g++", "clang++"], "g++ clang");
    let programs = sdk_programs();
    assert!(
        programs.len() >= 8,
        "c-tests/ holds the SDK header programs (found {})",
        programs.len()
    );
    let mut jobs = Vec::new();
    for (program, sources, flags) in &programs {
        for source in std::iter::once(program).chain(sources) {
            let compilers = if is_cxx(source) {
                &cxx_compilers
            } else {
                &c_compilers
            };
            for &compiler in compilers {
                let mut args: Vec<String> = [
                    std_flag(source),
                    "-Wall",
                    "-Wextra",
                    "-Werror",
                    "-pedantic",
                    "-pthread",
                ]
                .map(str::to_owned)
                .to_vec();
                args.extend(include("include/mockmapi/sdk"));
                args.extend(include("bindings/cpp"));
                args.extend(include("c-tests"));
                args.push(format!(
                    "-DMOCKMAPI_SOURCE_DIR=\"{}\"",
                    root().display().to_string().replace('\\', "/")
                ));
                args.extend(flags.iter().cloned());
                jobs.push(Job {
                    compiler,
                    args,
                    source: source.clone(),
                });
            }
        }
    }
    run_all(jobs);
}

#[test]
fn mockmapi_h_after_mingw_w64_mapi_headers_adds_only_what_is_missing() {
    let compilers = installed(
        &[
            "x86_64-w64-mingw32-gcc",
            "x86_64-w64-mingw32-g++",
            "i686-w64-mingw32-gcc",
            "i686-w64-mingw32-g++",
        ],
        "mingw-w64",
    );
    // The SDK headers a source includes before mockmapi.h: none (windows.h only), mapidefs.h alone, with
    // mapix.h, with mapispi.h, and mapiutil.h (which brings mapix.h and mapidefs.h).
    let selections: [&[&str]; 5] = [
        &[],
        &["MM_MAPIDEFS"],
        &["MM_MAPIDEFS", "MM_MAPIX"],
        &["MM_MAPIDEFS", "MM_MAPIX", "MM_MAPISPI"],
        &["MM_MAPIX", "MM_MAPISPI", "MM_MAPIUTIL"],
    ];
    let mut jobs = Vec::new();
    for compiler in compilers {
        let source = root().join(if compiler.ends_with("g++") {
            "c-tests/mingw/after_sdk.cpp"
        } else {
            "c-tests/mingw/after_sdk.c"
        });
        for selection in selections {
            let mut args: Vec<String> = [std_flag(&source), "-Wall", "-Wextra", "-Werror"]
                .map(str::to_owned)
                .to_vec();
            args.extend(include("include"));
            args.extend(selection.iter().map(|d| format!("-D{d}")));
            jobs.push(Job {
                compiler,
                args,
                source: source.clone(),
            });
        }
    }
    run_all(jobs);
}

/// The MAPI headers of mingw-w64 (not its Windows headers), copied into a directory of their own so that a
/// source finds them where a project keeps a vendored SDK; None when mingw-w64 is not installed.
fn vendored_mingw_mapi_headers() -> Option<PathBuf> {
    let from = [
        "/usr/share/mingw-w64/include",
        "/usr/x86_64-w64-mingw32/include",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|d| d.join("mapidefs.h").is_file())?;
    let to = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("vendored-mingw-mapi");
    std::fs::create_dir_all(&to).unwrap();
    for name in [
        "mapidefs.h",
        "mapix.h",
        "mapicode.h",
        "mapiguid.h",
        "mapitags.h",
        "mapispi.h",
        "mapiutil.h",
        "mapival.h",
        "mapiwin.h",
        "mapinls.h",
    ] {
        if from.join(name).is_file() {
            std::fs::copy(from.join(name), to.join(name)).unwrap();
        }
    }
    Some(to)
}

/// A project that vendors a MAPI SDK's headers (Microsoft's published ones, or mingw-w64's) compiles them on
/// Linux over mockmapi's Windows base layer (`include/mockmapi/sdk`): the base layer defines only Windows
/// things, and `mockmapi.h` included after the SDK's headers adds only what they lack. The vendored headers
/// come first on the include path (`-isystem` keeps their own warnings out of `-Werror`; mockmapi's
/// headers are checked with `-Werror` by the tests above).
#[test]
fn vendored_mapi_headers_compile_over_the_windows_base_layer() {
    let c_compilers = installed(&["gcc", "clang"], "gcc clang");
    let cxx_compilers = installed(&["g++", "clang++"], "g++ clang");
    let mut sdks = vec![root().join("c-tests/foreign_sdk/include")];
    match vendored_mingw_mapi_headers() {
        Some(dir) => sdks.push(dir),
        None => {
            assert!(
                !required(),
                "mingw-w64's MAPI headers are missing and MOCKMAPI_REQUIRE_COMPILERS is set: apt-get install mingw-w64"
            );
            eprintln!(
                "skipping mingw-w64's MAPI headers: not installed (apt-get install mingw-w64)"
            );
        }
    }
    let mut jobs = Vec::new();
    for sdk in &sdks {
        for name in ["over_base_layer.c", "over_base_layer.cpp"] {
            let source = root().join("c-tests/foreign_sdk").join(name);
            let compilers = if is_cxx(&source) {
                &cxx_compilers
            } else {
                &c_compilers
            };
            for &compiler in compilers {
                let mut args: Vec<String> = [
                    std_flag(&source),
                    "-Wall",
                    "-Wextra",
                    "-Werror",
                    "-pedantic",
                ]
                .map(str::to_owned)
                .to_vec();
                args.extend(["-isystem".to_owned(), sdk.display().to_string()]);
                args.extend([
                    "-isystem".to_owned(),
                    root().join("include/mockmapi/sdk").display().to_string(),
                ]);
                args.extend(include("include"));
                jobs.push(Job {
                    compiler,
                    args,
                    source: source.clone(),
                });
            }
        }
    }
    run_all(jobs);
}

/// The sample provider written the SDK way (`examples/providers/sample_address_book.cpp`) is one source for
/// Linux and Windows: for 64-bit and 32-bit Windows it compiles with mingw-w64 against that SDK's own headers
/// (windows.h, mapix.h, ...) and mockmapi.h, unchanged. (On Linux the C suite and `mockmapi check` build it
/// against `include/mockmapi/sdk`.)
#[test]
fn sample_provider_compiles_for_windows_with_mingw_w64() {
    let compilers = installed(
        &["x86_64-w64-mingw32-g++", "i686-w64-mingw32-g++"],
        "mingw-w64",
    );
    let source = root().join("examples/providers/sample_address_book.cpp");
    let jobs = compilers
        .into_iter()
        .map(|compiler| {
            let mut args: Vec<String> = ["-std=c++17", "-Wall", "-Wextra", "-Werror"]
                .map(str::to_owned)
                .to_vec();
            args.extend(include("include"));
            Job {
                compiler,
                args,
                source: source.clone(),
            }
        })
        .collect();
    run_all(jobs);
}
