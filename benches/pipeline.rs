//! Micro-benchmarks of each pipeline stage on the repository's fixtures (issue 6).
//!
//! `cargo bench --bench pipeline` times them; `cargo bench --bench pipeline -- --test` (what CI
//! runs) executes every benchmark once, untimed, so they never rot. Corpus-scale figures (MB/s,
//! RSS, start-up, ratio to grep) come from `bench/corpus.sh`; see BENCHMARKS.md.
//!
//! Stages: document model, quote scan, whole analysis (document + quotes + attribution +
//! classification), rule evaluation (core pack, with inline suppression), JSON reports, diff, and
//! the editor-plugin latency case: one ~5 KB article analysed and checked in-process.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

use attrib::analysis::Analysis;
use attrib::check::{self, Report};
use attrib::document::Document;
use attrib::input::Format;
use attrib::report::quotes as rq;
use attrib::rules::{self, RuleSet};

/// One fixture: its name, format and text.
struct Fixture {
    name: String,
    format: Format,
    text: String,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every article fixture (`fixtures/*.txt|md|html`), sorted by name.
fn fixtures() -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/ is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("txt" | "md" | "html")
                )
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| Fixture {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            format: Format::from_path(&p),
            text: std::fs::read_to_string(&p).expect("fixture is UTF-8"),
        })
        .collect()
}

fn of_format(all: &[Fixture], format: Format) -> Vec<&Fixture> {
    all.iter().filter(|f| f.format == format).collect()
}

fn bytes(fs: &[&Fixture]) -> u64 {
    fs.iter().map(|f| f.text.len() as u64).sum()
}

/// The core pack, as `attrib check` loads it by default.
fn core_rules() -> RuleSet {
    let mut set = RuleSet::default();
    set.rules
        .extend(rules::bundled_pack("core").expect("core pack compiles"));
    set
}

/// A ~5 KB plain-text article: whole plain-text fixtures (paragraphs kept intact) appended
/// until the text reaches 5,000 bytes.
fn article_5kb(all: &[Fixture]) -> String {
    article_of(all, 5_000)
}

/// [`article_5kb`] for any size: whole paragraphs until the text reaches `size` bytes.
fn article_of(all: &[Fixture], size: usize) -> String {
    let mut out = String::new();
    for f in of_format(all, Format::Text) {
        if out.len() >= size {
            break;
        }
        for para in f.text.split("\n\n") {
            if out.len() >= size {
                break;
            }
            out.push_str(para.trim_end());
            out.push_str("\n\n");
        }
    }
    out
}

/// A bigger text (~`target` bytes) made of every plain-text fixture repeated, and a second
/// version with one word changed in every quote-bearing paragraph that holds "said", so the
/// diff has real work to do.
fn versions(all: &[Fixture], target: usize) -> (String, String) {
    let mut old = String::new();
    let texts = of_format(all, Format::Text);
    'fill: loop {
        for f in &texts {
            old.push_str(&f.text);
            old.push_str("\n\n");
            if old.len() >= target {
                break 'fill;
            }
        }
    }
    let new = old
        .split("\n\n")
        .enumerate()
        .map(|(i, p)| {
            if i % 7 == 3 {
                p.replacen(" said", " stated", 1)
            } else {
                p.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    (old, new)
}

fn stages(c: &mut Criterion) {
    let all = fixtures();

    // Document model, one group per input format (pulldown-cmark and html5gum behind md/html).
    {
        let mut g = c.benchmark_group("document");
        for (label, format) in [
            ("txt", Format::Text),
            ("md", Format::Markdown),
            ("html", Format::Html),
        ] {
            let fs = of_format(&all, format);
            if fs.is_empty() {
                continue;
            }
            g.throughput(Throughput::Bytes(bytes(&fs)));
            g.bench_function(label, |b| {
                b.iter_batched(
                    || fs.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
                    |texts| {
                        for (t, f) in texts.into_iter().zip(&fs) {
                            black_box(Document::new(t, f.format));
                        }
                    },
                    BatchSize::SmallInput,
                )
            });
        }
        g.finish();
    }

    let every: Vec<&Fixture> = all.iter().collect();
    let total = bytes(&every);
    let docs: Vec<Document> = all
        .iter()
        .map(|f| Document::new(f.text.clone(), f.format))
        .collect();

    // Quote grammar over prebuilt documents.
    {
        let mut g = c.benchmark_group("quotes");
        g.throughput(Throughput::Bytes(total));
        g.bench_function("scan", |b| {
            b.iter(|| {
                for d in &docs {
                    black_box(attrib::quotes::scan(d));
                }
            })
        });
        g.finish();
    }

    // Whole analysis (document, quotes, attribution, sources/classification, sentences).
    {
        let mut g = c.benchmark_group("analysis");
        g.throughput(Throughput::Bytes(total));
        g.bench_function("new/all-fixtures", |b| {
            b.iter_batched(
                || all.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
                |texts| {
                    for (t, f) in texts.into_iter().zip(&all) {
                        black_box(Analysis::new(t, f.format));
                    }
                },
                BatchSize::SmallInput,
            )
        });
        // Analysis given the document: attribution + classification without the markup parse.
        g.bench_function("analyze/from-document", |b| {
            b.iter_batched(
                || docs.clone(),
                |ds| {
                    for d in ds {
                        black_box(attrib::analysis::analyze(d));
                    }
                },
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }

    let rules = core_rules();
    let analyses: Vec<Analysis> = all
        .iter()
        .map(|f| Analysis::new(f.text.clone(), f.format))
        .collect();

    // Rule evaluation: the core pack over prebuilt analyses, with inline suppression.
    {
        let mut g = c.benchmark_group("rules");
        g.throughput(Throughput::Bytes(total));
        g.bench_function("check/core", |b| {
            b.iter(|| {
                for a in &analyses {
                    black_box(check::check_analysis(&rules, a));
                }
            })
        });
        // Compiling the bundled pack (part of every process start).
        g.throughput(Throughput::Elements(1));
        g.bench_function("compile/core", |b| {
            b.iter(|| black_box(rules::bundled_pack("core").unwrap()))
        });
        g.finish();
    }

    // Reports: `check --format json` and `quotes --format json` for every fixture.
    {
        let findings: Vec<_> = analyses
            .iter()
            .map(|a| check::check_analysis(&rules, a))
            .collect();
        let mut g = c.benchmark_group("report");
        g.throughput(Throughput::Bytes(total));
        g.bench_function("check-json", |b| {
            b.iter_batched(
                || findings.clone(),
                |fs| {
                    let mut r = Report::default();
                    for (f, found) in all.iter().zip(fs) {
                        r.push_file(&f.name, found);
                    }
                    r.finish();
                    black_box(r.json())
                },
                BatchSize::SmallInput,
            )
        });
        g.bench_function("quotes-json", |b| {
            b.iter(|| {
                let files: Vec<_> = all
                    .iter()
                    .zip(&analyses)
                    .map(|(f, a)| rq::file_quotes(&f.name, a))
                    .collect();
                black_box(serde_json::to_string_pretty(&rq::QuotesJson { files: &files }).unwrap())
            })
        });
        g.finish();
    }

    // Diff: the bundled version pairs (prebuilt analyses), and two ~64 KB versions end to end.
    {
        let dir = fixtures_dir().join("diff");
        let mut pairs = Vec::new();
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("fixtures/diff is readable")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with("-v1.txt"))
            .collect();
        names.sort();
        for v1 in names {
            let v2 = PathBuf::from(v1.to_string_lossy().replace("-v1.txt", "-v2.txt"));
            let (Ok(a), Ok(b)) = (std::fs::read_to_string(&v1), std::fs::read_to_string(&v2))
            else {
                continue;
            };
            pairs.push((
                Analysis::new(a, Format::Text),
                Analysis::new(b, Format::Text),
            ));
        }
        let mut g = c.benchmark_group("diff");
        g.bench_function("fixture-pairs", |b| {
            b.iter(|| {
                for (old, new) in &pairs {
                    black_box(attrib::diff::diff(old, new));
                }
            })
        });
        let (old, new) = versions(&all, 64 * 1024);
        let (ao, an) = (
            Analysis::new(old.clone(), Format::Text),
            Analysis::new(new.clone(), Format::Text),
        );
        g.throughput(Throughput::Bytes((old.len() + new.len()) as u64));
        g.bench_function("64k/diff-only", |b| {
            b.iter(|| black_box(attrib::diff::diff(&ao, &an)))
        });
        g.bench_function("64k/texts", |b| {
            b.iter_batched(
                || (old.clone(), new.clone()),
                |(o, n)| black_box(attrib::diff::diff_texts(o, Format::Text, n, Format::Text)),
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }

    // The editor-plugin latency: one ~5 KB article analysed and checked (target < 0.2 ms).
    {
        let article = article_5kb(&all);
        let mut g = c.benchmark_group("article-5kb");
        g.throughput(Throughput::Bytes(article.len() as u64));
        g.bench_function("analyse+check", |b| {
            b.iter_batched(
                || article.clone(),
                |t| black_box(check::check_text(&rules, t, Format::Text)),
                BatchSize::SmallInput,
            )
        });
        g.bench_function("analyse", |b| {
            b.iter_batched(
                || article.clone(),
                |t| black_box(Analysis::new(t, Format::Text)),
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }

    // The language server: one keystroke in a 20 KB story (an incremental didChange) to the
    // diagnostics it publishes (issue 15's bar: 50 ms). Keystrokes alternate an insertion and
    // its deletion, so every iteration checks the same story.
    {
        use lsp_server::Notification;
        let story = article_of(&all, 20_000);
        let uri = lsp_types::Url::parse("file:///attrib-bench/story.txt").expect("a URI");
        let mut session = attrib::server::Session::default();
        session.open(uri.clone(), story.clone(), 1);
        let mut version = 1;
        let mut g = c.benchmark_group("server-20kb");
        g.throughput(Throughput::Bytes(story.len() as u64));
        g.bench_function("keystroke-to-diagnostics", |b| {
            b.iter(|| {
                version += 1;
                let (end, text) = if version % 2 == 0 { (0, "x") } else { (1, "") };
                let change = serde_json::json!({
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{
                        "range": {"start": {"line": 0, "character": 0},
                                  "end": {"line": 0, "character": end}},
                        "text": text
                    }]
                });
                black_box(
                    session
                        .notification(Notification::new("textDocument/didChange".into(), change)),
                )
            })
        });
        g.finish();
    }
}

fn configured() -> Criterion {
    // Short windows: the suite runs in about a minute on 2 cores; pass `--measurement-time`
    // and `--sample-size` on the command line for steadier figures.
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = configured();
    targets = stages
}
criterion_main!(benches);
