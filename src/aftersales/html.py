"""Escaping for every view: a trainee's reply, a mentor's comment and even content strings are
shown as text, never as markup."""

from __future__ import annotations

from html import escape


def esc(value) -> str:
    return escape("" if value is None else str(value), quote=True)
