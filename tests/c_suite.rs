//! Compiles every program in `c-tests/` (`*.c` as C11, `*.cpp` as C++17, `-Wall -Wextra -Werror -pedantic`)
//! against `include/`, links each one to the staticlib and to the cdylib, and runs both. Each program is one
//! test named after its file (`policy.c`, `examples/quickstart.c`; `README.md#1.c` for the READMEs' C and C++
//! snippets, which must compile as written), so `cargo test --test c_suite -- policy`
//! runs only the matching programs, `-- --list` lists them, and a failure names the program and shows its
//! output. Adding a program to `c-tests/` is all it takes to add a test.
//!
//! A program may carry directives, one per line, each a line of its own starting with `// mockmapi-ctest:`:
//! - `sdk`: compile it the way a provider author's Windows code is compiled: the include path is
//!   `include/mockmapi/sdk`, `bindings/cpp` and `c-tests/` (not `include/`).
//! - `gtest`: link GoogleTest and its `main` (`-lgtest_main -lgtest`; `libgtest-dev` on Debian).
//! - `source <path>`: also compile `<path>` (relative to `c-tests/`, `.c` as C11, `.cpp` as C++17, same flags and
//!   include path) into the program. Such files live in subdirectories, which are not programs themselves. A
//!   program with any C++ source is linked by the C++ compiler.
//! - `flags <flags...>`: extra compiler flags for this program.
//! - `fail-run <args...>`: after the normal run passed, run the program again with these arguments; that run
//!   must fail by itself (a non-zero exit, not a signal and no sanitizer report) and print every `fail-output`.
//! - `fail-output <text>`: text the `fail-run` output must contain (the rest of the line).
//! - `compile-only`: compile the sources, link and run nothing (the README snippets that are not programs).
//! - `native-registry`: on Windows, leave the policy to the real registry (see below).
//!
//! Environment:
//! - `MOCKMAPI_CTEST_SANITIZE=1`: build with `-fsanitize=address,undefined` (any report fails the program).
//! - `MOCKMAPI_CTEST_VALGRIND=1`: run each program under `valgrind --error-exitcode=99`.
//! - `MOCKMAPI_CTEST_FILTER=text`: only programs whose file name contains `text` (the same as
//!   `cargo test --test c_suite -- text`).
//! - `CC` / `CXX`: the compilers (default `cc` / `c++`). A missing compiler fails the programs that need it.
//! - `MOCKMAPI_CTEST_TARGET=x86_64-pc-windows-gnu` (or `i686-pc-windows-gnu`) with `MOCKMAPI_CTEST_LIBS=<dir>`:
//!   build the programs for Windows with mingw-w64 (`<arch>-w64-mingw32-gcc`/`g++` unless `CC`/`CXX` say
//!   otherwise) against the Windows build of the library in `<dir>` (`libmockmapi.a`, `libmockmapi.dll.a`,
//!   `mockmapi.dll`, from `cargo build --target <triple>`) and run them under `wine` (`MOCKMAPI_CTEST_RUNNER`
//!   to change it). `ci/windows.sh` runs the suite this way.
//!
//! Each program is compiled with `-DMOCKMAPI_SOURCE_DIR="<repository root>"` (to find its fixtures) and runs in
//! a temporary directory of its own, without the caller's `MOCKMAPI_CONFIG` and `MOCKMAPI_REGISTRY`. On Windows,
//! where the library reads the real registry unless an emulated hive is selected, each program starts with
//! `MOCKMAPI_REGISTRY` naming an empty hive, so that no program depends on the HKCU of the machine it runs on;
//! a program with the `native-registry` directive starts without it and reads the real registry.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A hang guard for a single program run, not a timing assertion.
const RUN_LIMIT: Duration = Duration::from_secs(300);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the programs run: this machine, or Windows (under Wine when built from Linux).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Platform {
    Host,
    /// `MOCKMAPI_CTEST_TARGET`: a `*-pc-windows-gnu` triple; the programs are built with its mingw-w64.
    Windows {
        triple: String,
    },
}

impl Platform {
    fn get() -> Platform {
        match std::env::var("MOCKMAPI_CTEST_TARGET") {
            Ok(t) if !t.is_empty() => Platform::Windows { triple: t },
            _ if cfg!(windows) => Platform::Windows {
                triple: String::new(),
            },
            _ => Platform::Host,
        }
    }

    fn windows(&self) -> bool {
        matches!(self, Platform::Windows { .. })
    }

    /// Built on Linux, run under Wine.
    fn cross(&self) -> bool {
        matches!(self, Platform::Windows { triple } if !triple.is_empty()) && !cfg!(windows)
    }

    /// The mingw-w64 tool prefix of a cross build (`x86_64-w64-mingw32-`).
    fn tool_prefix(&self) -> Option<String> {
        match self {
            Platform::Windows { triple } if self.cross() => {
                let arch = triple.split('-').next().unwrap_or("x86_64");
                Some(format!("{arch}-w64-mingw32-"))
            }
            _ => None,
        }
    }

    fn static_lib_name(&self) -> &'static str {
        // windows-gnu names its static library as Linux does; its import library is libmockmapi.dll.a.
        if cfg!(target_env = "msvc") && !self.cross() {
            "mockmapi.lib"
        } else {
            "libmockmapi.a"
        }
    }

    fn shared_lib_name(&self) -> &'static str {
        if self.windows() {
            "mockmapi.dll"
        } else if cfg!(target_os = "macos") {
            "libmockmapi.dylib"
        } else {
            "libmockmapi.so"
        }
    }

    /// What a C program linked to the static library needs besides it: on Linux `-lpthread -ldl -lm`, on
    /// Windows the system libraries Rust's standard library imports.
    fn static_system_libs(&self) -> &'static [&'static str] {
        if self.windows() {
            &[
                "-lntdll",
                "-luserenv",
                "-lws2_32",
                "-ladvapi32",
                "-lkernel32",
            ]
        } else if cfg!(target_os = "macos") {
            &["-lpthread", "-lm"]
        } else {
            &["-lpthread", "-ldl", "-lm"]
        }
    }

    /// The variable the loader searches for the shared library.
    fn library_path_var(&self) -> &'static str {
        if self.cross() {
            "WINEPATH"
        } else if self.windows() {
            "PATH"
        } else if cfg!(target_os = "macos") {
            "DYLD_LIBRARY_PATH"
        } else {
            "LD_LIBRARY_PATH"
        }
    }
}

/// The directory holding the static library and the shared library the programs link to.
///
/// Cargo does not hand integration tests these paths (cargo issues #8311, #8193). When `cargo test` builds the
/// library as a dependency, its staticlib and cdylib are written next to this binary in `target/<profile>/deps`
/// and are not copied up to `target/<profile>` (which may hold stale ones from an earlier `cargo build`), so
/// `deps/` is the place to look. A Windows cross build names its directory in `MOCKMAPI_CTEST_LIBS`.
fn lib_dir(platform: &Platform) -> Result<PathBuf, String> {
    let dir = match std::env::var_os("MOCKMAPI_CTEST_LIBS") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ if platform.cross() => {
            return Err(
                "MOCKMAPI_CTEST_TARGET is set without MOCKMAPI_CTEST_LIBS: name the directory of the Windows \
                 build (e.g. target/x86_64-pc-windows-gnu/debug), as ci/windows.sh does"
                    .into(),
            )
        }
        _ => {
            let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
            exe.parent()
                .ok_or("the test binary has no parent directory")?
                .to_path_buf()
        }
    };
    for f in [platform.static_lib_name(), platform.shared_lib_name()] {
        if !dir.join(f).exists() {
            return Err(format!(
                "{} is missing: the C suite links against the staticlib and cdylib that `cargo test` builds next \
                 to its test binaries (crate-type = [\"cdylib\", \"staticlib\", \"rlib\"] in Cargo.toml). Run \
                 the suite with `cargo test`.",
                dir.join(f).display()
            ));
        }
    }
    Ok(dir)
}

/// Every `c-tests/*.c` and `*.cpp`, the README's quickstart (`examples/quickstart.c`), and every C/C++ snippet of
/// the READMEs: `(test name, source)`.
fn programs(out_dir: &Path) -> Vec<(String, PathBuf)> {
    let filter = std::env::var("MOCKMAPI_CTEST_FILTER").unwrap_or_default();
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("c-tests"))
        .expect("c-tests/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .chain(std::iter::once(root().join("examples/quickstart.c")))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("c" | "cpp")))
        .map(|p| (test_name(&p), p))
        .chain(readme_snippets(out_dir))
        .filter(|(name, _)| name.contains(&filter))
        .collect();
    v.sort();
    v
}

/// The READMEs whose C and C++ snippets must compile as written.
const READMES: [&str; 3] = ["README.md", "bindings/README.md", "bindings/cpp/README.md"];

/// Each ```` ```c ```` / ```` ```cpp ```` block of the READMEs, written to a file of its own as it stands in the
/// README, after directive lines: a snippet with `main` is built, linked and run like any program; one without
/// (declarations a reader copies into their own code) is compiled only. A snippet that includes `<windows.h>`,
/// `<mapix.h>` or the C++ helpers is compiled as SDK code, one that includes GoogleTest links it.
/// Test names: `README.md#2.cpp` (the second C/C++ snippet of README.md).
fn readme_snippets(out_dir: &Path) -> Vec<(String, PathBuf)> {
    let dir = out_dir.join("readme-snippets");
    std::fs::create_dir_all(&dir).expect("create the snippet directory");
    let mut v = Vec::new();
    for readme in READMES {
        let Ok(text) = std::fs::read_to_string(root().join(readme)) else {
            continue;
        };
        let mut n = 0;
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let ext = match line.trim_end() {
                "```c" => "c",
                "```cpp" | "```c++" => "cpp",
                _ => continue,
            };
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| l.trim_end() != "```")
                .collect();
            let body = body.join("\n") + "\n";
            n += 1;
            let mut directives = String::new();
            if [
                "<windows.h>",
                "<mapix.h>",
                "mockmapi.hpp",
                "mockmapi_gtest.hpp",
            ]
            .iter()
            .any(|h| body.contains(h))
            {
                directives.push_str("// mockmapi-ctest: sdk\n");
            }
            if body.contains("gtest") {
                directives.push_str("// mockmapi-ctest: gtest\n");
            }
            if !body.contains("main(") && !body.contains("TEST") {
                directives.push_str("// mockmapi-ctest: compile-only\n");
            }
            let name = format!("{readme}#{n}.{ext}");
            let file = dir.join(format!("{}.{ext}", name.replace(['/', '.', '#'], "_")));
            std::fs::write(&file, directives + &body).expect("write a README snippet");
            v.push((name, file));
        }
    }
    v
}

#[derive(Clone, Copy, Debug)]
enum Link {
    Static,
    Shared,
}

fn env_on(name: &str) -> bool {
    std::env::var(name)
        .map(|v| !v.is_empty() && v != "0")
        .unwrap_or(false)
}

/// The `// mockmapi-ctest:` directives of one program (see the module documentation).
#[derive(Default, Debug)]
struct Directives {
    sdk: bool,
    gtest: bool,
    sources: Vec<PathBuf>,
    flags: Vec<String>,
    fail_runs: Vec<Vec<String>>,
    fail_outputs: Vec<String>,
    compile_only: bool,
    native_registry: bool,
}

fn directives(src: &Path) -> Result<Directives, String> {
    let text =
        std::fs::read_to_string(src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    let mut d = Directives::default();
    for (n, line) in text.lines().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("// mockmapi-ctest:") else {
            continue;
        };
        let rest = rest.trim();
        let (word, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let arg = arg.trim();
        let words = || {
            arg.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        match word {
            "sdk" => d.sdk = true,
            "gtest" => d.gtest = true,
            "source" => d.sources.push(root().join("c-tests").join(arg)),
            "flags" => d.flags.extend(words()),
            "fail-run" => d.fail_runs.push(words()),
            "fail-output" => d.fail_outputs.push(arg.to_owned()),
            "compile-only" => d.compile_only = true,
            "native-registry" => d.native_registry = true,
            _ => {
                return Err(format!(
                    "{}:{}: unknown directive `{word}` (see tests/c_suite.rs)",
                    src.display(),
                    n + 1
                ))
            }
        }
    }
    Ok(d)
}

fn is_cxx(src: &Path) -> bool {
    src.extension().and_then(|e| e.to_str()) == Some("cpp")
}

fn compiler(cxx: bool, platform: &Platform) -> String {
    let prefix = platform.tool_prefix().unwrap_or_default();
    let (var, tool) = if cxx { ("CXX", "c++") } else { ("CC", "cc") };
    let tool = match (prefix.is_empty(), cxx) {
        (true, _) => tool.to_owned(),
        (false, true) => format!("{prefix}g++"),
        (false, false) => format!("{prefix}gcc"),
    };
    std::env::var(var).unwrap_or(tool)
}

/// `-fsanitize=address,undefined` under `MOCKMAPI_CTEST_SANITIZE`. UBSan's `vptr` check is left out: it looks
/// for C++ type information before each virtual call, and COM objects made in Rust or C (the runtime's
/// session, a C provider) called through the SDK headers' C++ classes have none (that is COM's binary
/// contract: only the vtable slots are shared). It would read garbage; every other check stays on.
fn sanitizer_flags() -> &'static [&'static str] {
    if env_on("MOCKMAPI_CTEST_SANITIZE") {
        &[
            "-fsanitize=address,undefined",
            "-fno-sanitize=vptr",
            "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer",
        ]
    } else {
        &[]
    }
}

fn exec(mut cmd: Command, what: &str, hint: &str) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {what}: {e} (install a C/C++ compiler or set CC/CXX)"))?;
    if !out.status.success() {
        return Err(format!(
            "{what} failed:\n{}{}{hint}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Compile one source file to an object.
fn compile(src: &Path, d: &Directives, obj: &Path, platform: &Platform) -> Result<(), String> {
    let cxx = is_cxx(src);
    let cc = compiler(cxx, platform);
    let mut cmd = Command::new(&cc);
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
        .args(sanitizer_flags());
    let include: Vec<PathBuf> = if d.sdk {
        vec![
            root().join("include/mockmapi/sdk"),
            root().join("bindings/cpp"),
            root().join("c-tests"),
        ]
    } else {
        vec![root().join("include"), root().join("c-tests")]
    };
    for dir in include {
        cmd.arg("-I").arg(dir);
    }
    // Lets a program find its fixtures (c-tests/fixtures, config/examples) from its temporary directory.
    cmd.arg(format!(
        "-DMOCKMAPI_SOURCE_DIR=\"{}\"",
        root().display().to_string().replace('\\', "/")
    ));
    cmd.args(&d.flags).arg("-c").arg(src).arg("-o").arg(obj);
    exec(cmd, &format!("{cc} on {}", src.display()), "")
}

/// The test name of a program: its file name, or its path from the repository root outside `c-tests/`.
fn test_name(src: &Path) -> String {
    let rel = src.strip_prefix(root()).unwrap_or(src);
    let rel = rel.strip_prefix("c-tests").unwrap_or(rel);
    rel.to_string_lossy().replace('\\', "/")
}

/// Compile a program's sources once; link the objects to the staticlib and to the cdylib (unless the program is
/// `compile-only`).
fn build(
    src: &Path,
    name: &str,
    d: &Directives,
    libs: &Path,
    out_dir: &Path,
    platform: &Platform,
) -> Result<Vec<(Link, PathBuf)>, String> {
    // The whole name: `x.c` and `x.cpp` are two programs, built concurrently.
    let tag = name.replace(['.', '/', '#'], "_").to_lowercase();
    let sources: Vec<&Path> = std::iter::once(src)
        .chain(d.sources.iter().map(PathBuf::as_path))
        .collect();
    let mut objects = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let obj = out_dir.join(format!("{tag}-{i}.o"));
        compile(s, d, &obj, platform)?;
        objects.push(obj);
    }
    if d.compile_only {
        return Ok(Vec::new());
    }
    let linker = compiler(sources.iter().any(|s| is_cxx(s)), platform);
    let hint = if d.gtest {
        "\n(this program uses GoogleTest: install it, e.g. `apt-get install libgtest-dev`)"
    } else {
        ""
    };
    let mut exes = Vec::new();
    for link in [Link::Static, Link::Shared] {
        let exe = out_dir.join(format!("{tag}-{link:?}").to_lowercase());
        let exe = if platform.windows() {
            exe.with_extension("exe")
        } else {
            exe
        };
        let mut cmd = Command::new(&linker);
        cmd.arg("-pthread")
            .args(sanitizer_flags())
            .args(&objects)
            .arg("-o")
            .arg(&exe);
        if d.gtest {
            cmd.args(["-lgtest_main", "-lgtest"]);
        }
        match link {
            Link::Static => {
                cmd.arg(libs.join(platform.static_lib_name()))
                    .args(platform.static_system_libs());
            }
            Link::Shared => {
                // On Windows `-lmockmapi` finds the import library, libmockmapi.dll.a, before libmockmapi.a.
                cmd.arg("-L").arg(libs).arg("-lmockmapi");
                if !platform.windows() {
                    cmd.arg(format!("-Wl,-rpath,{}", libs.display()));
                }
            }
        }
        if platform.windows() {
            // No libgcc/libstdc++ DLLs to find at run time.
            cmd.args(["-static-libgcc", "-static-libstdc++"]);
        }
        exec(cmd, &format!("{linker} linking {}", exe.display()), hint)?;
        exes.push((link, exe));
    }
    Ok(exes)
}

/// Run a program (with `args`) to completion; its exit status (None: killed by the hang guard) and output.
fn run(
    exe: &Path,
    args: &[String],
    run_tag: &str,
    ctx: (&Path, &Directives),
    platform: &Platform,
) -> Result<(Option<std::process::ExitStatus>, String), String> {
    let first = run_once(exe, args, run_tag, ctx, platform)?;
    // Wine, on a loaded machine, now and then fails to start a program at all (its `start` says so, before the
    // program runs a line): that is not the program's result, so it is started once more.
    if platform.cross() && first.1.contains("Application could not be started") {
        return run_once(exe, args, run_tag, ctx, platform);
    }
    Ok(first)
}

fn run_once(
    exe: &Path,
    args: &[String],
    run_tag: &str,
    (libs, d): (&Path, &Directives),
    platform: &Platform,
) -> Result<(Option<std::process::ExitStatus>, String), String> {
    let mut cmd = if platform.cross() {
        let runner = std::env::var("MOCKMAPI_CTEST_RUNNER").unwrap_or_else(|_| "wine".into());
        let mut c = Command::new(runner);
        c.arg(exe);
        c
    } else if env_on("MOCKMAPI_CTEST_VALGRIND") {
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
    cmd.args(args);
    // `cargo test` puts target/<profile> and its deps/ on the library path, ahead of the rpath: name the
    // directory this program was linked against first, so that the cdylib it runs with is that one.
    // (Windows: PATH; under Wine: WINEPATH, whose `;`-separated entries may be Unix paths.)
    let var = platform.library_path_var();
    if platform.cross() {
        let mut v = std::ffi::OsString::from(libs);
        if let Some(old) = std::env::var_os(var).filter(|o| !o.is_empty()) {
            v.push(";");
            v.push(old);
        }
        cmd.env(var, v);
    } else {
        let mut paths = vec![libs.to_path_buf()];
        paths.extend(std::env::split_paths(
            &std::env::var_os(var).unwrap_or_default(),
        ));
        cmd.env(var, std::env::join_paths(paths).map_err(|e| e.to_string())?);
    }
    let dir = std::env::temp_dir().join(format!(
        "mockmapi-ctest-{}{run_tag}",
        exe.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    cmd.env_remove("MOCKMAPI_REGISTRY");
    if platform.windows() && !d.native_registry {
        let hive = dir.join("empty-hive.yaml");
        std::fs::write(&hive, "{}\n").map_err(|e| e.to_string())?;
        cmd.env("MOCKMAPI_REGISTRY", &hive);
    }
    let stdout_path = dir.join("stdout");
    let stdout = std::fs::File::create(&stdout_path).map_err(|e| e.to_string())?;
    let stderr = stdout.try_clone().map_err(|e| e.to_string())?;
    let mut child = cmd
        .current_dir(&dir)
        .env("MOCKMAPI_CTEST_TMPDIR", &dir)
        .env_remove("MOCKMAPI_LOG")
        // The configuration is whatever each program sets up, never the caller's.
        .env_remove("MOCKMAPI_CONFIG")
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
    Ok((status, output))
}

/// The normal run must succeed; then every `fail-run` must fail by itself and say what `fail-output` asks.
fn run_all(exe: &Path, d: &Directives, libs: &Path, platform: &Platform) -> Result<(), String> {
    match run(exe, &[], "", (libs, d), platform)? {
        (Some(s), _) if s.success() => {}
        (Some(s), output) => return Err(format!("exited with {s}\n{output}")),
        (None, output) => {
            return Err(format!(
                "still running after {RUN_LIMIT:?}: killed\n{output}"
            ))
        }
    }
    for (i, args) in d.fail_runs.iter().enumerate() {
        let (status, output) = run(exe, args, &format!("-fail{i}"), (libs, d), platform)?;
        let what = format!("the run with {args:?}, which must fail");
        let code = status.and_then(|s| s.code());
        if env_on("MOCKMAPI_CTEST_VALGRIND") && code == Some(99) {
            return Err(format!("{what}, failed with a valgrind report\n{output}"));
        }
        if !matches!(code, Some(1..=125)) {
            return Err(format!(
                "{what}, ended with {status:?} instead of a failure exit\n{output}"
            ));
        }
        for report in [
            "ERROR: AddressSanitizer",
            "ERROR: LeakSanitizer",
            "runtime error:",
        ] {
            if output.contains(report) {
                return Err(format!("{what}, failed with a sanitizer report\n{output}"));
            }
        }
        for text in &d.fail_outputs {
            if !output.contains(text.as_str()) {
                return Err(format!(
                    "{what}, failed without printing {text:?}\n{output}"
                ));
            }
        }
    }
    Ok(())
}

/// One program, end to end: build it, run it linked to each library, report the last lines of a failure.
fn check_program(
    src: &Path,
    name: &str,
    libs: &Result<PathBuf, String>,
    out_dir: &Path,
    platform: &Platform,
) -> Result<(), String> {
    let libs = libs.as_ref().map_err(Clone::clone)?;
    let d = directives(src)?;
    for (link, exe) in build(src, name, &d, libs, out_dir, platform)? {
        run_all(&exe, &d, libs, platform).map_err(|report| {
            let lines: Vec<&str> = report.lines().collect();
            let tail = &lines[lines.len().saturating_sub(80)..];
            let link = format!("{link:?}").to_lowercase();
            format!("linked to the {link} library:\n{}", tail.join("\n"))
        })?;
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let platform = Arc::new(Platform::get());
    let libs = Arc::new(lib_dir(&platform));
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(match &*platform {
        Platform::Windows { triple } if platform.cross() => format!("c-tests-{triple}"),
        _ => "c-tests".into(),
    });
    std::fs::create_dir_all(&out_dir).expect("create the C suite's build directory");
    let out_dir = Arc::new(out_dir);
    let progs = programs(&out_dir);
    assert!(!progs.is_empty(), "no C test programs found in c-tests/");
    let trials = progs
        .into_iter()
        .map(|(name, src)| {
            let (libs, out_dir, platform) = (
                Arc::clone(&libs),
                Arc::clone(&out_dir),
                Arc::clone(&platform),
            );
            // On Windows the SDK-compatible headers stand aside for the real SDK's, and Debian has no GoogleTest
            // for mingw-w64: those programs are listed as ignored there, not dropped.
            let unavailable =
                platform.windows() && directives(&src).is_ok_and(|d| d.sdk || d.gtest);
            Trial::test(name.clone(), move || {
                check_program(&src, &name, &libs, &out_dir, &platform).map_err(Failed::from)
            })
            .with_ignored_flag(unavailable)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
