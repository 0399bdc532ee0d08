from __future__ import annotations

import io
import json

from warden import schemas
from warden.cli import main


def test_demo_runs_on_the_embedded_account_and_writes_valid_results(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # the demo must ignore it and stay in-process
    out = io.StringIO()
    assert main(["demo", "--output-dir", str(tmp_path)], out, io.StringIO()) == 0
    document = json.loads((tmp_path / "demo-scan.json").read_text())
    schemas.validate(document, "scan")
    text = out.getvalue()
    assert "non-compliant" in text and "s3-bucket-ssl-requests-only" in text
    assert document["errors"] == []
    assert sum(e["compliance"] == "NON_COMPLIANT" for e in document["evaluations"]) >= 20
