"""The deployed daily report: read Warden's evaluations back from AWS Config, write the day's partitions
and the rendered page to the reports bucket."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warden.reports import asff, lake, model
from warden.reports.config_source import scan_result_from_config, scan_results_from_aggregator
from warden.reports.html import render_html

from warden.registry import Rule


@dataclass(frozen=True)
class DailyReport:
    clients: Any
    rules: Sequence[Rule]
    bucket: str
    prefix: str
    account_id: str
    region: str
    aggregator: str | None = None
    security_hub: bool = False

    def run(self, now: dt.datetime | None = None) -> dict[str, Any]:
        now = now or dt.datetime.now(dt.UTC)
        config = self.clients.client("config", self.region)
        if self.aggregator:
            results = scan_results_from_aggregator(config, self.aggregator, self.rules, now=now)
        else:
            results = [
                scan_result_from_config(config, self.rules, account_id=self.account_id, region=self.region, now=now)
            ]
        report = model.build(results, now=now)
        s3 = self.clients.client("s3", self.region)

        def put(key: str, body: str, content_type: str) -> None:
            s3.put_object(Bucket=self.bucket, Key=f"{self.prefix}/{key}", Body=body.encode(), ContentType=content_type)

        keys = lake.write(put, report, render_html(report), now.date())
        summary: dict[str, Any] = {
            "evaluations": len(report.rows),
            "failed": report.totals.failed,
            "errors": len(report.errors),
            "objects": len(keys),
            "report": f"s3://{self.bucket}/{self.prefix}/{keys[-1]}",
        }
        if self.security_hub:
            imported = asff.import_findings(self.clients.client("securityhub", self.region), asff.findings(report))
            summary["security_hub"] = {"imported": imported.imported, "rejected": imported.failed[:20]}
        return summary
