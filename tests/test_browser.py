"""JupyterLab in a real Chromium: open 00_start_here, run it, play a case by clicking."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run installs Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run the browser test")
    return CHROMIUM


@pytest.fixture
def lab(tmp_path, repo_root):
    """JupyterLab on 127.0.0.1 with a random token, its kernels writing to a private store."""
    root = tmp_path / "lab"
    root.mkdir()
    shutil.copy(repo_root / "notebooks" / "00_start_here.ipynb", root)
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "AFTERSALES_DB": str(tmp_path / "browser.sqlite"),
        "AFTERSALES_TRAINEE": "browser.trainee",
        "AFTERSALES_LANG": "en",
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
    }
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start: " + (tmp_path / "lab.log").read_text()[-2000:])
    yield {"url": url, "token": token, "db": tmp_path / "browser.sqlite"}
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_play_a_case_by_clicking_in_jupyterlab(chromium, lab, library):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{lab['url']}/lab/tree/00_start_here.ipynb?token={lab['token']}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000
            )
            page.click(".jp-NotebookPanel .jp-Cell >> nth=0")
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            option = page.locator(".jp-OutputArea-output .widget-button")
            option.first.wait_for(timeout=120_000)
            option.first.scroll_into_view_if_needed()
            option.first.click()
            feedback = page.locator(".as-feedback code")
            feedback.first.wait_for(timeout=30_000)
            feedback.first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "player-in-jupyterlab.png"))
            cited = set(feedback.all_inner_texts())
            assert cited and cited <= set(library.rules), cited
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "player-failure.png"))
            raise
        finally:
            browser.close()
    with closing(sqlite3.connect(lab["db"])) as conn:
        rows = conn.execute(
            "select t.name, a.scenario_id, count(n.id) from attempts a join trainees t on t.id = a.trainee_id "
            "left join answers n on n.attempt_id = a.id group by a.id"
        ).fetchall()
    assert ("browser.trainee", "discontinued-blender-no-restock", 1) in rows
