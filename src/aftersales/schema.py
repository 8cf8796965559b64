"""JSON Schemas for the content files, generated from the models so editors can autocomplete.

`python -m aftersales.schema` rewrites `schema/`; a test fails when the committed files are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .models import Chapter, Ladder, Scenario

SCHEMAS = {
    "scenario.schema.json": (Scenario, "aftersales scenario"),
    "playbook.schema.json": (Chapter, "aftersales playbook chapter"),
    "levels.schema.json": (Ladder, "aftersales level ladder"),
}


def render(model, title: str) -> str:
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (model, title) in SCHEMAS.items():
        path = folder / name
        path.write_text(render(model, title), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "schema")):
        print(path)
