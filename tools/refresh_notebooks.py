"""Run workbook notebooks top to bottom on a fresh kernel and save them as the tests expect.

``python -m tools.refresh_notebooks notebooks/keep-a-diary.ipynb [...]`` (or ``make
notebooks`` for all of them) executes each notebook in its own folder with the made-up
samples only (``PAINBOOK_SAMPLES_ONLY=1``, as ``make test`` runs nbval), then stores it the
way tests/test_workbook.py and nbval want it:

- a form cell (tag ``nbval-ignore-output``) keeps no stored output, so a person opening the
  notebook sees the cell's "a form appears here" text, not a stale widget;
- no widget state in the notebook's metadata (model ids change on every run);
- every other cell keeps its fresh output (pieces of one stream joined), which nbval
  compares on the next ``make test``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

FORM_TAG = "nbval-ignore-output"


def refresh(path: Path, timeout: int = 300) -> None:
    """Execute the notebook at ``path`` and save it, form outputs and widget state removed."""
    notebook = nbformat.read(path, as_version=4)
    os.environ["PAINBOOK_SAMPLES_ONLY"] = "1"
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if FORM_TAG in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None
        else:
            cell.outputs = _merge_streams(cell.outputs)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def _merge_streams(outputs: list) -> list:
    """Join consecutive pieces of the same stream (stdout, stderr) into one output, as
    Jupyter shows them and as the notebooks are stored."""
    merged: list = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (
            output.output_type == "stream"
            and last is not None
            and last.output_type == "stream"
            and last.name == output.name
        ):
            last.text += output.text
        else:
            merged.append(output)
    return merged


def main(argv: list[str]) -> int:
    """Refresh each notebook named in ``argv``."""
    if not argv:
        print("usage: python -m tools.refresh_notebooks NOTEBOOK.ipynb [...]", file=sys.stderr)
        return 2
    for name in argv:
        refresh(Path(name))
        print(f"refreshed {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
