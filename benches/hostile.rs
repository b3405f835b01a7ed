//! Adversarial inputs at 1, 2, 4 and 8 MB (issue 7): time must grow linearly with size.
//!
//! `cargo bench --bench hostile` times `check` (analysis, core rules, suppression, line and
//! column of every finding) over a run of quote marks (plain text), nested `<p>` tags (HTML) and
//! nested block quotes (Markdown) and one source repeated in every sentence ("Officials said
//! ..."), then `diff` of two versions dense with edited quotes and attributions, and prints the
//! ratio of each size's time to the 1 MB time (linear is 2, 4, 8).
//! `hostile_more` adds the default human output over a one-line article (a window per finding)
//! and hedges checked against many attributions (`unless: attributed`).
//! `cargo bench --bench hostile -- --test` runs each once at 1 MB.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use attrib::check::check_text;
use attrib::input::Format;
use attrib::rules::{RuleSet, bundled_pack};

const MB: usize = 1024 * 1024;

/// `unit` repeated to `size` bytes (or just under).
fn fill(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len())
}

fn quote_marks(size: usize) -> String {
    fill("\"“”‘’'«»„ ", size)
}

fn nested_p(size: usize) -> String {
    let n = size / 8;
    format!(
        "<body>{}“It holds,” she said.{}</body>",
        "<p>".repeat(n),
        "</p>".repeat(n)
    )
}

fn nested_blockquotes(size: usize) -> String {
    // Lines of 1,000 nested markers with a quote each: deep, and many of them.
    fill(
        &format!("{}“It holds,” she said.\n\n", "> ".repeat(1000)),
        size,
    )
}

fn repeated_source(size: usize) -> String {
    numbered(size, |i| {
        format!("Officials said the plan {i} would work. ")
    })
}

/// Numbered units up to `size` bytes: every sentence different, so nothing pairs trivially.
fn numbered(size: usize, unit: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(size + 64);
    let mut i = 0;
    while out.len() < size {
        out.push_str(&unit(i));
        i += 1;
    }
    out
}

/// Two versions where every quote and attribution was edited: nothing pairs exactly, so every
/// item goes through near matching (which once compared every item with every other).
fn edited_versions(size: usize) -> (String, String) {
    let old = numbered(size, |i| {
        format!("\"Item {i} is ready,\" she said. Officials said plan {i} would work. ")
    });
    let new = numbered(size, |i| {
        format!("\"Item {i} is nearly ready,\" he said. Officials said plan {i} would fail. ")
    });
    (old, new)
}

/// One quote the size of the story in each version, every word different: Myers' word diff is
/// quadratic on it unless bounded.
fn long_quote_versions(size: usize) -> (String, String) {
    let quote = |w: &str| {
        format!(
            "\"{}\" she said.",
            numbered(size, |i| format!("{w}{} ", i % 7))
        )
    };
    (quote("a"), quote("b"))
}

type Input = (&'static str, Format, fn(usize) -> String);

const INPUTS: [Input; 4] = [
    ("quote-marks", Format::Text, quote_marks),
    ("nested-p", Format::Html, nested_p),
    ("nested-blockquotes", Format::Markdown, nested_blockquotes),
    ("repeated-source", Format::Text, repeated_source),
];

/// The best of three passes per size, outside criterion, printing each time and its ratio to
/// the 1 MB time (one pass at 1 MB takes tens of milliseconds, where a single shot's noise
/// alone moved the 8 MB ratio between 10 and 14).
fn scaling_line<T>(name: &str, sizes: &[usize], make: impl Fn(usize) -> T, run: impl Fn(T)) {
    let mut base = None;
    let mut line = format!("{name}:");
    for &mb in sizes {
        let s = (0..3)
            .map(|_| {
                let input = make(mb * MB);
                let t = Instant::now();
                run(input);
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        let b = *base.get_or_insert(s);
        line.push_str(&format!(" {mb} MB {s:.3}s (x{:.2})", s / b));
    }
    eprintln!("{line}");
}

fn hostile(c: &mut Criterion) {
    let rules = RuleSet {
        rules: bundled_pack("core").expect("core pack"),
    };
    let test_mode = std::env::args().any(|a| a == "--test");
    let sizes: &[usize] = if test_mode { &[1] } else { &[1, 2, 4, 8] };
    for (name, format, make) in INPUTS {
        if !test_mode {
            scaling_line(name, sizes, make, |text| {
                black_box(check_text(&rules, text, format));
            });
        }
        text_group(c, name, sizes, make, &|t| {
            black_box(check_text(&rules, t, format));
        });
    }
    let diff = |(old, new): (String, String)| {
        attrib::diff::diff_texts(old, Format::Text, new, Format::Text)
    };
    type Pair = (&'static str, fn(usize) -> (String, String));
    let pairs: [Pair; 2] = [
        ("diff-edited", edited_versions),
        ("diff-long-quote", long_quote_versions),
    ];
    for (name, make) in pairs {
        if !test_mode {
            scaling_line(name, sizes, make, |pair| {
                black_box(diff(pair));
            });
        }
        let mut group = c.benchmark_group(format!("hostile/{name}"));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(10));
        for &mb in sizes {
            let pair = make(mb * MB);
            group.throughput(Throughput::Bytes((pair.0.len() + pair.1.len()) as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{mb}MB")),
                &pair,
                |b, p| b.iter(|| black_box(diff(p.clone()))),
            );
        }
        group.finish();
    }
}

/// `"Yes," said Bob. It appears to work.` repeated: every hedge is checked against the
/// attributions (`unless: attributed`), which once scanned every cue per hedge (8 MB: 24 s).
fn attributed_hedges(size: usize) -> String {
    fill("\"Yes,\" said Bob. It appears to work. ", size)
}

/// The same on one line, rendered as the default human output does (a window per finding).
fn human_long_line(size: usize) -> String {
    attributed_hedges(size)
}

/// The scaling cases of issue 17 that time more than `check_text`: human rendering, and the
/// hedge/attribution lookup.
fn hostile_more(c: &mut Criterion) {
    let rules = RuleSet {
        rules: bundled_pack("core").expect("core pack"),
    };
    let test_mode = std::env::args().any(|a| a == "--test");
    let sizes: &[usize] = if test_mode { &[1] } else { &[1, 2, 4, 8] };
    let check = |text: String| black_box(check_text(&rules, text, Format::Text));
    // Every bundled pack: the strict pack's `credited` sources once scanned every quote and
    // claim of the story for each unnamed source (8 MB of "Officials said ...": 266 s).
    let all = attrib::check::bundled_rules().expect("bundled packs");
    let all_packs = |text: String| black_box(check_text(&all, text, Format::Text));
    let human = |text: String| {
        let findings = check_text(&rules, text.clone(), Format::Text);
        black_box(attrib::check::human_file(
            "long.txt", &text, &findings, false,
        ));
    };
    type Case<'a> = (&'static str, fn(usize) -> String, &'a dyn Fn(String));
    let cases: [Case; 3] = [
        ("attributed-hedges", attributed_hedges, &|t| {
            check(t);
        }),
        ("human-long-line", human_long_line, &human),
        ("repeated-source-all-packs", repeated_source, &|t| {
            all_packs(t);
        }),
    ];
    for (name, make, run) in cases {
        if !test_mode {
            scaling_line(name, sizes, make, run);
        }
        text_group(c, name, sizes, make, run);
    }
}

/// One criterion group timing `run` over `make`'s text at each size.
fn text_group(
    c: &mut Criterion,
    name: &str,
    sizes: &[usize],
    make: fn(usize) -> String,
    run: &dyn Fn(String),
) {
    let mut group = c.benchmark_group(format!("hostile/{name}"));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for &mb in sizes {
        let text = make(mb * MB);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| run(t.clone())),
        );
    }
    group.finish();
}

criterion_group!(benches, hostile, hostile_more);
criterion_main!(benches);
