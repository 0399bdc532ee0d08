from __future__ import annotations

RULE = "s3-bucket-default-lock-enabled"


def test_object_lock_is_compliant(aws, moto_item, evaluate_rule):
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="audit-records", ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(
        Bucket="audit-records",
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 30}},
        },
    )
    item = moto_item("AWS::S3::Bucket", "audit-records", RULE)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, mode="COMPLIANCE").compliance == "NON_COMPLIANT"


def test_no_object_lock_is_non_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "NON_COMPLIANT"


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
