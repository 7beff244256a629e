//! Build provider libraries for tests: `c-tests/providers/test_provider.c` (once per variant) and the
//! example providers of `examples/providers/` (once per name).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The library built with `define` (`None`: the correct provider).
/// A provider library resolves the MAPI symbols it uses (`IID_*`, `MAPIAllocateBuffer`) against the program
/// that loads it. ELF linkers leave undefined symbols of a shared library for load time; macOS's linker refuses
/// them unless told to look them up when the library is loaded.
const MACOS_HOST_SYMBOLS: &[&str] = if cfg!(target_os = "macos") {
    &["-undefined", "dynamic_lookup"]
} else {
    &[]
};

pub fn test_provider(define: Option<&str>) -> PathBuf {
    static BUILT: Mutex<Option<HashMap<String, PathBuf>>> = Mutex::new(None);
    let key = define.unwrap_or("OK").to_owned();
    let mut built = BUILT.lock().unwrap();
    if let Some(p) = built.get_or_insert_with(HashMap::new).get(&key) {
        return p.clone();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("libtest_provider_{}.so", key.to_lowercase()));
    let mut cmd = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()));
    cmd.args([
        "-std=c11", "-shared", "-fPIC", "-Wall", "-Wextra", "-Werror", "-I",
    ])
    .arg(root.join("include"))
    .args(MACOS_HOST_SYMBOLS);
    if let Some(d) = define {
        cmd.arg(format!("-D{d}"));
    }
    let status = cmd
        .arg(root.join("c-tests/providers/test_provider.c"))
        .arg("-o")
        .arg(&out)
        .status()
        .expect("a C compiler (cc) to build the test provider library");
    assert!(
        status.success(),
        "building the test provider library ({key}) failed"
    );
    built
        .get_or_insert_with(HashMap::new)
        .insert(key, out.clone());
    out
}

/// `examples/providers/<name>.c` (C11, `cc`) or `<name>.cpp` (C++17, `c++`) built as a shared library against
/// the SDK-compatible headers, once per name, with every warning an error: the example providers must stay
/// clean.
pub fn example_provider(name: &str) -> PathBuf {
    static BUILT: Mutex<Option<HashMap<String, PathBuf>>> = Mutex::new(None);
    let mut built = BUILT.lock().unwrap();
    if let Some(p) = built.get_or_insert_with(HashMap::new).get(name) {
        return p.clone();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c_src = root.join("examples/providers").join(format!("{name}.c"));
    let (src, compiler, std) = if c_src.exists() {
        (
            c_src,
            std::env::var("CC").unwrap_or_else(|_| "cc".into()),
            "-std=c11",
        )
    } else {
        (
            root.join("examples/providers").join(format!("{name}.cpp")),
            std::env::var("CXX").unwrap_or_else(|_| "c++".into()),
            "-std=c++17",
        )
    };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("libexample_{name}.so"));
    let output = Command::new(&compiler)
        .args([
            std,
            "-shared",
            "-fPIC",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-pthread",
            "-I",
        ])
        .arg(root.join("include/mockmapi/sdk"))
        .args(MACOS_HOST_SYMBOLS)
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("a compiler ({compiler}) to build {}: {e}", src.display()));
    assert!(
        output.status.success(),
        "building {} failed:\n{}",
        src.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    built
        .get_or_insert_with(HashMap::new)
        .insert(name.to_owned(), out.clone());
    out
}
