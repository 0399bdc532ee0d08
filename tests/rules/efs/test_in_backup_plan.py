"""moto implements neither EFS backup policies (PutBackupPolicy) nor AWS Backup selections: those answers are
pinned with Stubber; the unprotected file system runs on moto."""

from __future__ import annotations

from botocore.stub import Stubber

from warden.collectors import collector_for

RULE = "efs-in-backup-plan"
FILE_SYSTEM = "AWS::EFS::FileSystem"
PLAN = {
    "BackupPlanId": "plan-1",
    "BackupPlanName": "nightly",
    "BackupPlanArn": "arn:aws:backup:us-east-1:1:plan:plan-1",
}


def _read(aws, file_system_id, names):
    return collector_for(FILE_SYSTEM).read(aws.clients, "us-east-1", aws.account_id, file_system_id, names)


def _no_plans(stub):
    stub.add_response("list_backup_plans", {"BackupPlansList": []}, {})


def test_file_system_with_automatic_backups_is_compliant(aws, evaluate_rule):
    file_system = aws.client("efs").create_file_system(CreationToken="auto")["FileSystemId"]
    found = aws.client("efs").describe_file_systems(FileSystemId=file_system)
    found.pop("ResponseMetadata")
    with Stubber(aws.client("efs")) as efs, Stubber(aws.client("backup")) as backup:
        efs.add_response("describe_file_systems", found, {"FileSystemId": file_system})
        efs.add_response(
            "describe_backup_policy", {"BackupPolicy": {"Status": "ENABLED"}}, {"FileSystemId": file_system}
        )
        _no_plans(backup)
        item = _read(aws, file_system, ["BackupPolicy", "BackupPlans"])
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_file_system_selected_by_tag_is_compliant(aws, evaluate_rule):
    tags = [{"Key": "backup", "Value": "nightly"}]
    file_system = aws.client("efs").create_file_system(CreationToken="tagged", Tags=tags)["FileSystemId"]
    selection = {
        "SelectionName": "by-tag",
        "IamRoleArn": "arn:aws:iam::123456789012:role/backup",
        "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "nightly"}],
    }
    with Stubber(aws.client("backup")) as backup:
        backup.add_response("list_backup_plans", {"BackupPlansList": [PLAN]}, {})
        backup.add_response(
            "list_backup_selections", {"BackupSelectionsList": [{"SelectionId": "sel-1"}]}, {"BackupPlanId": "plan-1"}
        )
        backup.add_response(
            "get_backup_selection",
            {"BackupSelection": selection, "SelectionId": "sel-1", "BackupPlanId": "plan-1"},
            {"BackupPlanId": "plan-1", "SelectionId": "sel-1"},
        )
        item = _read(aws, file_system, ["BackupPolicy", "BackupPlans"])
        backup.assert_no_pending_responses()
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert "nightly" in result.annotation


def test_unprotected_file_system_is_non_compliant(aws, evaluate_rule):
    file_system = aws.client("efs").create_file_system(CreationToken="bare")["FileSystemId"]
    with Stubber(aws.client("backup")) as backup:
        _no_plans(backup)
        item = _read(aws, file_system, ["BackupPolicy", "BackupPlans"])
    assert item.configuration["BackupPolicy"] == {"Status": "DISABLED"}  # moto answers PolicyNotFound, as AWS does
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"FileSystemId": "fs-1", "Encrypted": True, "BackupPolicy": {"Status": "ENABLED"}}
    assert evaluate_rule(RULE, config_item(FILE_SYSTEM, "fs-1", configuration=recorded)).compliance == "COMPLIANT"
    disabled = config_item(
        FILE_SYSTEM, "fs-1", configuration={"BackupPolicy": {"Status": "DISABLED"}}, supplementary={"BackupPlans": []}
    )
    assert evaluate_rule(RULE, disabled).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::DynamoDB::Table", "orders")).compliance == "NOT_APPLICABLE"
