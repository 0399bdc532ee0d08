"""ruff and mypy run with the suite, so style and type drift fail CI like any other regression."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from warden.packaging import FEATURES

ROOT = Path(__file__).parent.parent


def _tool(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def test_ruff_lint_is_clean():
    done = subprocess.run(
        [_tool("ruff"), "check", "--no-cache", str(ROOT)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean():
    done = subprocess.run(
        [_tool("ruff"), "format", "--check", "--no-cache", str(ROOT)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_finds_no_type_errors(tmp_path):
    # mypy cannot follow the build backend's package-dir mapping, so it reads a tree of links laid out as
    # Warden installs: warden/ with rules/, trail/, remediations/ and reports/ inside it.
    package = tmp_path / "warden"
    package.mkdir()
    for entry in (ROOT / "warden").iterdir():
        (package / entry.name).symlink_to(entry)
    for feature in FEATURES:
        (package / feature).symlink_to(ROOT / feature)
    done = subprocess.run(
        [_tool("mypy"), "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", "-p", "warden"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
