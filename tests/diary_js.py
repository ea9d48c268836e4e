"""Running the web diary's JavaScript engine (diary/js) from the tests, with node.

Without node the tests that need it fail under CI=true and are skipped, with the reason, on
a developer's machine (like the browser tests, see tests/browser.py).
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from painbook import diary, webrules

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "diary" / "js"
RUNNER = JS / "testing" / "run-conformance.mjs"
MISSING = "node is not installed; install Debian's nodejs package (see .ci/run)."


def node() -> str:
    """node's path, or a failure (CI) or skip (elsewhere) saying how to get it."""
    path = shutil.which("node")
    if path:
        return path
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(MISSING)
    pytest.skip(MISSING)


def rules_file(folder: Path) -> Path:
    """The rules JSON written by painbook.webrules into ``folder``."""
    return webrules.write_rules(folder / "rules.json")


@functools.cache
def _shared_rules() -> Path:
    """One rules file for the whole test run (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="diary-rules-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return rules_file(folder)


def run(tasks: list[dict[str, Any]], timeout: float = 300) -> list[dict[str, Any]]:
    """Run tasks through diary/js/testing/run-conformance.mjs in one node process."""
    with tempfile.TemporaryDirectory(prefix="diary-js-") as folder:
        job = Path(folder) / "job.json"
        rules = _shared_rules()
        job.write_text(json.dumps({"rules": str(rules), "tasks": tasks}), encoding="utf-8")
        done = subprocess.run(
            [node(), str(RUNNER), str(job)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0:
        raise AssertionError(f"node failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def _value(value: object, column: str) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if column == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def as_js(df: pd.DataFrame, kind: str = "diary") -> dict[str, Any]:
    """A diary DataFrame (from read_diary) in the JavaScript engine's form (see build.js)."""
    columns = [str(c) for c in df.columns]
    data = {c: df[c].astype(object).tolist() for c in columns}
    rows = [{c: _value(data[c][i], c) for c in columns} for i in range(len(df))]
    lines = df.attrs.get("lines")
    return {"columns": columns, "rows": rows, "lines": list(lines) if lines is not None else None}


def good_reader(path: Path) -> Any:
    """read_observations for an observation log, read_diary otherwise."""
    return diary.read_observations if "observation" in path.name else diary.read_diary
