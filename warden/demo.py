"""`warden demo`: Warden's main job on an embedded moto account, start to finish, in one process."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from warden.model import Compliance


def run(out: TextIO, output_dir: Path, region: str = "us-east-1") -> int:
    # moto's in-process AWS: fake credentials, and nothing here may reach a real endpoint.
    for key, value in {
        "AWS_ACCESS_KEY_ID": "demo",
        "AWS_SECRET_ACCESS_KEY": "demo",
        "AWS_DEFAULT_REGION": region,
    }.items():
        os.environ[key] = value
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.pop("AWS_PROFILE", None)
    from moto import mock_aws

    from reports.scan_formats import render_json, render_table
    from warden import demo_account
    from warden.aws import Clients
    from warden.registry import load_rules
    from warden.scan import Scanner

    with mock_aws():
        clients = Clients()
        out.write(f"Seeding a demo account in moto ({region}) with compliant and non-compliant resources …\n")
        demo_account.seed(clients, region)
        rules = load_rules().all()
        out.write(f"Scanning with {len(rules)} rules …\n\n")
        result = Scanner(clients).run(rules, [region]).to_dict()
    out.write(render_table(result))
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / "demo-scan.json"
    target.write_text(render_json(result))
    failing = sum(e["compliance"] == Compliance.NON_COMPLIANT.value for e in result["evaluations"])
    out.write(f"\nScan results written to {target} ({failing} findings).\n")
    out.write(json.dumps({"api_calls": result["stats"]["api_calls"]}) + "\n")
    return 0
