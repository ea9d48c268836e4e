"""JupyterLab for the tests: a real server on 127.0.0.1 and the notebooks driven in chromium.

- `start_lab(root)`: JupyterLab from this environment (``python -m jupyterlab``, so the process
  started is the server itself and can be stopped by its own process id), on 127.0.0.1 and a
  free port, with a random token, ``--allow-root`` (CI runs as root), its own runtime,
  settings and workspace folders in ``root``, and none of the ``PAINBOOK_`` variables of the
  test run (it is used as a caregiver would use it).
- `copy_workbook(folder)`: a copy of the workbook notebooks, never of a personal diary (only
  ``*.ipynb`` files are copied; the made-up samples come with painbook).
- `Notebook`: one notebook opened in a browser page: Run All from the menu, wait until the
  kernel is idle, save, read what is on disk.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

HOST = "127.0.0.1"
#: The notebooks a caregiver uses (the class-check and quiz notebooks have their own tests).
WORKBOOK = (
    "keep-a-diary",
    "read-a-diary",
    "progress",
    "visit",
    "painad",
    "action-plan",
    "headache-diary",
)


def copy_workbook(folder: Path) -> Path:
    """Copy the workbook notebooks (only ``.ipynb`` files) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in WORKBOOK:
        shutil.copyfile(ROOT / "notebooks" / f"{name}.ipynb", folder / f"{name}.ipynb")
    return folder


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    root: Path
    url: str  # ends in "/"
    token: str
    process: subprocess.Popen
    log: Path

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.url}api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        for kernel in self.api("kernels"):
            self.api(f"kernels/{kernel['id']}", method="DELETE")

    def stop(self) -> None:
        """Stop the server by its own process id (it shuts its kernels down with it)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start_lab(root: Path, state: Path, *, voila: bool = False) -> Lab:
    """Start JupyterLab on ``root``; its own settings and runtime files go in ``state``.

    ``voila=True`` starts the plain Jupyter server with Voilà's pages instead, as ``make app``
    does (the same server, so the same ``/files/`` addresses).
    """
    port = _free_port()
    token = secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAINBOOK_", "JUPYTER"))}
    for name, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ):
        (state / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(state / sub)
    env["MPLBACKEND"] = "Agg"
    # Every cell in the page (no windowing, so the tests see them all) and no news pop-up.
    for plugin, values in (
        ("@jupyterlab/notebook-extension/tracker", {"windowingMode": "none"}),
        ("@jupyterlab/apputils-extension/notification", {"fetchNews": "false"}),
    ):
        file = state / "settings" / f"{plugin}.jupyterlab-settings"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(values), encoding="utf-8")
    log = state / "jupyterlab.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server" if voila else "jupyterlab",
            "--no-browser",
            "--allow-root",
            f"--ServerApp.ip={HOST}",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            *(
                [
                    f"--config={ROOT / 'tools' / 'voila_config.py'}",  # as `make app`
                    "--ServerApp.default_url=/voila/tree",
                    "--VoilaConfiguration.show_tracebacks=False",
                ]
                if voila
                else [
                    "--LabApp.news_url=",
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                ]
            ),
        ],
        cwd=root,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    lab = Lab(root, f"http://{HOST}:{port}/", token, process, log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("JupyterLab stopped: " + log.read_text(errors="replace")[-3000:])
        try:
            lab.api("status")
            return lab
        except OSError:
            time.sleep(0.5)
    lab.stop()
    raise RuntimeError("JupyterLab did not start in 2 minutes: " + log.read_text()[-3000:])


# --------------------------------------------------------------------------- in the browser

#: Everything a person taps or types in, inside the widget forms.
CONTROLS = (
    ".jp-OutputArea .jupyter-widgets input:not([type=radio]):not([type=checkbox]),"
    ".jp-OutputArea .jupyter-widgets select,"
    ".jp-OutputArea .jupyter-widgets textarea,"
    ".jp-OutputArea .jupyter-widgets button,"
    ".jp-OutputArea .jupyter-widgets .widget-radio-box label,"
    ".jp-OutputArea .jupyter-widgets .widget-checkbox label"
)

_MEASURE = """(selector) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 && box.height === 0) continue;  // not shown (display: none)
    if (style.visibility === 'hidden') continue;
    out.push({
      what: (el.tagName + ' ' + (el.textContent || el.getAttribute('aria-label') || el.title
             || el.closest('.widget-inline-hbox')?.querySelector('.widget-label')?.textContent
             || '')).trim().slice(0, 60),
      left: box.left, right: box.right, width: box.width, height: box.height,
      area: el.closest('.jp-OutputArea-output')?.getBoundingClientRect().right ?? 1e9,
    });
  }
  return {controls: out, width: document.documentElement.clientWidth};
}"""


class Notebook:
    """A workbook notebook opened in JupyterLab in a browser page."""

    def __init__(self, lab: Lab, page, path: str) -> None:
        self.lab, self.page, self.path = lab, page, path
        self.file = lab.root / path

    def open(self) -> Notebook:
        self.page.goto(f"{self.lab.url}lab/tree/{self.path}?token={self.lab.token}&reset")
        self.page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=120_000)
        self.wait_idle(timeout=120)
        return self

    def kernel_state(self) -> str | None:
        for session in self.lab.api("sessions"):
            if session["path"] == self.path:
                return session["kernel"]["execution_state"]
        return None

    def wait_idle(self, timeout: float = 180) -> None:
        """Wait until the notebook's kernel is idle and has stayed idle for a second."""
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            state = self.kernel_state()
            busy = self.page.locator(".jp-InputPrompt:has-text('[*]')").count()
            if state == "idle" and not busy:
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since > 1.0:
                    return
            else:
                idle_since = None
            time.sleep(0.25)
        raise AssertionError(f"{self.path}: the kernel did not become idle ({state})")

    def menu(self, menu: str, item: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
        self.page.locator(".lm-Menu-item:visible .lm-Menu-itemLabel", has_text=item).filter(
            has_text=item
        ).first.click()

    def run_all(self) -> dict:
        """Run > Run All Cells, as a person does; wait until every cell has run; save.

        Returns the notebook as saved. A Run All that ran nothing (it happens right after a
        kernel starts) is tried once more.
        """
        for _attempt in range(2):
            self.menu("Run", "Run All Cells")
            deadline = time.monotonic() + 10
            while self.kernel_state() == "idle" and time.monotonic() < deadline:
                time.sleep(0.1)
            self.wait_idle(timeout=240)
            saved = self.save()
            if not self.unrun_cells(saved):
                return saved
        raise AssertionError(f"{self.path}: cells {self.unrun_cells(saved)} did not run")

    @staticmethod
    def unrun_cells(saved: dict) -> list[int]:
        cells = saved["cells"]
        return [
            i
            for i, c in enumerate(cells)
            if c["cell_type"] == "code" and not c.get("execution_count")
        ]

    def save(self) -> dict:
        """Save the notebook (File > Save Notebook) and return it as stored on disk."""
        before = self.file.stat().st_mtime_ns
        self.menu("File", "Save Notebook")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            time.sleep(0.3)
            if self.file.stat().st_mtime_ns == before:
                continue
            try:  # the server may still be writing it
                return json.loads(self.file.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                continue
        raise AssertionError(f"{self.path}: not saved within 30 s")

    def measure_controls(self) -> dict:
        return self.page.evaluate(_MEASURE, CONTROLS)

    def text(self) -> str:
        return self.page.locator(".jp-NotebookPanel .jp-Notebook").first.inner_text()
