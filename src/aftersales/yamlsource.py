"""YAML that remembers where each value came from, so errors can say `path:line`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser is several times faster than the pure-Python one; the constructor stays
# Python either way, which is what lets us attach line numbers below.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One content problem, printed as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict


class LineList(list):
    line: int = 0
    item_lines: list


class _LineLoader(_BaseLoader):
    duplicate_keys: list

    def construct_mapping(self, node, deep=False):
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in mapping:
                self.duplicate_keys.append((line, key))
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = line
        return mapping

    def construct_sequence(self, node, deep=False):
        items = LineList(self.construct_object(child, deep=deep) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_yaml(path: Path, label: str) -> tuple[object | None, list[Problem]]:
    """Parse one file; return its data (None when unreadable) and the problems found."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(label, 1, f"cannot read file: {err}")]
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (err.context, err.problem) if part)
        return None, [Problem(label, line, f"invalid YAML: {what}")]
    except yaml.YAMLError as err:
        return None, [Problem(label, 1, f"invalid YAML: {err}")]
    finally:
        loader.dispose()
    problems = [
        Problem(label, line, f"duplicate key '{key}'") for line, key in loader.duplicate_keys
    ]
    return data, problems


def locate(data: object, loc: tuple) -> int:
    """Line of the deepest value on `loc` (a pydantic-style path) that the data still has."""
    line = getattr(data, "line", 1) or 1
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
