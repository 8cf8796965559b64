"""Who is practising: JUPYTERHUB_USER, else AFTERSALES_TRAINEE, else the OS user."""

from __future__ import annotations

import getpass
import os


def trainee_name() -> str:
    return (
        os.environ.get("JUPYTERHUB_USER")
        or os.environ.get("AFTERSALES_TRAINEE")
        or getpass.getuser()
    )


def ui_lang() -> str:
    """AFTERSALES_LANG=en|zh (anything starting with zh means Chinese); English by default."""
    return "zh" if os.environ.get("AFTERSALES_LANG", "en").lower().startswith("zh") else "en"
