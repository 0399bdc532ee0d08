from __future__ import annotations

RULE = "s3-access-point-public-access-blocks"
POINT = "AWS::S3::AccessPoint"


def _access_point(aws, moto_item, name, **block):
    aws.client("s3").create_bucket(Bucket="shared-data")
    settings = {
        "BlockPublicAcls": True,
        "IgnorePublicAcls": True,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True,
    }
    aws.client("s3control").create_access_point(
        AccountId=aws.account_id, Name=name, Bucket="shared-data", PublicAccessBlockConfiguration={**settings, **block}
    )
    return moto_item(POINT, name, RULE)


def test_blocked_access_point_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _access_point(aws, moto_item, "analytics")).compliance == "COMPLIANT"


def test_open_access_point_is_non_compliant_unless_excluded(aws, moto_item, evaluate_rule):
    item = _access_point(aws, moto_item, "partners", BlockPublicPolicy=False)
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "blockPublicPolicy" in result.annotation
    assert evaluate_rule(RULE, item, excludedAccessPoints="partners").compliance == "COMPLIANT"


def test_listing_and_other_types(aws, moto_item, config_item, evaluate_rule):
    from warden.collectors import collector_for

    _access_point(aws, moto_item, "analytics")
    listed = list(collector_for(POINT).list_items(aws.clients, "us-east-1", aws.account_id))
    assert [i.resource_id for i in listed] == ["analytics"]
    config_shaped = config_item(POINT, "x", configuration={"name": "x", "publicAccessBlockConfiguration": {}})
    assert evaluate_rule(RULE, config_shaped).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
