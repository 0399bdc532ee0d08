from __future__ import annotations

import json

RULE = "cloudtrail-s3-bucket-not-public"


def _public_policy(bucket):
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def test_private_log_bucket_is_compliant(trail, evaluate_rule):
    result = evaluate_rule(RULE, trail(RULE))
    assert result.compliance == "COMPLIANT"
    assert "audit-trail-logs" in result.annotation


def test_public_read_acl_is_non_compliant(aws, trail, moto_item, evaluate_rule):
    trail(RULE)
    aws.client("s3").put_bucket_acl(Bucket="audit-trail-logs", ACL="public-read")
    result = evaluate_rule(RULE, moto_item("AWS::CloudTrail::Trail", "audit-trail", RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "ACL" in result.annotation


def test_public_policy_is_non_compliant_unless_blocked(aws, trail, moto_item, evaluate_rule):
    trail(RULE)
    s3 = aws.client("s3")
    s3.put_bucket_policy(Bucket="audit-trail-logs", Policy=_public_policy("audit-trail-logs"))
    assert evaluate_rule(RULE, moto_item("AWS::CloudTrail::Trail", "audit-trail", RULE)).compliance == "NON_COMPLIANT"
    s3.put_public_access_block(
        Bucket="audit-trail-logs",
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    assert evaluate_rule(RULE, moto_item("AWS::CloudTrail::Trail", "audit-trail", RULE)).compliance == "COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"name": "audit", "s3BucketName": "logs"}
    access = {
        "LogBucketAccess": {"bucketName": "logs", "grantees": ["http://acs.amazonaws.com/groups/global/AllUsers"]}
    }
    item = config_item("AWS::CloudTrail::Trail", "audit", configuration=recorded, supplementary=access)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "logs")).compliance == "NOT_APPLICABLE"
