//! `attrib check` and `attrib rules`: the bundled rules fire and stay silent where they should,
//! custom rule files work end to end, config and suppression apply, output is stable.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use attrib::analysis::Analysis;
use attrib::check::{self, Options, Settings};
use attrib::input::Format;
use attrib::rules::{self, RuleSet, Severity};

fn core() -> RuleSet {
    RuleSet {
        rules: rules::bundled_pack("core").expect("core pack loads"),
    }
}

fn strict() -> RuleSet {
    RuleSet {
        rules: rules::bundled_pack("strict").expect("strict pack loads"),
    }
}

/// (rule, text) of every finding on `text` read as plain text.
fn found(set: &RuleSet, text: &str) -> Vec<(String, String)> {
    check::check_text(set, text.to_owned(), Format::Text)
        .into_iter()
        .map(|f| (f.rule, f.text))
        .collect()
}

fn has(set: &RuleSet, text: &str, rule: &str, words: &str) -> bool {
    found(set, text)
        .iter()
        .any(|(r, t)| r == rule && t.eq_ignore_ascii_case(words))
}

fn fires(set: &RuleSet, text: &str, rule: &str) -> bool {
    found(set, text).iter().any(|(r, _)| r == rule)
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn attrib(args: &[&str]) -> Output {
    attrib_in(&manifest(), args)
}

fn attrib_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attrib"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("attrib-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

const SEED: &str = "fixtures/examples/diplomacy-miami.txt";

// ---------------------------------------------------------------------------------------------
// The bundled packs.

#[test]
fn bundled_examples_pass() {
    let set = check::bundled_rules().expect("bundled packs load");
    let (n, failures) = check::test_examples(&set);
    assert!(n >= 30, "only {n} examples");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn core_has_the_contract_ids_and_every_rule_is_documented() {
    let ids: Vec<String> = core().rules.iter().map(|r| r.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "anonymous-source",
            "vague-source",
            "passive-attribution",
            "unattributed-quote",
            "unbalanced-quote",
            "loaded-verb",
            "hedge",
            "anonymous-majority",
            "no-named-source"
        ]
    );
    for r in check::bundled_rules().unwrap().rules {
        assert!(r.description.is_some(), "{} has no description", r.id);
        assert!(r.standard.is_some(), "{} cites no standard", r.id);
        assert!(!r.examples.bad.is_empty(), "{} has no bad example", r.id);
        assert!(!r.examples.good.is_empty(), "{} has no good example", r.id);
    }
}

/// A source reported where it was first described is named in the message as the words
/// underlined there, not as the later mention that spoke ("They", "The officials").
#[test]
fn anonymous_source_message_names_the_underlined_first_mention() {
    let set = core();
    for later in ["They", "The officials"] {
        let text = format!(
            "Two senior officials arrived in Geneva on Sunday. {later} said the talks would \
             resume on Monday."
        );
        let f: Vec<_> = check::check_text(&set, text, Format::Text)
            .into_iter()
            .filter(|f| f.rule == "anonymous-source")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].text, "Two senior officials");
        assert!(
            f[0].message.contains("“Two senior officials”"),
            "{}",
            f[0].message
        );
    }
}

#[test]
fn anonymous_source_fires_and_justification_carries_to_later_mentions() {
    let set = core();
    assert!(has(
        &set,
        "The talks will resume, according to a White House official.",
        "anonymous-source",
        "a White House official"
    ));
    let justified = "A senior official, who spoke on condition of anonymity because the review is \
                     classified, said the report would be delayed. Later that day, the official \
                     said the delay would be short. \"It will not take long,\" the official added.";
    assert!(
        !fires(&set, justified, "anonymous-source"),
        "{:?}",
        found(&set, justified)
    );
    // The reason in the next sentence covers the source.
    let next = "A senior aide said the talks would resume on Monday. The aide spoke on condition \
                of anonymity because the talks are private.";
    assert!(
        !fires(&set, next, "anonymous-source"),
        "{:?}",
        found(&set, next)
    );
    // A re-mention of an unjustified source is reported once, at the first mention.
    let twice = "The talks were useful, according to a White House official. \"Both sides left \
                 with homework,\" the official said.";
    let n = found(&set, twice)
        .iter()
        .filter(|(r, _)| r == "anonymous-source")
        .count();
    assert_eq!(n, 1, "{:?}", found(&set, twice));
}

#[test]
fn objects_and_named_sources_with_titles_are_not_anonymous() {
    let set = core();
    for text in [
        "Witkoff met Friday with two top Ukrainian officials in Miami.",
        "Sen. Maria Okonkwo said the bill would pass.",
        "\"We have the votes,\" said Dr. Lena Voss, the chief economist at Harbor Bank.",
        "According to the State Department, they met with Rustem Umerov.",
    ] {
        let f = found(&set, text);
        assert!(
            !f.iter()
                .any(|(r, _)| r == "anonymous-source" || r == "vague-source"),
            "{text}: {f:?}"
        );
    }
}

#[test]
fn vague_source_fires_in_prose_not_inside_quotes() {
    let set = core();
    assert!(has(
        &set,
        "The draft map favors Veloria, critics contend.",
        "vague-source",
        "critics"
    ));
    assert!(fires(
        &set,
        "Experts say the bridge is unsafe.",
        "vague-source"
    ));
    let quoted = "\"People say we're finished,\" Reyes said.";
    assert!(
        !fires(&set, quoted, "vague-source"),
        "{:?}",
        found(&set, quoted)
    );
    let quoted = "\"Critics say we are finished, but they are wrong,\" said Ana Ruiz, the coach.";
    assert!(
        !fires(&set, quoted, "vague-source"),
        "{:?}",
        found(&set, quoted)
    );
}

#[test]
fn passive_attribution_fires_on_agentless_claims() {
    let set = core();
    assert!(has(
        &set,
        "The minister reportedly offered to resign.",
        "passive-attribution",
        "reportedly"
    ));
    assert!(fires(
        &set,
        "The coach is said to be considering retirement.",
        "passive-attribution"
    ));
    assert!(!fires(
        &set,
        "The minister offered to resign, the Daily Courier reported.",
        "passive-attribution"
    ));
    assert!(!fires(
        &set,
        "\"It is said that he will retire,\" said Ana Ruiz, his agent.",
        "passive-attribution"
    ));
}

#[test]
fn quote_rules() {
    let set = core();
    assert!(fires(
        &set,
        "The strike entered its third week. \"Nobody is talking to us anymore.\"",
        "unattributed-quote"
    ));
    let continued =
        "\"We are tired,\" said Ana Ruiz, a picket captain. \"Nobody is talking to us.\"";
    assert!(
        !fires(&set, continued, "unattributed-quote"),
        "{:?}",
        found(&set, continued)
    );
    assert!(!fires(
        &set,
        "The film \"Midnight Harbor\" opens on Friday, the studio said.",
        "unattributed-quote"
    ));
    assert!(fires(
        &set,
        "\"We will not back down, said Ana Ruiz, a picket captain.",
        "unbalanced-quote"
    ));
    assert!(!fires(
        &set,
        "\"We will not back down,\" said Ana Ruiz, a picket captain.",
        "unbalanced-quote"
    ));
}

#[test]
fn loaded_verbs_and_hedges() {
    let set = core();
    assert!(has(
        &set,
        "\"The books are balanced,\" the treasurer claimed.",
        "loaded-verb",
        "claimed"
    ));
    assert!(!fires(
        &set,
        "The driver was admitted to hospital on Tuesday.",
        "loaded-verb"
    ));
    assert!(has(
        &set,
        "The administration appears to be running a direct track.",
        "hedge",
        "appears to"
    ));
    assert!(!fires(
        &set,
        "\"It seems to be working,\" said Ana Ruiz, a picket captain.",
        "hedge"
    ));
}

#[test]
fn document_level_shares() {
    let set = core();
    let anon = "\"It is over,\" a senior aide said. \"We lost,\" a campaign official said. \
                \"Nobody saw it coming,\" a party strategist said.";
    assert!(fires(&set, anon, "anonymous-majority"));
    assert!(fires(&set, anon, "no-named-source"));
    let mixed = "\"It is over,\" said Ana Ruiz, the campaign manager. \"We lost,\" said Tom \
                 Reyes, the candidate. \"Nobody saw it coming,\" a party strategist said.";
    assert!(!fires(&set, mixed, "anonymous-majority"));
    assert!(!fires(&set, mixed, "no-named-source"));
    assert!(!fires(
        &set,
        "The council met on Tuesday.",
        "no-named-source"
    ));
}

#[test]
fn strict_pack_rules() {
    let set = strict();
    assert!(fires(
        &set,
        "The deal is off, a source said.",
        "bare-source"
    ));
    assert!(!fires(
        &set,
        "The deal is off, a senior Treasury official said.",
        "bare-source"
    ));
    assert!(fires(
        &set,
        "The minister reportedly offered to resign.",
        "reportedly-no-outlet"
    ));
    assert!(!fires(
        &set,
        "The minister reportedly offered to resign, according to Reuters.",
        "reportedly-no-outlet"
    ));
}

#[test]
fn plural_single_source_fires_on_one_plural_confidential_source() {
    let set = strict();
    let rule = "plural-single-source";
    // The story's only unnamed source is one plural mention, and nothing shows more than one.
    assert!(has(
        &set,
        "The merger talks have collapsed, people familiar with the matter said.",
        rule,
        "people familiar with the matter"
    ));
    assert!(has(
        &set,
        "Sources said the bridge would stay closed until spring. The mayor's office declined to \
         comment.",
        rule,
        "Sources"
    ));
    // Re-mentions of the same source are still one source; reported once, at the first.
    let text = "The deal is off, sources said. The sources, who asked not to be named because the \
                talks are private, said a new bid was likely.";
    let hits: Vec<_> = found(&set, text)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .collect();
    assert_eq!(hits, vec![(rule.to_owned(), "sources".to_owned())]);
    // Plural officials made confidential by a reason for anonymity in the next sentence.
    assert!(fires(
        &set,
        "Officials said the plant would close in June. They spoke on condition of anonymity \
         because the decision has not been announced.",
        rule
    ));
    // A count before another noun ("two people") says nothing about "officials".
    assert!(fires(
        &set,
        "Two people died in the fire. Officials, who spoke on condition of anonymity, said the \
         wiring was faulty.",
        rule
    ));
    // A named source alongside does not change the count of unnamed ones.
    assert!(fires(
        &set,
        "The merger talks have collapsed, people familiar with the matter said. Tom Reyes, the \
         company's chief executive, said he would not comment.",
        rule
    ));
}

#[test]
fn plural_single_source_stays_silent_when_more_than_one_shows() {
    let set = strict();
    let rule = "plural-single-source";
    let silent = [
        // Singular: nothing to fix.
        "The merger talks have collapsed, a person familiar with the matter said.",
        // A count in the mention, or before the same noun elsewhere in the story.
        "Two people familiar with the matter said the merger talks had collapsed.",
        "The merger talks have collapsed, sources said. Both sources asked not to be named \
         because the talks were private.",
        "Senior officials, who spoke on condition of anonymity, said the plan was dead. Three \
         senior officials had met on Friday.",
        "The merger talks have collapsed, people familiar with the matter said. 12 people had \
         worked on the deal.",
        // A re-mention that shows more than one.
        "Officials who spoke on condition of anonymity said the bridge would stay closed. \
         \"It is unsafe,\" one of the officials said.",
        // A second unnamed source.
        "The merger talks have collapsed, people familiar with the matter said. A banker who \
         advises the buyer said a new bid was likely.",
        // An institution's public voice, not a confidential source.
        "Philippine officials said 25 people were injured in the earthquake.",
        "Officials said the bridge would close on Monday for repairs.",
    ];
    for text in silent {
        assert!(!fires(&set, text, rule), "fired on: {text}");
    }
    // The core pack does not have it.
    assert!(!fires(
        &core(),
        "The merger talks have collapsed, people familiar with the matter said.",
        rule
    ));
}

#[test]
fn lone_plural_matcher_in_a_custom_rule_file() {
    let text = "rules:\n  - id: house-plural\n    severity: error\n    message: \"{source}\"\n    \
                when:\n      lone_plural: {classes: [anonymous], heads: [insiders], more_than_one: [two]}\n";
    let set = RuleSet {
        rules: rules::parse_rules(Path::new("x.yaml"), "x", text).expect("rule compiles"),
    };
    assert!(fires(
        &set,
        "Insiders said the deal was off.",
        "house-plural"
    ));
    assert!(!fires(
        &set,
        "Two insiders said the deal was off.",
        "house-plural"
    ));
    assert!(!fires(
        &set,
        "Sources said the deal was off.",
        "house-plural"
    ));
    // Unknown keys inside the matcher are errors.
    let bad = text.replace("more_than_one", "more_then_one");
    let err = rules::parse_rules(Path::new("x.yaml"), "x", &bad).unwrap_err();
    assert!(err.to_string().contains("more_then_one"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// The seed article.

#[test]
fn seed_findings() {
    let text = std::fs::read_to_string(manifest().join(SEED)).expect("seed article");
    let f = found(&core(), &text);
    let want = [
        ("anonymous-source", "a White House official"),
        ("anonymous-source", "Velorian officials"),
        ("passive-attribution", "reportedly"),
        ("passive-attribution", "widely reported"),
        ("vague-source", "critics"),
        ("hedge", "appears to"),
    ];
    for (rule, words) in want {
        assert!(
            f.iter().any(|(r, t)| r == rule && t == words),
            "missing {rule} on {words:?}: {f:?}"
        );
    }
    for (_, t) in &f {
        assert!(!t.contains("State Department"), "{f:?}");
        assert!(!t.contains("Kastani negotiators"), "{f:?}");
        assert!(!t.contains("will meet again"), "{f:?}");
    }
    assert!(!f.iter().any(|(r, _)| r == "unattributed-quote"), "{f:?}");
}

#[test]
fn seed_snapshots() {
    let human = attrib(&["check", SEED]);
    assert_eq!(human.status.code(), Some(0), "{}", stderr(&human));
    insta::assert_snapshot!("seed_human", stdout(&human));
    let json = attrib(&["check", "--format", "json", SEED]);
    assert_eq!(json.status.code(), Some(0));
    insta::assert_snapshot!("seed_json", stdout(&json));
}

// ---------------------------------------------------------------------------------------------
// The binary: exit codes, custom rules, config, errors, suppression.

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(attrib(&["check", SEED]).status.code(), Some(0));
    assert_eq!(
        attrib(&["check", "--fail-on", "warning", SEED])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        attrib(&["check", "--no-default-rules", "--fail-on", "info", SEED])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn custom_rule_file_with_all_five_matchers() {
    let o = attrib(&[
        "check",
        "--no-default-rules",
        "--rules",
        "tests/data/house-rules.yaml",
        "--format",
        "json",
        "tests/data/house.txt",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let findings = v["files"][0]["findings"].as_array().expect("findings");
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for id in [
        "house-no-insiders",
        "house-no-anonymous-quotes",
        "house-said",
        "house-pattern",
        "house-quote-share",
    ] {
        assert!(rules.contains(&id), "{id} missing: {rules:?}");
    }
    let said = findings.iter().find(|f| f["rule"] == "house-said").unwrap();
    assert_eq!(said["message"], "Use “said”, not “claimed”.");
    assert_eq!(said["text"], "claimed");
    // The file's own examples pass.
    let t = attrib(&["rules", "test", "tests/data/house-rules.yaml"]);
    assert_eq!(t.status.code(), Some(0), "{}", stdout(&t));
}

#[test]
fn misspelt_key_exits_2_naming_file_line_column_and_key() {
    let o = attrib(&[
        "check",
        "--rules",
        "tests/data/misspelt-rules.yaml",
        "tests/data/house.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("tests/data/misspelt-rules.yaml:4:"),
        "no file:line:col in {err}"
    );
    assert!(err.contains("mesage"), "key not named in {err}");
}

#[test]
fn unreadable_files_are_reported_and_the_run_goes_on() {
    let d = temp_dir("unreadable");
    std::fs::write(
        d.join("good.txt"),
        "The minister reportedly offered to resign.\n",
    )
    .unwrap();
    std::fs::write(d.join("broken.txt"), b"abc\xff\xfe def").unwrap();
    let o = attrib_in(&d, &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not UTF-8")
    );
    let h = attrib_in(&d, &["check", "."]);
    assert_eq!(h.status.code(), Some(2));
    assert!(stderr(&h).contains("broken.txt"));
    assert!(stdout(&h).contains("passive-attribution"));
}

#[test]
fn config_is_found_in_a_parent_and_applied() {
    let d = temp_dir("config");
    let sub = d.join("stories");
    std::fs::create_dir_all(sub.join("drafts")).unwrap();
    std::fs::write(
        d.join(".attrib.yaml"),
        "packs: [core, strict]\ndisable: [hedge]\nseverity: {loaded-verb: error}\n\
         exclude: [\"stories/drafts/**\"]\n",
    )
    .unwrap();
    let text = "The administration appears to be running a direct track. \"The books are \
                balanced,\" the treasurer claimed. The deal is off, a source said.\n";
    std::fs::write(sub.join("a.txt"), text).unwrap();
    std::fs::write(sub.join("drafts").join("b.txt"), text).unwrap();
    let o = attrib_in(&sub, &["check", "--format", "json", "."]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{out}");
    let rules: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"hedge"), "{rules:?}");
    assert!(rules.contains(&"bare-source"), "{rules:?}");
    assert!(out.contains("\"severity\": \"error\""), "{out}");

    // A misspelt config key is an error with its place.
    std::fs::write(d.join(".attrib.yaml"), "pakcs: [core]\n").unwrap();
    let o = attrib_in(&sub, &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".attrib.yaml:1:1"), "{}", stderr(&o));
    assert!(stderr(&o).contains("pakcs"), "{}", stderr(&o));

    // Settings through the library, with --config.
    let cfg = d.join("other.yaml");
    std::fs::write(&cfg, "fail_on: warning\n").unwrap();
    let s = Settings::load(
        &Options {
            config: Some(cfg),
            cwd: d.clone(),
            ..Options::default()
        },
        false,
    )
    .unwrap();
    assert_eq!(s.fail_on, Severity::Warning);
    assert_eq!(s.packs, ["core"]);
}

#[test]
fn inline_suppression_in_markdown_and_text() {
    let o = attrib(&[
        "check",
        "--format",
        "json",
        "tests/data/suppressed.md",
        "tests/data/suppressed.txt",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let texts = |i: usize| -> Vec<(String, String)> {
        v["files"][i]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let md = texts(0);
    assert!(!md.iter().any(|(_, t)| t == "appears to"), "{md:?}");
    assert!(md.iter().any(|(_, t)| t == "seem to"), "{md:?}");
    let reportedly: Vec<_> = md
        .iter()
        .filter(|(r, _)| r == "passive-attribution")
        .collect();
    assert_eq!(reportedly.len(), 1, "{md:?}");
    let txt = texts(1);
    assert!(!txt.iter().any(|(_, t)| t == "appears to"), "{txt:?}");
    assert!(txt.iter().any(|(_, t)| t == "seem to"), "{txt:?}");
}

#[test]
fn rules_subcommands() {
    let l = attrib(&["rules", "list"]);
    assert_eq!(l.status.code(), Some(0));
    let out = stdout(&l);
    assert!(out.contains("anonymous-source") && out.contains("core"));
    assert!(out.contains("bare-source") && out.contains("strict"));
    let e = attrib(&["rules", "explain", "anonymous-source"]);
    assert_eq!(e.status.code(), Some(0));
    assert!(stdout(&e).contains("AP Statement of News Values"));
    assert!(stdout(&e).contains("Bad:"));
    assert_eq!(
        attrib(&["rules", "explain", "no-such-rule"]).status.code(),
        Some(2)
    );
    assert_eq!(attrib(&["rules", "test"]).status.code(), Some(0));

    // A rule whose example is wrong makes `rules test` fail.
    let d = temp_dir("rules-test");
    let f = d.join("wrong.yaml");
    std::fs::write(
        &f,
        "rules:\n  - id: wrong\n    severity: info\n    message: x\n    when:\n      phrase: [zebra]\n    examples:\n      bad: [\"No stripes here.\"]\n",
    )
    .unwrap();
    let t = attrib(&["rules", "test", f.to_str().unwrap()]);
    assert_eq!(t.status.code(), Some(1));
    assert!(stdout(&t).contains("FAIL wrong"));
}

#[test]
fn phrase_groups_and_sentence_start_in_rule_files() {
    let text = "rules:\n  - id: r\n    severity: info\n    message: m\n    when:\n      phrase: [\"{some|a number of} [legal] {critics|experts}\"]\n      sentence_start: true\n";
    let rules = rules::parse_rules(Path::new("x.yaml"), "x", text).unwrap();
    let set = RuleSet { rules };
    let found = |t: &str| -> Vec<String> {
        let a = Analysis::new(t.to_owned(), Format::Text);
        set.check(&a).into_iter().map(|f| f.text).collect()
    };
    assert_eq!(
        found("It was close. But A number of legal critics object. He met some experts."),
        ["A number of legal critics"]
    );
    assert_eq!(
        found("Some experts object.\n\n\"Some critics object.\""),
        ["Some experts"]
    );
    assert!(found("He met some experts and some critics.").is_empty());
}

#[test]
fn bad_rule_values_are_errors_not_panics() {
    let cases = [
        ("when:\n      pattern: '(unclosed'\n", "bad pattern"),
        ("when:\n      source: [nobody]\n", "unknown source class"),
        (
            "when:\n      phrase: [\"@nolist\"]\n",
            "unknown lexicon list",
        ),
        (
            "when:\n      quote: sideways\n",
            "unattributed or unbalanced",
        ),
        (
            "when:\n      phrase: [a]\n      cue: [b]\n",
            "exactly one matcher",
        ),
        (
            "when:\n      phrase: [\"{some|many experts\"]\n",
            "x.yaml: rule `r`: phrase `{some|many experts`: unclosed `{`",
        ),
        (
            "when:\n      phrase: [\"{some|[many]} experts\"]\n",
            "groups do not nest",
        ),
        (
            "when:\n      source: [vague]\n      sentence_has: [\"some] experts\"]\n",
            "x.yaml: rule `r`: phrase `some] experts`: `]` outside a group",
        ),
        (
            "when:\n      phrase: [\"{a|b|c|d|e|f|g|h|i|j} {a|b|c|d|e|f|g|h|i|j} {a|b|c|d|e|f|g|h|i|j} {a|b|c|d|e|f|g|h|i|j} {a|b}\"]\n",
            "more than 10000 phrases",
        ),
        (
            "when:\n      cue: [said]\n      sentence_start: true\n",
            "`sentence_start` narrows a `phrase` matcher",
        ),
    ];
    for (when, msg) in cases {
        let text = format!("rules:\n  - id: r\n    severity: info\n    message: m\n    {when}");
        let err = rules::parse_rules(Path::new("x.yaml"), "x", &text).unwrap_err();
        assert!(err.to_string().contains(msg), "{err}");
    }
    let text = "rules:\n  - id: r\n    severity: info\n    message: \"{who}\"\n    when:\n      phrase: [a]\n";
    assert!(rules::parse_rules(Path::new("x.yaml"), "x", text).is_err());
}

#[test]
fn a_hedge_after_an_opening_subordinate_clause_is_the_writers() {
    let set = core();
    // The State Department sits in the "Although" clause; "the timing" is the subject.
    assert!(has(
        &set,
        "Although the State Department gave no details, the timing suggested the negotiators \
         focused on grazing rights.",
        "hedge",
        "suggested"
    ));
    // A source that is the main clause's subject still holds it.
    assert!(!fires(
        &set,
        "Although the talks were private, the State Department suggested a deal was near.",
        "hedge"
    ));
}

#[test]
fn a_quote_whose_speaker_is_in_reach_is_not_unattributed() {
    let set = core();
    // The sentence before, in the same paragraph, paraphrases one person.
    let text = "Strong winds made the crossing hard, Zapata said, adding it took endurance. \"It \
                is an isometric exercise for the thighs, so it burns.\"\n";
    assert!(
        !fires(&set, text, "unattributed-quote"),
        "{:?}",
        found(&set, text)
    );
    let a = Analysis::new(text.to_owned(), Format::Text);
    let q = a.quotes.iter().find(|q| q.speaker.is_some());
    assert!(q.is_some_and(|q| q.speaker.as_ref().unwrap().text.contains("Zapata")));
    // A speech verb in the quote's own sentence the grammar could not read, or a colon
    // introduction in the paragraph before: a speaker is in reach.
    for text in [
        "The firm wrote back the next day, telling reporters the plan \"was never on the table \
         and never will be.\"\n",
        "The government issued the following statement:\n\n\"Imposition of the rule by fiat \
         would fail the people of the islands.\"\n",
    ] {
        assert!(!fires(&set, text, "unattributed-quote"), "{text}");
    }
    // With nobody near, it still fires.
    assert!(fires(
        &set,
        "The strike entered its third week.\n\n\"Nobody is talking to us anymore.\"\n",
        "unattributed-quote"
    ));
}

/// A quote in a message keeps its words but not its trailing comma, and a quote that ends its
/// sentence is not followed by a second period: “…soon.” not “…soon.”. and “…rebuild,”.
#[test]
fn quoted_quotes_in_messages_have_no_doubled_punctuation() {
    let text = "The mayor spoke on Monday.\n\n\"We will rebuild, and soon.\"\n\n\
                The council met.\n\n\"Why did nobody warn us?\"\n";
    let messages: Vec<String> = check::check_text(&core(), text.to_owned(), Format::Text)
        .into_iter()
        .filter(|f| f.rule == "unattributed-quote")
        .map(|f| f.message)
        .collect();
    assert_eq!(
        messages,
        [
            "Quote with no speaker: “We will rebuild, and soon.” Say who said it.",
            "Quote with no speaker: “Why did nobody warn us?” Say who said it.",
        ]
    );
}

/// docs/rules.md (the page SARIF `helpUri`s point at) is generated from the rule files and
/// must not drift from them; every rule has its own heading, the anchor of its `helpUri`.
#[test]
fn rules_reference_is_generated_from_the_rule_files() {
    let set = check::bundled_rules().expect("bundled packs load");
    let want = check::reference(&set);
    let have = std::fs::read_to_string(manifest().join("docs/rules.md")).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: cargo run -- rules docs --isolated > docs/rules.md"
    );
    for r in &set.rules {
        assert!(want.contains(&format!("\n### {}\n", r.id)), "{}", r.id);
    }
}
