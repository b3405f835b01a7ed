"""The GitHub Action (action.yml): valid against the GitHub Actions schema that check-jsonschema
vendors, and its check step, run here as the runner would run it, writes SARIF and reports
attrib's exit code."""

import json
import os
import pathlib
import subprocess
import sys

from ruamel.yaml import YAML

from conftest import REPO

ACTION = REPO / "action.yml"
BIN = pathlib.Path(sys.executable).parent


def test_action_validates_against_the_github_actions_schema():
    out = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(ACTION)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def _step(name):
    steps = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))["runs"]["steps"]
    return next(s for s in steps if s["name"] == name)


def test_the_check_step_writes_sarif_and_the_exit_code(tmp_path, example):
    step = _step("Check the stories")
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "a.txt").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "github_output"
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PATHS": "stories/",
        "FAIL_ON": "warning",
        "ARGS": "--isolated",
        "SARIF": "attrib.sarif",
        "GITHUB_OUTPUT": str(output),
    }
    run = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert output.read_text().strip() == "exit-code=1"  # warnings, and fail-on warning
    assert "::warning file=stories/a.txt" in run.stdout
    log = json.loads((tmp_path / "attrib.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 8
