//! `cargo run --example quickstart`: builds `examples/quickstart.c` (the README's C quickstart) against the
//! library this command just built, runs it on the shipped defaults, and passes its exit code on.

use std::path::{Path, PathBuf};
use std::process::{exit, Command};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // target/<profile>/examples/quickstart → target/<profile>
    let exe = std::env::current_exe().expect("current_exe");
    let profile_dir: PathBuf = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>")
        .to_path_buf();
    // Built as a dependency of this example, the staticlib is in `deps/` (cargo copies it up to the profile
    // directory only for `cargo build`, so a copy there may be stale).
    let name = if cfg!(windows) {
        "mockmapi.lib"
    } else {
        "libmockmapi.a"
    };
    let lib = [profile_dir.join("deps").join(name), profile_dir.join(name)]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| profile_dir.join("deps").join(name));
    if !lib.exists() {
        eprintln!(
            "quickstart: {} is missing; build the library with `cargo build` and try again",
            lib.display()
        );
        exit(2);
    }
    let out = profile_dir.join("examples").join("quickstart-c");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let mut build = Command::new(&cc);
    build
        .args(["-std=c11", "-Wall", "-Wextra", "-pedantic", "-I"])
        .arg(root.join("include"));
    build
        .arg(root.join("examples/quickstart.c"))
        .arg("-o")
        .arg(&out)
        .arg(&lib);
    if !cfg!(windows) {
        build.args(["-lpthread", "-ldl", "-lm"]);
    }
    match build.status() {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("quickstart: {cc} failed ({s}) compiling examples/quickstart.c");
            exit(2);
        }
        Err(e) => {
            eprintln!("quickstart: cannot run the C compiler '{cc}': {e}. Install gcc or clang, or set CC.");
            exit(2);
        }
    }
    let status = Command::new(&out).status().unwrap_or_else(|e| {
        eprintln!("quickstart: cannot run {}: {e}", out.display());
        exit(2)
    });
    exit(status.code().unwrap_or(1));
}
