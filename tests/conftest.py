from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aftersales.content import Library, load_library

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(REPO)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped playbook and scenarios that a test may break."""
    for folder in ("playbook", "scenarios"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path
