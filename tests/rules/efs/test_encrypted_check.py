from __future__ import annotations

RULE = "efs-encrypted-check"
FILE_SYSTEM = "AWS::EFS::FileSystem"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_encrypted_file_system_is_compliant(file_system, evaluate_rule):
    item = file_system(RULE, Encrypted=True, KmsKeyId=KEY)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, KmsKeyId=KEY).compliance == "COMPLIANT"


def test_unencrypted_or_other_key_is_non_compliant(file_system, evaluate_rule):
    assert evaluate_rule(RULE, file_system(RULE)).compliance == "NON_COMPLIANT"
    other = file_system(RULE, Encrypted=True, KmsKeyId=KEY)
    assert evaluate_rule(RULE, other, KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/other").compliance == (
        "NON_COMPLIANT"
    )


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"FileSystemId": "fs-1", "Encrypted": True, "KmsKeyId": KEY, "PerformanceMode": "generalPurpose"}
    assert evaluate_rule(RULE, config_item(FILE_SYSTEM, "fs-1", configuration=recorded)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EFS::AccessPoint", "fsap-1")).compliance == "NOT_APPLICABLE"


def test_create_file_system_record_names_it():
    from warden.registry import load_rules

    [trigger] = load_rules().get(RULE).cloudtrail
    assert (
        trigger.resolve_resource_id({"responseElements": {"fileSystemId": "fs-0a1b", "encrypted": False}}) == "fs-0a1b"
    )
