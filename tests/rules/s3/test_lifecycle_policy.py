from __future__ import annotations

RULE = "s3-lifecycle-policy-check"
RULES = [
    {
        "ID": "archive",
        "Status": "Enabled",
        "Filter": {"Prefix": ""},
        "Expiration": {"Days": 365},
        "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}],
    }
]


def _lifecycle(s3, name):
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": RULES})


def test_lifecycle_rule_is_compliant(bucket, evaluate_rule):
    item = bucket(RULE, _lifecycle)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, targetExpirationDays="365", targetTransitionDays="30").compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, targetTransitionStorageClass="DEEP_ARCHIVE").compliance == "NON_COMPLIANT"


def test_no_lifecycle_is_non_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_item, evaluate_rule):
    lifecycle = {"rules": [{"id": "x", "status": "Enabled", "expirationInDays": 90, "transitions": []}]}
    item = config_item("AWS::S3::Bucket", "b", supplementary={"BucketLifecycleConfiguration": lifecycle})
    assert evaluate_rule(RULE, item, targetExpirationDays=90).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
