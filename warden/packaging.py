"""Lay out Warden's Lambda code: the packages the three functions import, and nothing that only the
command line, the demo, the template generator or tests use.

    python -m warden.packaging build/lambda
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Modules of the top layer: they may import everything, and no function imports them.
NOT_IN_LAMBDA = frozenset(
    {
        "__main__.py",
        "cli.py",
        "cli_remediation.py",
        "cli_report.py",
        "demo.py",
        "demo_account.py",
        "pipeline.py",
        "template.py",
        "testing.py",
        "packaging.py",
    }
)
FEATURES = ("rules", "trail", "remediations", "reports")


def lambda_sources() -> dict[Path, Path]:
    """Every file to ship, source path → path inside the package root."""
    sources: dict[Path, Path] = {}
    for path in (ROOT / "warden").rglob("*"):
        relative = path.relative_to(ROOT)
        if path.is_file() and "__pycache__" not in path.parts and not _top_layer(relative):
            sources[path] = relative
    for feature in FEATURES:
        for path in (ROOT / feature).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                sources[path] = Path("warden") / path.relative_to(ROOT)
    return sources


def _top_layer(relative: Path) -> bool:
    return len(relative.parts) == 2 and relative.name in NOT_IN_LAMBDA


def build(target: Path) -> int:
    for source, relative in lambda_sources().items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    return len(lambda_sources())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m warden.packaging TARGET_DIR")
    print(f"{build(Path(sys.argv[1]))} files in {sys.argv[1]}/warden")
