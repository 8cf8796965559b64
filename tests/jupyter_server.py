"""Start a real Jupyter server (lab or plain server) for a test, configured as `make lab` is."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyter(app: str, root: Path, workdir: Path, env: dict | None = None):
    """`jupyter lab|server` on 127.0.0.1 with a random token and the repo's etc/jupyter config."""
    port, token = free_port(), secrets.token_hex(16)
    full_env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(workdir / "jupyter-config"),
        "JUPYTER_RUNTIME_DIR": str(workdir / "jupyter-runtime"),
        "JUPYTER_CONFIG_PATH": str(REPO / "etc" / "jupyter"),  # what `make lab` exports
        **(env or {}),
    }
    # No "get notified about Jupyter news?" toast over the page in screenshots.
    settings = workdir / "lab-user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    log_path = workdir / f"{app}.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter",
                app,
                "--no-browser",
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                f"--IdentityProvider.token={token}",
                f"--ServerApp.root_dir={root}",
                "--LabApp.news_url=",
                f"--LabApp.user_settings_dir={workdir / 'lab-user-settings'}",
                f"--LabApp.workspaces_dir={workdir / f'lab-workspaces-{port}'}",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            ],
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError(
                            f"jupyter {app} did not start: " + log_path.read_text()[-2000:]
                        ) from None
                    time.sleep(0.3)
            yield {"url": url, "token": token, "log": log_path}
        finally:
            server.terminate()
            server.wait(timeout=30)
