from __future__ import annotations

RULE = "cloudtrail-all-read-s3-data-event-check"
ACCOUNT = "AWS::::Account"


def _trail(aws, multi_region=True, **selectors):
    aws.client("s3").create_bucket(Bucket="trail-logs")
    cloudtrail = aws.client("cloudtrail")
    cloudtrail.create_trail(Name="audit", S3BucketName="trail-logs", IsMultiRegionTrail=multi_region)
    cloudtrail.start_logging(Name="audit")
    if selectors:
        cloudtrail.put_event_selectors(TrailName="audit", **selectors)


def _all_buckets(read_write):
    return {
        "EventSelectors": [
            {
                "ReadWriteType": read_write,
                "IncludeManagementEvents": True,
                "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
            }
        ]
    }


def test_data_events_for_every_bucket_are_compliant(aws, moto_item, evaluate_rule):
    _trail(aws, **_all_buckets("ReadOnly"))
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "COMPLIANT"


def test_other_direction_or_single_region_is_non_compliant(aws, moto_item, evaluate_rule):
    _trail(aws, **_all_buckets("WriteOnly"))
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "NON_COMPLIANT"


def test_advanced_selectors(config_item, evaluate_rule):
    def trail(*fields):
        selector = {"fieldSelectors": [{"field": f, "equals": v} for f, v in fields]}
        return {"name": "t", "isMultiRegionTrail": True, "isLogging": True, "advancedEventSelectors": [selector]}

    data = (("eventCategory", ["Data"]), ("resources.type", ["AWS::S3::Object"]))
    every = config_item(ACCOUNT, "123456789012", supplementary={"Trails": [trail(*data)]})
    assert evaluate_rule(RULE, every).compliance == "COMPLIANT"
    directed = config_item(ACCOUNT, "123456789012", supplementary={"Trails": [trail(*data, ("readOnly", ["true"]))]})
    assert evaluate_rule(RULE, directed).compliance == "COMPLIANT"
    one_bucket = trail(*data, ("resources.ARN", ["arn:aws:s3:::only/"]))
    item = config_item(ACCOUNT, "123456789012", supplementary={"Trails": [one_bucket]})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
