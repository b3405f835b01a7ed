//! Writes a bitmap of the Basic Multilingual Plane's letters and digits
//! (`char::is_alphanumeric`, one bit per code point, 8 KB) for `lexicon::is_word_char`: word
//! splitting asks it for every non-ASCII character, and the standard library's table search
//! costs hundreds of instructions for scripts such as Devanagari.

use std::path::PathBuf;

fn main() {
    let mut bits = vec![0u8; 0x10000 / 8];
    for cp in 0..0x10000u32 {
        if char::from_u32(cp).is_some_and(char::is_alphanumeric) {
            bits[(cp / 8) as usize] |= 1 << (cp % 8);
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("bmp_alphanumeric.bin"), bits).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}
