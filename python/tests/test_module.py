"""The importable module: analyze, check, diff, batch and Rules, on the bundled example and on
bad input. Run against an installed wheel (see .ci/run)."""

import json
import random

import pytest

import attrib


def test_analyze_finds_quotes_speakers_and_classes(example):
    text = example.read_text(encoding="utf-8")
    result = attrib.analyze(text)
    quotes = result["quotes"]
    assert [q["kind"] for q in quotes] == ["direct", "direct", "partial", "partial"]
    first = quotes[0]
    assert first["text"].startswith("The talks were candid")
    # "the official" resolves to the White House official named two sentences before.
    assert first["speaker"]["class"] == "anonymous"
    assert "White House official" in first["speaker"]["refers_to"]
    assert first["line"] == 5
    # Offsets are byte offsets into the UTF-8 text.
    raw = text.encode("utf-8")
    assert raw[first["start"] : first["end"]].decode("utf-8") == first["text"]
    classes = {(a["source"]["text"], a["source"]["class"]) for a in result["attributions"]}
    assert ("the State Department", "named_organization") in classes
    assert ("critics", "vague") in classes


def test_check_gives_the_command_lines_findings(example):
    text = example.read_text(encoding="utf-8")
    findings = attrib.check(text)
    assert [(f["rule"], f["line"]) for f in findings] == [
        ("anonymous-source", 4),
        ("anonymous-majority", 5),
        ("hedge", 8),
        ("passive-attribution", 9),
        ("anonymous-source", 9),
        ("passive-attribution", 10),
        ("vague-source", 10),
        ("hedge", 11),
    ]
    for f in findings:
        assert set(f) >= {"rule", "severity", "message", "start", "end", "line", "column", "text"}
        assert f["severity"] in ("error", "warning", "info")


def test_check_takes_markdown_and_html():
    md = "# Budget\n\n*Officials say* the plan is sound, *critics contend* it is not.\n"
    html = "<p>Critics contend the plan is too slow.</p>"
    assert "vague-source" in {f["rule"] for f in attrib.check(md, format="markdown")}
    found = attrib.check(html, format="html")
    assert [f["text"] for f in found if f["rule"] == "vague-source"] == ["Critics"]
    # Spans point into the raw HTML, past the tag.
    assert html.encode()[found[0]["start"] : found[0]["end"]] == b"Critics"


def test_diff_shows_a_downgraded_source():
    old = '"We will rebuild," said Mayor Ana Ruiz.'
    new = '"We will rebuild," said a city official.'
    result = attrib.diff(old, new)
    kinds = [c["change"] for c in result["changes"]]
    assert "source_downgraded" in kinds
    assert result["summary"]["source_downgraded"] == 1
    edited = attrib.diff(old, '"We will rebuild quickly," said Mayor Ana Ruiz.')
    change = edited["changes"][0]
    assert change["change"] == "quote_edited"
    assert any(e.get("added") == "quickly," or "quickly" in json.dumps(e) for e in change["edits"])


def test_rules_from_files_and_config(tmp_path):
    rule = tmp_path / "house.yaml"
    rule.write_text(
        "rules:\n"
        "  - id: house-sources-say\n"
        "    severity: error\n"
        "    description: Our style avoids 'sources say'.\n"
        "    message: 'Avoid “{match}”.'\n"
        "    when:\n"
        "      phrase: [sources say]\n"
        "    examples:\n"
        "      bad: [Sources say the deal is done.]\n"
        "      good: [The minister said the deal is done.]\n",
        encoding="utf-8",
    )
    text = "Sources say the deal is done."
    assert "house-sources-say" not in {f["rule"] for f in attrib.check(text)}
    found = attrib.check(text, rules=[rule])
    assert "house-sources-say" in {f["rule"] for f in found}
    config = tmp_path / ".attrib.yaml"
    config.write_text(
        "rules: [house.yaml]\nseverity:\n  house-sources-say: off\n", encoding="utf-8"
    )
    assert "house-sources-say" not in {f["rule"] for f in attrib.check(text, config=config)}
    loaded = attrib.Rules(rules=[str(rule)], default_rules=False)
    assert loaded.rule_ids() == ["house-sources-say"]


def test_bad_rule_file_raises_with_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    severity: loud\n", encoding="utf-8")
    with pytest.raises(attrib.AttribError) as err:
        attrib.check("text", rules=[bad])
    message = str(err.value)
    assert str(bad) in message
    assert ":3:" in message  # the line of the bad severity


def test_missing_files_and_bad_arguments_raise(tmp_path):
    with pytest.raises(attrib.AttribError, match="nope.yaml"):
        attrib.check("text", config=tmp_path / "nope.yaml")
    with pytest.raises(attrib.AttribError, match="format"):
        attrib.analyze("text", format="pdf")
    with pytest.raises(TypeError):
        attrib.check(b"bytes are not text")
    with pytest.raises(ValueError):
        list(attrib.batch(["x"], what="lint"))
    assert issubclass(attrib.AttribError, ValueError)


def test_hostile_text_raises_nothing():
    texts = [
        "",
        "\x00\x00\x00",
        '"' * 10_000,
        "“" * 5000 + "”" * 3,
        "<p>" * 5000,
        "> " * 3000 + "quote",
        "\u202e\u0007\x1b]0;title\x07 said the official",
    ]
    for t in texts:
        for fmt in ("text", "markdown", "html"):
            assert isinstance(attrib.check(t, format=fmt), list)
            assert isinstance(attrib.analyze(t, format=fmt)["quotes"], list)


def _story(rng: random.Random, i: int) -> str:
    names = ["Ana Ruiz", "Tom Okafor", "Lena Ortiz", "Priya Nair", "Sam Cole"]
    sources = ["a senior official", "critics", "Mayor " + rng.choice(names), "the ministry"]
    verbs = ["said", "says", "told reporters", "contend"]
    parts = []
    for k in range(rng.randint(1, 6)):
        parts.append(
            f'"Item {i}.{k} will be ready by spring," {rng.choice(verbs)} {rng.choice(sources)}.'
        )
        if rng.random() < 0.4:
            parts.append(f"The plan reportedly costs ${rng.randint(1, 900)} million.")
    return " ".join(parts)


def test_batch_of_a_thousand_stories_matches_one_by_one():
    rng = random.Random(16)
    stories = [_story(rng, i) for i in range(1000)]
    batched = list(attrib.batch(stories, chunk_size=128))
    assert len(batched) == 1000
    assert batched == [attrib.check(s) for s in stories]
    assert sum(len(f) for f in batched) > 1000
    analyzed = list(attrib.batch(iter(stories[:300]), what="analyze"))
    assert [a["quotes"] for a in analyzed] == [attrib.analyze(s)["quotes"] for s in stories[:300]]
    rules = attrib.Rules(default_rules=True)
    assert list(attrib.batch(stories[:50], rules=rules)) == batched[:50]


def test_the_module_docstring_examples_run():
    import doctest

    assert doctest.testmod(attrib).failed == 0
