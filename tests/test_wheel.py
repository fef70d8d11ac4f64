"""A normal install works: the wheel carries the models, and installs nothing but ``thai_extract``.

The wheel is built from this checkout and installed (without its dependencies, which this test's
own environment lends through a path file) into a fresh virtual environment outside the repository;
``thai-extract run`` then processes the sample article from another folder, one that holds files
named ``pipeline.py`` and ``cli.py`` of its own.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_ARTICLE


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    build = tmp_path_factory.mktemp("build")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                            capture_output=True, text=True, cwd=build)
    assert result.returncode == 0, result.stderr
    [built] = dist.glob("thai_extract-*.whl")
    return built


def test_the_wheel_holds_only_the_package_and_its_models(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    assert top == {"thai_extract", wheel.name.split("-py")[0] + ".dist-info"}  # no `cli` or `pipeline` module
    for model in ("entities/crf.model", "spelling/lm.npz", "sentences/sentences.json.gz",
                  "cooperation/taxonomy.toml", "cooperation/parties.toml"):
        assert f"thai_extract/models/{model}" in names
    assert "thai_extract/report/templates/report.html.j2" in names
    entry_points = zipfile.ZipFile(wheel).read(f"{wheel.name.split('-py')[0]}.dist-info/entry_points.txt").decode()
    assert "thai-extract = thai_extract.cli:main" in entry_points


@pytest.mark.slow
def test_an_installed_wheel_runs_the_sample_article_from_another_folder(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies come from this environment (a path line, so its editable finder is not loaded)
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "pipeline.py").write_text("raise ImportError('the user\\'s own pipeline.py')\n")
    (elsewhere / "cli.py").write_text("raise ImportError('the user\\'s own cli.py')\n")
    result = subprocess.run([str(env_dir / "bin" / "thai-extract"), "run", str(SAMPLE_ARTICLE), "--out", "out", "-j", "1"],
                            cwd=elsewhere, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    where = subprocess.run([str(python), "-c", "import thai_extract.resources as r; print(r.models_dir())"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout
    assert where.startswith(site)  # the packaged models, not the checkout's
    check = subprocess.run([str(python), "-c",
                            "import pandas as pd; print(len(pd.read_parquet('out/tokens')), "
                            "sorted(set(pd.read_parquet('out/entities').canonical.dropna())))"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout
    assert int(check.split()[0]) > 500 and "MY" in check
