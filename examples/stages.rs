//! Time each pipeline stage over a folder of plain-text articles (a profiling aid, not a test):
//! `cargo run --release --example stages -- DIR [ROUNDS]`.
use attrib::document::Document;
use attrib::input::Format;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: stages DIR [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("ROUNDS is a number"));
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).expect("a readable folder") {
        let p = e.expect("an entry").path();
        if let Ok(t) = std::fs::read_to_string(&p) {
            texts.push(t);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = attrib::check::bundled_rules().expect("bundled rules load");
    // Warm the lexicons.
    let _ = attrib::analysis::analyze(Document::new(texts[0].clone(), Format::Text));
    let mut t = [0f64; 6];
    for _ in 0..rounds {
        for text in &texts {
            let s = Instant::now();
            let doc = Document::new(text.clone(), Format::Text);
            t[0] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let l = attrib::layout::layout(&doc);
            std::hint::black_box(&l);
            t[1] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let q = attrib::quotes::scan(&doc);
            std::hint::black_box(&q);
            t[2] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let w = attrib::lexicon::scan_words(&doc.text, 0, Some(attrib::attribution::classes()));
            std::hint::black_box(&w);
            t[5] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let a = attrib::analysis::analyze(doc);
            t[3] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let f = rules.check(&a);
            std::hint::black_box(&f);
            t[4] += s.elapsed().as_secs_f64();
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    for (name, secs) in [
        "document",
        "layout",
        "quotes::scan",
        "analyze (all)",
        "rules",
        "(word scan)",
    ]
    .iter()
    .zip(t)
    {
        println!("{name:>14}: {:7.1} ms  {:8.1} MB/s", secs * 1e3, mb / secs);
    }
}
