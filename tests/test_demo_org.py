from __future__ import annotations

import io

from moto import mock_aws

from warden import demo_org
from warden.aws import Clients
from warden.demo_account import seed


def test_the_demo_scans_a_two_account_organization_in_one_run():
    out = io.StringIO()
    with mock_aws():
        seed(Clients(), "us-east-1")  # the demo's own account, seeded before this step
        demo_org.run(out, "us-east-1")
    text = out.getvalue()
    rows = [line.split() for line in text.splitlines() if line.startswith("   ") and line.split()[0].isdigit()]
    assert len(rows) == 2 and {row[-4] for row in rows} == {"scanned"}
    assert [row[1] for row in rows].count(demo_org.MEMBER_NAME) == 1
    # both accounts hold the demo's seeded violations, and every account's reads worked
    assert all(int(row[-2]) > 0 and row[-1] == "0" for row in rows), text
