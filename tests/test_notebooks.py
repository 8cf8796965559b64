"""The notebooks as a trainee meets them: prose and widgets, no outputs committed, worked examples
that never give away a practice case, and a `git pull` that a trainee's runs cannot block."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import urllib.request

from jupyter_server import jupyter

from aftersales import notebook
from aftersales.cases import family_cases
from aftersales.engine import Attempt

AUTHORING = "95_authoring.ipynb"


def notebooks(repo_root):
    found = sorted((repo_root / "notebooks").glob("*.ipynb"))
    assert len(found) >= 12
    return found


def test_committed_notebooks_carry_no_outputs_or_widget_state(repo_root):
    for path in notebooks(repo_root):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert "widgets" not in nb["metadata"], path.name
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


def test_trainee_notebooks_hide_their_code(repo_root):
    for path in notebooks(repo_root):
        if path.name == AUTHORING:  # authors edit YAML in code cells on purpose
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["metadata"]["jupyter"]["source_hidden"] is True, path.name
                assert len("".join(cell["source"]).strip().splitlines()) <= 3, path.name


def test_every_family_has_a_notebook_with_a_picker(repo_root, library):
    text = " ".join(p.read_text(encoding="utf-8") for p in notebooks(repo_root))
    for family in {s.family for s in library.scenarios.values()}:
        assert f'practice(\\"{family}\\"' in text or f"practice('{family}'" in text, family


def test_worked_examples_play_to_their_end_and_are_never_practice_cases(library):
    examples = notebook.worked_examples()
    assert examples
    shown = notebook.example_cases()
    for key, example in examples.items():
        attempt = Attempt(library, example["case"])
        while not attempt.finished:
            answer = example["answers"][attempt.current]
            written = answer == notebook.MODEL
            attempt.answer(attempt.step.model_answer.en if written else answer, seconds=1)
        assert attempt.result().score > 0, key
    for lang in ("en", "zh"):  # `model` shows the model answer in the reader's language
        page = notebook.worked_example("stock-out", lang=lang).data
        call = library.scenarios[examples["stock-out"]["case"]].step("call")
        assert html.escape(call.model_answer.in_lang(lang)[:20]) in page
    for family in {s.family for s in library.scenarios.values()}:
        practice = [c for c in family_cases(library, family) if c not in shown]
        assert practice, f"{family} has no practice case left"


def test_the_practice_picker_leaves_out_every_worked_example(library, tmp_path, monkeypatch):
    monkeypatch.setenv("AFTERSALES_DB", str(tmp_path / "nb.sqlite"))
    notebook.store.cache_clear()
    try:
        picker = notebook.practice("stock-out")
        offered = {v for _, v in picker.case.options}
        assert offered and not offered & notebook.example_cases()
        assert "Score" in notebook.worked_example("start-here").data
    finally:
        notebook.store().close()
        notebook.store.cache_clear()


def _git(cwd, *args):
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def _save_through_jupyter(server, path: str, nb: dict) -> None:
    """Save a notebook the way JupyterLab does: PUT the model to the contents API."""
    body = json.dumps({"type": "notebook", "format": "json", "content": nb}).encode()
    request = urllib.request.Request(
        f"{server['url']}/api/contents/{path}?token={server['token']}", data=body, method="PUT"
    )
    request.add_header("Content-Type", "application/json")
    urllib.request.urlopen(request, timeout=30).read()


def test_a_trainees_runs_never_block_git_pull(repo_root, tmp_path):
    origin = tmp_path / "origin"
    shutil.copytree(repo_root / "notebooks", origin / "notebooks")
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "content")
    trainee = tmp_path / "trainee"
    _git(tmp_path, "clone", "-q", str(origin), str(trainee))

    # The trainee runs a notebook and JupyterLab saves it: outputs, counts, widget state and the
    # kernel's language_info are in the model it saves.
    path = trainee / "notebooks" / "10_stock_out.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb["metadata"]["language_info"] = {
        "name": "python",
        "version": "3.11.7",
        "mimetype": "text/x-python",
    }
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-11-23T10:00:00Z"}
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran\n"}]
    with jupyter("server", trainee, tmp_path) as server:
        _save_through_jupyter(server, "notebooks/10_stock_out.ipynb", nb)
    assert _git(trainee, "status", "--porcelain", "--untracked-files=no") == ""

    # New content upstream, in the same notebook: the trainee's pull just works.
    upstream = origin / "notebooks" / "10_stock_out.ipynb"
    nb = json.loads(upstream.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = "".join(nb["cells"][0]["source"]) + "\n\nNew this week."
    upstream.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _git(origin, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qam", "more")
    _git(trainee, "pull", "-q")
    assert "New this week." in path.read_text(encoding="utf-8")
