//! The `attrib` binary: the command line is [`attrib::cli::main`]; this file picks the
//! allocator and turns its status into the process's exit code.

use std::process::ExitCode;

/// jemalloc for the binary with `--features jemalloc` (benchmarks and releases; the library
/// leaves the choice to its users): a folder run makes many small, short-lived allocations per
/// file on every worker, and jemalloc serves them with about 4 % less CPU than glibc's malloc
/// (BENCHMARKS.md). Not on MSVC or OpenBSD, where it does not build.
#[cfg(all(
    feature = "jemalloc",
    not(target_env = "msvc"),
    not(target_os = "openbsd")
))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    ExitCode::from(attrib::cli::main(std::env::args_os()).0)
}
