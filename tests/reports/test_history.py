"""The scan history: migrations, trends over days, mean time to remediate, and `warden report --since`."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3

import pytest
from warden.reports.history import MIGRATIONS, SCHEMA_VERSION, History, HistoryError, mean_time_to_remediate

from warden.cli import main

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _scan(day: dt.datetime, states: dict[str, str], account="123456789012", region="us-east-1"):
    stamp = day.isoformat()
    return {
        "schema": "warden.scan/v2",
        "partial": False,
        "expired_exemptions": [],
        "account_id": account,
        "regions": [region],
        "started_at": stamp,
        "finished_at": stamp,
        "errors": [],
        "evaluations": [
            {
                "rule_id": "s3-bucket-ssl-requests-only",
                "controls": ["S3.5"],
                "severity": "MEDIUM",
                "resource_type": "AWS::S3::Bucket",
                "resource_id": name,
                "resource_arn": f"arn:aws:s3:::{name}",
                "region": region,
                "account_id": account,
                "compliance": compliance,
                "annotation": compliance,
                "remediation_id": "s3-enforce-ssl",
            }
            for name, compliance in states.items()
        ],
    }


def test_an_older_history_is_migrated_in_place_and_keeps_its_scans(tmp_path):
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO scans VALUES (1, '123456789012', '[\"us-east-1\"]', ?, ?, 0)", (NOW.isoformat(),) * 2)
    db.execute(
        "INSERT INTO evaluations VALUES (1, 's3-bucket-ssl-requests-only', 'S3.5', 'MEDIUM', 'AWS::S3::Bucket', 'b',"
        " 'arn:aws:s3:::b', '123456789012', 'us-east-1', 'NON_COMPLIANT', 'no TLS', 's3-enforce-ssl')"
    )
    db.commit()
    db.close()
    history = History(path)
    assert history.version == SCHEMA_VERSION == 2
    [result] = history.latest_results(NOW - dt.timedelta(days=1))
    assert [e["resource_id"] for e in result["evaluations"]] == ["b"]
    assert result["partial"] is False
    history.close()


def test_a_newer_history_is_refused(tmp_path):
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(HistoryError, match="newer than this Warden"):
        History(path)


def test_two_scans_a_day_apart_make_the_trend(tmp_path):
    history = History(tmp_path / "h.sqlite3")
    history.record(_scan(NOW - dt.timedelta(days=1), {"a": "NON_COMPLIANT", "b": "NON_COMPLIANT", "c": "COMPLIANT"}))
    history.record(_scan(NOW, {"a": "COMPLIANT", "b": "NON_COMPLIANT", "c": "COMPLIANT", "d": "NON_COMPLIANT"}))
    days = history.trend(NOW - dt.timedelta(days=3))
    assert [(d.day, d.score, d.failed, d.opened, d.closed) for d in days] == [
        ((NOW - dt.timedelta(days=1)).date().isoformat(), 33.3, 2, 2, 0),
        (NOW.date().isoformat(), 50.0, 2, 1, 1),
    ]
    # A window that starts after the first scan starts from what that scan saw.
    assert [(d.opened, d.closed) for d in history.trend(NOW - dt.timedelta(hours=1))] == [(1, 1)]
    history.close()


def test_mean_time_to_remediate_pairs_detection_with_its_fix():
    records = [
        {"time": "2026-11-01T00:00:00+00:00", "outcome": "DETECTED", "rule": "r", "resource_arn": "x"},
        {"time": "2026-11-01T02:00:00+00:00", "outcome": "REMEDIATED", "rule": "r", "resource_arn": "x"},
        {"time": "2026-11-02T00:00:00+00:00", "outcome": "DETECTED", "rule": "r", "resource_arn": "y"},
        {"time": "2026-11-02T04:00:00+00:00", "outcome": "REMEDIATED", "rule": "r", "resource_arn": "y"},
        {"time": "2026-11-03T00:00:00+00:00", "outcome": "DETECTED", "rule": "r", "resource_arn": "z"},
    ]
    assert mean_time_to_remediate(records) == dt.timedelta(hours=3)
    assert mean_time_to_remediate(records[-1:]) is None


def test_report_since_prints_the_trend_from_the_history(tmp_path):
    path = tmp_path / "h.sqlite3"
    history = History(path)
    history.record(_scan(NOW - dt.timedelta(days=1), {"a": "NON_COMPLIANT"}))
    history.record(_scan(NOW, {"a": "COMPLIANT"}))
    history.close()
    out, err = io.StringIO(), io.StringIO()
    assert main(["report", "--since", "30d", "--history", str(path)], out, err) == 0, err.getvalue()
    text = out.getvalue()
    assert "Score 100.0%" in text  # the latest scan is the report's input
    assert f"{NOW.date().isoformat()}  100.0%       0       0       1" in text
    assert main(["report", "--since", "30x", "--history", str(path)], io.StringIO(), err) == 2


def test_every_scan_is_recorded_unless_told_not_to(aws, tmp_path):
    from warden.demo_account import seed

    seed(aws.clients)
    path = tmp_path / "h.sqlite3"
    argv = ["scan", "--control", "S3.5", "--format", "json", "--output", str(tmp_path / "s.json")]
    assert main([*argv, "--history", str(path)], io.StringIO(), io.StringIO()) == 0
    assert main([*argv, "--history", str(path)], io.StringIO(), io.StringIO()) == 0
    assert main([*argv, "--no-history"], io.StringIO(), io.StringIO()) == 0
    history = History(path)
    assert len(history.scans(NOW - dt.timedelta(days=1))) == 2
    history.close()
