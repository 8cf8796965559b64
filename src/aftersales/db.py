"""The progress database: where it lives, its tables, and migrations between schema versions.

SQLite by default (one file: `AFTERSALES_DB` as a path or URL, else ~/.aftersales/progress.sqlite),
PostgreSQL when `AFTERSALES_DB` is a postgresql:// URL. The same SQLAlchemy Core tables serve both.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine

from .errors import StoreError

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000
MAX_TEXT = 10_000  # a trainee's reply is stored as written up to this many characters

metadata = MetaData()

meta = Table(
    "meta", metadata, Column("key", String(50), primary_key=True), Column("value", String(200))
)

trainees = Table(
    "trainees",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(10), nullable=False, default="trainee"),
    Column("created_at", String(32), nullable=False),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("trainee_id", Integer, ForeignKey("trainees.id"), nullable=False),
    Column("scenario_id", String(100), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("lang", String(5), nullable=False),
    Column("seed", Integer, nullable=False, default=0),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("score", Integer),
    Column("passed", Integer),
    Column("outcome", String(30)),
    Column("state", Text, nullable=False),
    Index("ix_attempts_trainee", "trainee_id", "started_at"),
)

answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("step_id", String(100), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("choice", Text),
    Column("text", Text),
    Column("seconds", Float),
    Index("ix_answers_attempt", "attempt_id"),
)

rule_outcomes = Table(
    "rule_outcomes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id"), nullable=False),
    Column("step_id", String(100), nullable=False),
    Column("rule_id", String(100), nullable=False),
    Column("outcome", String(10), nullable=False),
    Column("credit", Float, nullable=False),
    Column("evidence", Text),
    Column("source", String(10), nullable=False, default="auto"),
    Column("review_id", Integer, ForeignKey("reviews.id")),
    Index("ix_outcomes_attempt", "attempt_id"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id"), nullable=False),
    Column("step_id", String(100), nullable=False),
    Column("mentor_id", Integer, ForeignKey("trainees.id"), nullable=False),
    # Neither written nor read any more (mentor verdicts replace the checker's instead); kept so
    # stores of schema 2 open without a migration.
    Column("score_override", Integer),
    Column("comment", Text),
    Column("created_at", String(32), nullable=False),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("trainee_id", Integer, ForeignKey("trainees.id"), nullable=False),
    Column("scenario_id", String(100), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def resolve_url(value: str | None = None) -> str:
    """`AFTERSALES_DB` (a path or a URL), else a file under the user's home."""
    value = value or os.environ.get("AFTERSALES_DB")
    if not value:
        value = str(Path.home() / ".aftersales" / "progress.sqlite")
    if "://" in value:
        return value
    path = Path(value).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Autocommit at the driver level, so that the "begin" hook below decides how to begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection) -> None:
    # BEGIN IMMEDIATE takes the write lock up front; a deferred transaction that later upgrades
    # to a writer can fail with "database is locked" without ever waiting for busy_timeout.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None) -> Engine:
    url = resolve_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def schema_version(engine: Engine) -> int:
    """0 for an empty database, else the version recorded in `meta`."""
    names = set(inspect(engine).get_table_names())
    if "meta" not in names:
        return 1 if "attempts" in names else 0
    with engine.connect() as conn:
        value = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(value) if value else 0


def prepare(engine: Engine) -> Path | str | None:
    """Create or migrate the schema. Returns the backup written before a migration, if any."""
    version = schema_version(engine)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"this progress database was written by a newer aftersales (schema {version}; "
            f"this version knows up to {SCHEMA_VERSION}). Upgrade aftersales to open it."
        )
    if version == SCHEMA_VERSION:
        return None
    if version == 0:
        with engine.begin() as conn:
            metadata.create_all(conn)
            conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        return None
    backup = backup_database(engine, version)
    with engine.begin() as conn:
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        conn.execute(meta.delete().where(meta.c.key == "schema_version"))
        conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
    return backup


def backup_database(engine: Engine, version: int) -> Path | str:
    """Copy the database before migrating: a file copy for SQLite, backup tables for PostgreSQL."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    if engine.url.get_backend_name() == "sqlite":
        source = Path(engine.url.database)
        target = source.with_name(f"{source.stem}.v{version}-backup-{stamp}{source.suffix}")
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        return target
    names = inspect(engine).get_table_names()
    with engine.begin() as conn:
        for name in names:
            if not name.startswith("backup_"):
                conn.execute(
                    text(f'CREATE TABLE "backup_v{version}_{stamp}_{name}" AS TABLE "{name}"')
                )
    return f"backup_v{version}_{stamp}_*"


def _migrate_1_to_2(conn) -> None:
    """Version 2 adds casebook notes, per-answer timing and the schema version record."""
    notes.create(conn)
    meta.create(conn, checkfirst=True)
    conn.execute(text("ALTER TABLE answers ADD COLUMN seconds FLOAT"))


MIGRATIONS = {1: _migrate_1_to_2}
