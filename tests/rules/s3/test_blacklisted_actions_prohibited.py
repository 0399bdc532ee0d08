from __future__ import annotations

import json

RULE = "s3-bucket-blacklisted-actions-prohibited"


def _grant(principal, action):
    def setup(s3, name):
        statement = {
            "Effect": "Allow",
            "Principal": principal,
            "Action": action,
            "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
        }
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))

    return setup


def test_data_actions_for_another_account_are_compliant(bucket, evaluate_rule):
    item = bucket(RULE, _grant({"AWS": "arn:aws:iam::210987654321:root"}, ["s3:GetObject", "s3:PutObject"]))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_policy_changes_for_another_account_are_non_compliant(bucket, evaluate_rule):
    result = evaluate_rule(RULE, bucket(RULE, _grant({"AWS": "210987654321"}, "s3:*")))
    assert result.compliance == "NON_COMPLIANT"
    assert "210987654321" in result.annotation and "s3:PutBucketPolicy" in result.annotation


def test_own_account_and_custom_patterns(bucket, evaluate_rule):
    own = bucket(RULE, _grant({"AWS": "arn:aws:iam::123456789012:role/admin"}, "s3:PutBucketPolicy"))
    assert evaluate_rule(RULE, own).compliance == "COMPLIANT"
    other = bucket(RULE, _grant({"AWS": "210987654321"}, "s3:GetObject"))
    assert evaluate_rule(RULE, other, blacklistedActionPatterns="s3:Get*").compliance == "NON_COMPLIANT"


def test_real_items_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
