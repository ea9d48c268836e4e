"""The web diary's JavaScript unit tests (diary/js/test), run with node's own test runner."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from diary_js import JS, ROOT, node, rules_file


def test_node_unit_tests_pass() -> None:
    with tempfile.TemporaryDirectory(prefix="diary-js-") as folder:
        rules = rules_file(Path(folder))
        env = {**os.environ, "DIARY_RULES": str(rules), "PYTHON": sys.executable}
        done = subprocess.run(
            [node(), "--test", str(JS / "test")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
            check=False,
        )
    summary = [line for line in done.stdout.splitlines() if line.startswith("# ")]
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert any(line.startswith("# pass ") and line != "# pass 0" for line in summary), summary
    assert "# fail 0" in summary, summary
