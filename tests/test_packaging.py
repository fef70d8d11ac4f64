"""The package as users install it: every package folder is listed, and the models ship inside."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_package_folder_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    folders = {"thai_extract" + "".join("." + part for part in p.parent.relative_to(ROOT / "pipeline").parts)
               for p in (ROOT / "pipeline").rglob("__init__.py")}
    assert folders <= listed, f"add {sorted(folders - listed)} to [tool.setuptools] packages"
    assert config["package-dir"] == {"thai_extract": "pipeline", "thai_extract.models": "models"}
