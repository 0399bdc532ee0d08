from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

pytest.register_assert_rewrite("warden.testing")
from warden.testing import FAKE_ENV  # noqa: E402

# Warden's fixtures for rule authors are a plugin a project asks for; it does not register itself.
pytest_plugins = ["warden.testing"]

SAMPLES = Path(__file__).parent / "samples"

# Never let a test reach real AWS: fake credentials before anything creates a client.
for _key, _value in FAKE_ENV.items():
    os.environ[_key] = _value
os.environ.pop("AWS_PROFILE", None)
# `warden scan` records every result in the user's scan history: keep the tests' out of the real one.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="warden-test-data-")


@pytest.fixture
def samples() -> Path:
    return SAMPLES
