"""`attrib check --format sarif` validates against the OASIS SARIF 2.1.0 schema (vendored in
tests/data/sarif with its licence), for a folder run with findings of every level, unreadable
files and absolute paths."""

import json
import pathlib
import subprocess
import sys

import jsonschema
import pytest

from conftest import REPO

SCHEMA = json.loads(
    (REPO / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def sarif(cwd, *paths):
    cmd = pathlib.Path(sys.executable).parent / "attrib"
    out = subprocess.run(
        [str(cmd), "check", "--isolated", "--format", "sarif", *map(str, paths)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode in (0, 1, 2), out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("absolute", [False, True])
def test_sarif_validates_against_the_oasis_schema(tmp_path, absolute):
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "a.txt").write_text(
        'The strike went on.\n"Nobody is talking to us anymore."\n\n'
        "Critics say the plan failed, a senior official said. It reportedly cost more.\n"
        "The plan appears to be dead.\n",
        encoding="utf-8",
    )
    (stories / "b.md").write_text("# Flood\n\nThe river *reportedly* rose.\n", encoding="utf-8")
    (stories / "bad.txt").write_bytes(b"not \xff utf-8")
    log = sarif(tmp_path, stories.resolve() if absolute else "stories")
    validator = jsonschema.Draft7Validator(SCHEMA)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    run = log["runs"][0]
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "warning", "note"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"stories/a.txt", "stories/b.md"}
    assert run["invocations"][0]["executionSuccessful"] is False
