//! Build settings for spm's programs: how they are linked, nothing about what they do.

use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    // Set when the unwinder is linked in, for the test that checks it stays so.
    println!("cargo::rustc-check-cfg=cfg(static_unwinder)");
    static_unwinder();
}

/// On Linux with glibc, links the unwinder Rust's panics use (gcc's `libgcc_eh.a`) into the
/// program, so that it no longer loads `libgcc_s.so` at every start: loading that library and
/// running its start-up code (which asks the CPU what it supports, slow under a hypervisor)
/// was about a tenth of the time `spm review due` takes on an empty database. Panics unwind,
/// run destructors and print backtraces as before. Nothing changes where the C compiler that
/// links has no `libgcc_eh.a`, for another target, or for a fully static build.
fn static_unwinder() {
    let var = |name: &str| env::var(name).unwrap_or_default();
    let static_build = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|feature| feature == "crt-static");
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" || static_build
    {
        return;
    }
    // The linker is the C compiler ("cc" unless one is configured); when building for another
    // machine, only a configured one knows where that machine's libgcc_eh.a is.
    let linker = match env::var("RUSTC_LINKER") {
        Ok(linker) => linker,
        Err(_) if var("HOST") == var("TARGET") => "cc".to_string(),
        Err(_) => return,
    };
    let Ok(out) = Command::new(linker)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    // The compiler prints the file's full path when it has it, else the bare name.
    let found = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && Path::new(&found).is_absolute() && Path::new(&found).is_file() {
        // -bundle: the linker takes it from the compiler's own folders, after spm's code
        // (which needs the unwinder), so libgcc_s.so is left with nothing to give.
        println!("cargo::rustc-link-lib=static:-bundle=gcc_eh");
        println!("cargo::rustc-cfg=static_unwinder");
    }
}
