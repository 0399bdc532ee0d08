from __future__ import annotations

RULE = "s3-version-lifecycle-policy-check"
EXPIRE_OLD_VERSIONS = {
    "Rules": [
        {
            "ID": "expire-noncurrent",
            "Status": "Enabled",
            "Filter": {"Prefix": ""},
            "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
        }
    ]
}


def _versioned(s3, name):
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})


def _versioned_with_lifecycle(s3, name):
    _versioned(s3, name)
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration=EXPIRE_OLD_VERSIONS)


def test_versioned_bucket_with_lifecycle_is_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE, _versioned_with_lifecycle)).compliance == "COMPLIANT"


def test_versioned_bucket_without_lifecycle_is_non_compliant(bucket, evaluate_rule):
    result = evaluate_rule(RULE, bucket(RULE, _versioned))
    assert result.compliance == "NON_COMPLIANT"
    assert "noncurrent versions" in result.annotation


def test_unversioned_and_unnamed_buckets_are_not_applicable(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "NOT_APPLICABLE"
    versioned = bucket(RULE, _versioned)
    assert evaluate_rule(RULE, versioned, bucketNames="other,another").compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, versioned, bucketNames=f"other,{versioned.resource_id}").compliance == "NON_COMPLIANT"


def test_config_items(config_item, config_item_from_file, evaluate_rule, samples):
    # The RDK sample is versioned and records no lifecycle configuration at all.
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    history = config_item_from_file(samples / "config-items/custodian_s3_GetResourceConfigHistory_item.json")
    assert evaluate_rule(RULE, history).compliance == "NOT_APPLICABLE"
    recorded = {
        "BucketVersioningConfiguration": {"status": "Enabled", "isMfaDeleteEnabled": None},
        "BucketLifecycleConfiguration": {"rules": [{"id": "x", "status": "Disabled"}]},
    }
    item = config_item("AWS::S3::Bucket", "b", supplementary=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
