"""The layout is the architecture: the core imports no feature folder, and Lambda ships no top layer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from warden import packaging

ROOT = Path(__file__).parent.parent
FEATURE_PACKAGES = tuple(f"warden.{feature}" for feature in packaging.FEATURES)
CORE = sorted(
    path
    for path in (ROOT / "warden").rglob("*.py")
    if not (len(path.relative_to(ROOT).parts) == 2 and path.name in packaging.NOT_IN_LAMBDA)
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_no_feature_folder(path):
    feature_imports = sorted(
        name for name in _imports(path) if name.startswith(FEATURE_PACKAGES) or name in FEATURE_PACKAGES
    )
    assert feature_imports == [], f"{path.relative_to(ROOT)} imports {feature_imports}"


def test_nothing_imports_the_generic_top_level_names():
    generic = set(packaging.FEATURES)
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path) if n.split(".")[0] in generic)
        for folder in ("warden", *packaging.FEATURES, "tests", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_lambda_package_holds_the_handlers_and_no_top_layer(tmp_path):
    packaging.build(tmp_path)
    shipped = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.py")}
    assert {"warden/rules/handler.py", "warden/trail/handler.py", "warden/remediations/handler.py"} <= shipped
    assert not {f"warden/{name}" for name in packaging.NOT_IN_LAMBDA} & shipped
    assert "warden/schemas/finding.schema.json" in {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.json")}
    # The handlers import from the shipped tree alone, and pull in none of the top layer.
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import warden.rules.handler, warden.trail.handler, warden.remediations.handler;"
        "import warden; assert warden.__file__.startswith(sys.argv[1]), warden.__file__;"
        "top = sorted(m for m in sys.modules if m.split('.')[-1] + '.py' in sys.argv[2].split(',')"
        " and m.count('.') == 1 and m.startswith('warden.'));"
        "assert not top, top"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path), ",".join(packaging.NOT_IN_LAMBDA)],
        capture_output=True,
        text=True,
        check=False,
        env={"AWS_DEFAULT_REGION": "us-east-1", "POWERTOOLS_TRACE_DISABLED": "true", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
