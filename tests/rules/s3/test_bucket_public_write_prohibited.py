from __future__ import annotations

import json

RULE = "s3-bucket-public-write-prohibited"


def test_private_bucket_is_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "COMPLIANT"


def test_public_write_grant_is_non_compliant(bucket, evaluate_rule):
    # moto's canned public-read-write ACL grants only READ, so the grant is explicit.
    everyone = 'uri="http://acs.amazonaws.com/groups/global/AllUsers"'
    result = evaluate_rule(RULE, bucket(RULE, lambda s3, n: s3.put_bucket_acl(Bucket=n, GrantWrite=everyone)))
    assert result.compliance == "NON_COMPLIANT"
    assert "AllUsers:Write" in result.annotation


def test_public_read_only_is_compliant_here(bucket, evaluate_rule):
    assert evaluate_rule(
        RULE, bucket(RULE, lambda s3, n: s3.put_bucket_acl(Bucket=n, ACL="public-read"))
    ).compliance == ("COMPLIANT")


def test_public_put_policy_is_non_compliant(bucket, evaluate_rule):
    def policy(s3, name):
        statement = {
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": "s3:*",
            "Resource": f"arn:aws:s3:::{name}/*",
        }
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))

    assert evaluate_rule(RULE, bucket(RULE, policy)).compliance == "NON_COMPLIANT"


def test_real_items_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    history = config_item_from_file(samples / "config-items/custodian_s3_GetResourceConfigHistory_item.json")
    assert evaluate_rule(RULE, history).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
