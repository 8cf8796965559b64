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


PG_URL_VAR = "AFTERSALES_TEST_PG_URL"


def _fresh_postgres(url: str) -> str:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        for name in inspect(conn).get_table_names():
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty progress database: a SQLite file, or the PostgreSQL server CI starts."""
    if request.param == "sqlite":
        return str(tmp_path / "progress.sqlite")
    import os

    url = os.environ.get(PG_URL_VAR)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_VAR} is not set under CI: .ci/run must start PostgreSQL")
        pytest.skip(f"no PostgreSQL server: set {PG_URL_VAR} (CI starts one with .ci/postgres.sh)")
    return _fresh_postgres(url)


@pytest.fixture
def store(db_url):
    from aftersales.store import Store

    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path):
    """A fresh SQLite store at tmp_path/w.sqlite (widget tests export it with the CLI)."""
    from aftersales.store import Store

    opened = Store.open(str(tmp_path / "w.sqlite"))
    yield opened
    opened.close()
