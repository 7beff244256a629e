//! Compiles every program in `c-tests/` (`*.c` as C11, `*.cpp` as C++17, `-Wall -Wextra -Werror -pedantic`)
//! against `include/`, links each one to the staticlib and to the cdylib, runs it, and fails if any program
//! fails to build or exits non-zero.
//!
//! Environment:
//! - `MOCKMAPI_CTEST_SANITIZE=1`: build with `-fsanitize=address,undefined` (any report fails the program).
//! - `MOCKMAPI_CTEST_VALGRIND=1`: run each program under `valgrind --error-exitcode=99`.
//! - `MOCKMAPI_CTEST_FILTER=text`: only programs whose file name contains `text`.
//! - `CC` / `CXX`: the compilers (default `cc` / `c++`).
//!
//! Each program is compiled with `-DMOCKMAPI_SOURCE_DIR="<repository root>"` (to find its fixtures) and runs in
//! a temporary directory of its own, without the caller's `MOCKMAPI_CONFIG` and `MOCKMAPI_REGISTRY`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A hang guard for a single program run, not a timing assertion.
const RUN_LIMIT: Duration = Duration::from_secs(300);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding `libmockmapi.a` and the cdylib: the profile directory this test binary runs from
/// (`target/<profile>/deps/c_suite-*` → `target/<profile>`). Cargo does not hand tests these paths.
fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>")
        .to_path_buf();
    for f in [static_lib_name(), shared_lib_name()] {
        assert!(
            dir.join(f).exists(),
            "{} is missing: the C suite links against the library that `cargo test` builds \
             (crate-type cdylib + staticlib in Cargo.toml). Run the suite with `cargo test`.",
            dir.join(f).display()
        );
    }
    dir
}

fn static_lib_name() -> &'static str {
    if cfg!(windows) {
        "mockmapi.lib"
    } else {
        "libmockmapi.a"
    }
}

fn shared_lib_name() -> &'static str {
    if cfg!(target_os = "macos") {
        "libmockmapi.dylib"
    } else if cfg!(windows) {
        "mockmapi.dll"
    } else {
        "libmockmapi.so"
    }
}

fn programs() -> Vec<PathBuf> {
    let filter = std::env::var("MOCKMAPI_CTEST_FILTER").unwrap_or_default();
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("c-tests"))
        .expect("c-tests/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("c" | "cpp")))
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(&filter))
        .collect();
    v.sort();
    v
}

#[derive(Clone, Copy, Debug)]
enum Link {
    Static,
    Shared,
}

struct Outcome {
    name: String,
    ok: bool,
    report: String,
}

fn env_on(name: &str) -> bool {
    std::env::var(name)
        .map(|v| !v.is_empty() && v != "0")
        .unwrap_or(false)
}

fn build(src: &Path, link: Link, libs: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let cxx = src.extension().and_then(|e| e.to_str()) == Some("cpp");
    let compiler = if cxx {
        std::env::var("CXX").unwrap_or_else(|_| "c++".into())
    } else {
        std::env::var("CC").unwrap_or_else(|_| "cc".into())
    };
    let stem = src.file_stem().unwrap().to_string_lossy().into_owned();
    let exe = out_dir.join(format!("{stem}-{link:?}").to_lowercase());
    let mut cmd = Command::new(&compiler);
    cmd.arg(if cxx { "-std=c++17" } else { "-std=c11" })
        .args([
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-g",
            "-O1",
            "-pthread",
        ])
        .arg("-I")
        .arg(root().join("include"))
        .arg("-I")
        .arg(root().join("c-tests"))
        // Lets a program find its fixtures (c-tests/fixtures, config/examples) from its temporary directory.
        .arg(format!(
            "-DMOCKMAPI_SOURCE_DIR=\"{}\"",
            root().display().to_string().replace('\\', "/")
        ));
    if env_on("MOCKMAPI_CTEST_SANITIZE") {
        cmd.args([
            "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer",
        ]);
    }
    cmd.arg(src).arg("-o").arg(&exe);
    match link {
        Link::Static => {
            cmd.arg(libs.join(static_lib_name()));
            if !cfg!(windows) {
                cmd.args(["-lpthread", "-ldl", "-lm"]);
            }
        }
        Link::Shared => {
            cmd.arg("-L").arg(libs).arg("-lmockmapi");
            if !cfg!(windows) {
                cmd.arg(format!("-Wl,-rpath,{}", libs.display()));
            }
        }
    }
    let out = cmd.output().map_err(|e| {
        format!("cannot run {compiler}: {e} (install a C/C++ compiler or set CC/CXX)")
    })?;
    if !out.status.success() {
        return Err(format!(
            "{compiler} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(exe)
}

fn run(exe: &Path) -> Result<String, String> {
    let mut cmd = if env_on("MOCKMAPI_CTEST_VALGRIND") {
        let mut c = Command::new("valgrind");
        c.args([
            "-q",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
        ])
        .arg(exe);
        c
    } else {
        Command::new(exe)
    };
    let dir = std::env::temp_dir().join(format!(
        "mockmapi-ctest-{}",
        exe.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let stdout_path = dir.join("stdout");
    let stdout = std::fs::File::create(&stdout_path).map_err(|e| e.to_string())?;
    let stderr = stdout.try_clone().map_err(|e| e.to_string())?;
    let mut child = cmd
        .current_dir(&dir)
        .env("MOCKMAPI_CTEST_TMPDIR", &dir)
        .env_remove("MOCKMAPI_LOG")
        // The configuration is whatever each program sets up, never the caller's.
        .env_remove("MOCKMAPI_CONFIG")
        .env_remove("MOCKMAPI_REGISTRY")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(s);
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    match status {
        Some(s) if s.success() => Ok(output),
        Some(s) => Err(format!("exited with {s}\n{output}")),
        None => Err(format!(
            "still running after {RUN_LIMIT:?}: killed\n{output}"
        )),
    }
}

#[test]
fn c_programs_pass_against_static_and_shared_library() {
    let libs = lib_dir();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-tests");
    std::fs::create_dir_all(&out_dir).unwrap();
    let progs = programs();
    assert!(!progs.is_empty(), "no C test programs found in c-tests/");
    let jobs: Vec<(PathBuf, Link)> = progs
        .iter()
        .flat_map(|p| [(p.clone(), Link::Static), (p.clone(), Link::Shared)])
        .collect();
    let queue = Mutex::new(jobs.into_iter());
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let Some((src, link)) = queue.lock().unwrap().next() else {
                    break;
                };
                let name = format!("{} [{link:?}]", src.file_name().unwrap().to_string_lossy())
                    .to_lowercase();
                let outcome = match build(&src, link, &libs, &out_dir).and_then(|exe| run(&exe)) {
                    Ok(_) => Outcome {
                        name,
                        ok: true,
                        report: String::new(),
                    },
                    Err(report) => Outcome {
                        name,
                        ok: false,
                        report,
                    },
                };
                results.lock().unwrap().push(outcome);
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.name.cmp(&b.name));
    let failed: Vec<&Outcome> = results.iter().filter(|o| !o.ok).collect();
    for o in &results {
        println!(
            "c-test {} ... {}",
            o.name,
            if o.ok { "ok" } else { "FAILED" }
        );
    }
    println!(
        "{} passed, {} failed",
        results.len() - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        let mut msg = String::new();
        for o in &failed {
            let tail: Vec<&str> = o.report.lines().collect();
            let start = tail.len().saturating_sub(80);
            msg.push_str(&format!(
                "\n==== {} ====\n{}\n",
                o.name,
                tail[start..].join("\n")
            ));
        }
        panic!("{} C test program run(s) failed:{msg}", failed.len());
    }
}
