//! Provider libraries loaded by tests and by the `mockmapi` command resolve MAPI symbols (`IID_*`,
//! `MAPIAllocateBuffer`, ...) against the host executable, as they would against the MAPI subsystem: export
//! the executables' symbols to `dlopen`ed libraries.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if matches!(
        os.as_str(),
        "linux" | "macos" | "freebsd" | "netbsd" | "openbsd"
    ) {
        println!("cargo:rustc-link-arg-tests=-rdynamic");
        println!("cargo:rustc-link-arg-bins=-rdynamic");
        println!("cargo:rustc-link-arg-examples=-rdynamic");
    }
}
