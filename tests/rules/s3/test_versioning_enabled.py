from __future__ import annotations

import pytest

RULE = "s3-bucket-versioning-enabled"


def test_versioning_enabled_is_compliant(bucket, evaluate_rule):
    item = bucket(RULE, lambda s3, n: s3.put_bucket_versioning(Bucket=n, VersioningConfiguration={"Status": "Enabled"}))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


@pytest.mark.parametrize("status", [None, "Suspended"])
def test_versioning_off_or_suspended_is_non_compliant(bucket, evaluate_rule, status):
    setup = (
        (lambda s3, n: s3.put_bucket_versioning(Bucket=n, VersioningConfiguration={"Status": status}))
        if status
        else None
    )
    result = evaluate_rule(RULE, bucket(RULE, setup))
    assert result.compliance == "NON_COMPLIANT"
    assert (status or "Off") in result.annotation


def test_account_is_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"


def test_real_items(config_item_from_file, evaluate_rule, samples):
    assert (
        evaluate_rule(RULE, config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")).compliance
        == "COMPLIANT"
    )
    history = config_item_from_file(samples / "config-items/custodian_s3_GetResourceConfigHistory_item.json")
    assert evaluate_rule(RULE, history).compliance == "NON_COMPLIANT"
