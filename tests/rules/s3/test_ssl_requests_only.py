from __future__ import annotations

import json

import pytest

from warden.demo_account import tls_only_policy

RULE = "s3-bucket-ssl-requests-only"
NAME = "orders"
ARN = f"arn:aws:s3:::{NAME}"
GOOD = {
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": [ARN, f"{ARN}/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}


def _put_policy(policy):
    return lambda s3, name: s3.put_bucket_policy(Bucket=name, Policy=policy(name))


def test_tls_only_policy_is_compliant(bucket, evaluate_rule):
    item = bucket(RULE, _put_policy(tls_only_policy))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == f"arn:aws:s3:::{item.resource_id}"


def test_missing_policy_is_non_compliant(bucket, evaluate_rule):
    result = evaluate_rule(RULE, bucket(RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "no policy" in result.annotation


def test_policy_without_tls_deny_is_non_compliant(bucket, evaluate_rule):
    def allow(name):
        return json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{name}/*",
                    }
                ],
            }
        )

    assert evaluate_rule(RULE, bucket(RULE, _put_policy(allow))).compliance == "NON_COMPLIANT"


def test_security_group_is_not_applicable(aws, moto_item, evaluate_rule):
    group = aws.client("ec2").describe_security_groups()["SecurityGroups"][0]["GroupId"]
    item = moto_item("AWS::EC2::SecurityGroup", group)
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def _variant(**changes):
    statement = {**GOOD, **changes}
    return {k: v for k, v in statement.items() if v is not None}


@pytest.mark.parametrize(
    "statement,expected",
    [
        (GOOD, "COMPLIANT"),
        (_variant(Condition={"Bool": {"aws:SecureTransport": False}}), "COMPLIANT"),
        (_variant(Condition={"Bool": {"aws:SecureTransport": ["false"]}}), "COMPLIANT"),
        (_variant(Condition={"Bool": {"AWS:securetransport": "false"}}), "COMPLIANT"),
        (_variant(Principal={"AWS": "*"}), "COMPLIANT"),
        (_variant(Principal={"AWS": ["*"]}), "COMPLIANT"),
        (_variant(Action=["s3:*"]), "COMPLIANT"),
        (_variant(Action="*"), "COMPLIANT"),
        (_variant(Resource=f"{ARN}*"), "COMPLIANT"),
        (_variant(Resource="*"), "COMPLIANT"),
        # partial denies: some actions, some resources, some principals, or narrower conditions
        (_variant(Action=["s3:GetObject", "s3:PutObject"]), "NON_COMPLIANT"),
        (_variant(Action="s3:Get*"), "NON_COMPLIANT"),
        (_variant(Resource=ARN), "NON_COMPLIANT"),
        (_variant(Resource=f"{ARN}/*"), "NON_COMPLIANT"),
        (_variant(Resource=[f"{ARN}/private/*", ARN]), "NON_COMPLIANT"),
        (_variant(Principal={"AWS": "arn:aws:iam::123456789012:root"}), "NON_COMPLIANT"),
        (_variant(Effect="Allow"), "NON_COMPLIANT"),
        (_variant(Condition={"Bool": {"aws:SecureTransport": "true"}}), "NON_COMPLIANT"),
        (_variant(Condition=None), "NON_COMPLIANT"),
        (
            _variant(Condition={"Bool": {"aws:SecureTransport": "false"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
            "NON_COMPLIANT",
        ),
        (
            _variant(Condition={"Bool": {"aws:SecureTransport": "false", "aws:MultiFactorAuthPresent": "false"}}),
            "NON_COMPLIANT",
        ),
        (_variant(Condition={"BoolIfExists": {"aws:SecureTransport": "false"}}), "NON_COMPLIANT"),
    ],
)
def test_statement_semantics(config_item, evaluate_rule, statement, expected):
    policy = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    item = config_item("AWS::S3::Bucket", NAME, supplementary={"BucketPolicy": {"policyText": policy}})
    assert evaluate_rule(RULE, item).compliance == expected


def test_single_statement_object_and_other_statements(config_item, evaluate_rule):
    alone = json.dumps({"Version": "2012-10-17", "Statement": GOOD})
    mixed = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"{ARN}/*"},
                GOOD,
            ],
        }
    )
    for policy in (alone, mixed):
        item = config_item("AWS::S3::Bucket", NAME, supplementary={"BucketPolicy": {"policyText": policy}})
        assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_real_config_items(config_item_from_file, evaluate_rule, samples):
    # The RDK sample denies non-TLS requests on the bucket ARN only, not on its objects.
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    result = evaluate_rule(RULE, rdk)
    assert result.compliance == "NON_COMPLIANT"
    assert "/*" in result.annotation
    history = config_item_from_file(samples / "config-items/custodian_s3_GetResourceConfigHistory_item.json")
    assert history.supplementary["BucketPolicy"] == {"policyText": None}
    assert evaluate_rule(RULE, history).compliance == "NON_COMPLIANT"
    invoking = config_item_from_file(samples / "config-events/custodian_rule_event_s3_bucket_invokingEvent_only.json")
    assert evaluate_rule(RULE, invoking).compliance == "NON_COMPLIANT"
