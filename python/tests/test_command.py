"""The `attrib` command that the wheel installs: the same command line as the Rust binary."""

import json
import pathlib
import subprocess
import sys


def attrib_cmd():
    """The command pip installed beside this interpreter (the venv's bin folder)."""
    path = pathlib.Path(sys.executable).parent / "attrib"
    assert path.exists(), "the wheel installs an `attrib` command"
    return str(path)


def run(*args, input=None):
    return subprocess.run(
        [attrib_cmd(), *args], input=input, capture_output=True, text=True, timeout=120
    )


def test_check_on_the_bundled_example(example):
    out = run("check", "--isolated", "--format", "json", str(example))
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    rules = [f["rule"] for f in report["files"][0]["findings"]]
    assert rules.count("anonymous-source") == 2
    assert "vague-source" in rules
    human = run("check", "--isolated", str(example))
    assert "warning[vague-source]" in human.stdout
    assert "1 file checked" in human.stdout


def test_quotes_and_diff(example, tmp_path):
    out = run("quotes", "--format", "json", str(example))
    assert out.returncode == 0, out.stderr
    speakers = [q["speaker"]["text"] for q in json.loads(out.stdout)["files"][0]["quotes"]]
    assert speakers[:2] == ["the official", "the official"]
    new = tmp_path / "v2.txt"
    new.write_text(
        example.read_text(encoding="utf-8").replace("the official said", "a source said"),
        encoding="utf-8",
    )
    d = run("diff", "--format", "json", str(example), str(new))
    assert d.returncode in (0, 1), d.stderr
    assert "speaker_changed" in {c["change"] for c in json.loads(d.stdout)["changes"]}


def test_exit_codes_and_errors(tmp_path):
    assert run("--version").stdout.startswith("attrib ")
    bad = run("check", "--no-such-flag")
    assert bad.returncode == 2
    assert "--no-such-flag" in bad.stderr
    missing = run("check", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2
    assert "missing.txt" in missing.stderr
    fails = run("check", "--isolated", "--fail-on", "warning", "-", input="Critics say it failed.")
    assert fails.returncode == 1


def test_python_dash_m_runs_the_same_command(example):
    out = subprocess.run(
        [sys.executable, "-m", "attrib", "check", "--isolated", "--format", "json", str(example)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["summary"]
