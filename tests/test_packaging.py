"""What a user installs: a wheel built from this checkout, in a fresh virtual environment.

The suite once passed on an editable install while `pip install .` gave users a package
missing three subpackages. These tests build the wheel, check that everything in it lives
under the ``newsgloss`` import name, install it into a new environment and run the
``newsgloss`` it installs from outside the checkout, in a real terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import distribution
from pathlib import Path

import pytest
from terminal import Terminal

import newsgloss.corpus

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "annotations", "tui")
UNCOPIED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*cache", "*.db*"
)


def test_the_tests_import_the_installed_package_not_the_checkout() -> None:
    location = Path(newsgloss.corpus.__file__).resolve()
    advice = "install it as users do, with the README's test command (`pip install`, not `-e`)"
    assert not location.is_relative_to(ROOT / "corpus"), f"imported from the checkout: {advice}"
    installed = json.loads(distribution("newsgloss").read_text("direct_url.json") or "{}")
    assert not installed.get("dir_info", {}).get("editable"), f"an editable install: {advice}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built offline from a copy of the checkout (a build leaves files behind)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=UNCOPIED)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(work / "dist"), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = (work / "dist").glob("newsgloss-*.whl")
    return built


def test_the_wheel_holds_every_module_and_nothing_outside_newsgloss(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    outside = {n for n in names if not n.startswith(("newsgloss/", "newsgloss-"))}
    assert not outside, f"installed outside the newsgloss import name: {sorted(outside)}"
    expected = {
        "newsgloss/" + path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*")
        if path.is_file() and path.suffix in {".py", ".tcss", ".txt", ".md"}
        and "__pycache__" not in path.parts
    }  # fmt: skip
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert "newsgloss/corpus/sample/000_0f38e5224290d3f5.txt" in names


def fresh_environment(root: Path, wheel: Path) -> Path:
    """A new virtual environment holding only the wheel; its dependencies are borrowed
    from this environment's site-packages (less newsgloss itself) through a .pth file,
    so the test needs no network."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
        + ["--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    borrowed = root / "borrowed"
    borrowed.mkdir()
    for entry in ours.iterdir():
        if not entry.name.lower().startswith(("newsgloss", "__editable__")):
            (borrowed / entry.name).symlink_to(entry)
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "borrowed.pth").write_text(f"{borrowed}\n")
    return root / "bin"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_installed_wheel_runs_from_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    bin_dir = fresh_environment(tmp_path / "venv", wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    db = elsewhere / "user.db"
    env = {"PATH": os.environ["PATH"], "HOME": str(elsewhere), "NEWSGLOSS_DB": str(db)}

    def newsgloss(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [bin_dir / "newsgloss", *args],
            capture_output=True, text=True, cwd=elsewhere, env=env, timeout=120,
        )  # fmt: skip

    where = subprocess.run(
        [bin_dir / "python", "-c", "import newsgloss.tui.article.view as m; print(m.__file__)"],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stderr
    version = newsgloss("--version")
    assert version.returncode == 0 and version.stdout.startswith("newsgloss, version 0."), version

    term = Terminal(
        [bin_dir / "newsgloss"], {**env, "TERM": "xterm-256color"}, size=(100, 30), cwd=elsewhere
    )
    try:
        screen = term.wait_for("Moscow, Russia", timeout=60)  # the second sample article
        assert "MOSCOW — Russian President" in screen  # the first
        term.wait_for("■ GPE", timeout=90)  # analysed by the installed `newsgloss analyze`
        term.press("q")
        term.wait_until_closed()
    finally:
        term.close()
    docs = newsgloss("docs")
    assert docs.returncode == 0, docs.stderr
    assert len(docs.stdout.splitlines()) == 5  # the reader stored the sample corpus
