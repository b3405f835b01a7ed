//! The `attrib` binary: the command line is [`attrib::cli::main`]; this file picks the
//! allocator and turns its status into the process's exit code.

use std::process::ExitCode;

/// mimalloc for the binary (the library leaves the choice to its users): a folder run makes
/// many small, short-lived allocations per file on every worker, and mimalloc serves them with
/// less CPU than glibc's malloc or jemalloc (BENCHMARKS.md). Not on MSVC or OpenBSD, as
/// jemalloc was not.
#[cfg(all(not(target_env = "msvc"), not(target_os = "openbsd")))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(attrib::cli::main(std::env::args_os()).0)
}
