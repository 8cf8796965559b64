"""Project plumbing: committed schemas are fresh, environment.yml agrees with pyproject.toml."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

from aftersales.schema import SCHEMAS, render


def test_committed_json_schemas_are_fresh(repo_root):
    for name, (model, title) in SCHEMAS.items():
        committed = (repo_root / "schema" / name).read_text(encoding="utf-8")
        assert committed == render(model, title), f"schema/{name} is stale: run `make schema`"


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].lower()


def test_environment_yml_agrees_with_pyproject(repo_root):
    project = tomllib.loads((repo_root / "pyproject.toml").read_text())["project"]
    declared = {}
    for spec in project["dependencies"] + project["optional-dependencies"]["dev"]:
        req = Requirement(spec)
        declared[req.name.lower()] = req.specifier
    env = yaml.safe_load((repo_root / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert any(line.startswith("-e .") for line in pip), "environment.yml must install the package"
    conda_names = {_name(d) for d in conda} - {"python", "pip"}
    assert conda_names >= {"jupyterlab", "ipywidgets", "pandas", "nbval", "pytest"}
    for spec in conda:
        name = _name(spec)
        if name in ("python", "pip"):
            continue
        assert name in declared, f"{name} is in environment.yml but not in pyproject.toml"
        assert str(Requirement(spec).specifier) == str(declared[name]), name
    python = next(d for d in conda if _name(d) == "python")
    assert (
        Requirement(python).specifier
        == Requirement("python" + project["requires-python"]).specifier
    )


def test_importing_the_package_is_light():
    code = "import sys, aftersales; print(','.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    modules = set(loaded.stdout.strip().split(","))
    assert not modules & {"pydantic", "pandas", "sqlalchemy", "ipywidgets", "yaml"}
