"""A Jupyter server pre-save hook that keeps the shipped notebooks exactly as committed.

A trainee runs notebooks all day and JupyterLab saves them. If outputs, execution counts or
kernel metadata reached the files, `git pull` of new content would stop with "your local
changes would be overwritten". This hook strips them before every save, so a saved notebook is
byte-for-byte the committed one and progress lives only in the store, where it belongs.
(A git clean filter cannot do this: git treats a file whose size changed as modified without
running the filter.) `make lab` loads it from `etc/jupyter/jupyter_server_config.json`.
"""

from __future__ import annotations

from nbformat import from_dict
from nbstripout import strip_output

# What a run or a save adds that the committed notebooks never carry.
EXTRA_KEYS = [
    "metadata.signature",
    "metadata.widgets",
    "cell.metadata.collapsed",
    "cell.metadata.ExecuteTime",
    "cell.metadata.execution",
    "cell.metadata.scrolled",
    "cell.metadata.trusted",
]


def scrub_outputs(model: dict, **_kwargs) -> None:
    """ContentsManager.pre_save_hook: strip a notebook model in place before it is written."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = from_dict(model["content"])
    strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=EXTRA_KEYS)
    # The kernel fills in its version, mimetype and so on; the committed files name the language.
    if "language_info" in nb.metadata:
        nb.metadata["language_info"] = {"name": nb.metadata["language_info"].get("name", "python")}
    model["content"] = nb
