from __future__ import annotations

import json

RULE = "s3-bucket-public-read-prohibited"


def _public_policy(s3, name, action="s3:GetObject", condition=None):
    statement = {
        "Sid": "Public",
        "Effect": "Allow",
        "Principal": "*",
        "Action": action,
        "Resource": f"arn:aws:s3:::{name}/*",
    }
    if condition:
        statement["Condition"] = condition
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))


def test_private_bucket_is_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "COMPLIANT"


def test_public_read_acl_is_non_compliant(bucket, evaluate_rule):
    result = evaluate_rule(RULE, bucket(RULE, lambda s3, n: s3.put_bucket_acl(Bucket=n, ACL="public-read")))
    assert result.compliance == "NON_COMPLIANT"
    assert "AllUsers:Read" in result.annotation


def test_public_policy_is_non_compliant_unless_conditional_or_restricted(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE, _public_policy)).compliance == "NON_COMPLIANT"
    vpc_only = bucket(RULE, lambda s3, n: _public_policy(s3, n, condition={"StringEquals": {"aws:SourceVpce": "v"}}))
    assert evaluate_rule(RULE, vpc_only).compliance == "COMPLIANT"

    def restricted(s3, name):
        _public_policy(s3, name)
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": False,
                "IgnorePublicAcls": False,
                "BlockPublicPolicy": False,
                "RestrictPublicBuckets": True,
            },
        )

    assert evaluate_rule(RULE, bucket(RULE, restricted)).compliance == "COMPLIANT"


def test_real_items_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"


def test_group_grantee_written_as_config_writes_it(config_item, evaluate_rule):
    acl = {"grantList": [{"grantee": "AllUsers", "permission": "Read"}], "owner": {"id": "abc"}}
    item = config_item("AWS::S3::Bucket", "b", supplementary={"AccessControlList": json.dumps(acl)})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
