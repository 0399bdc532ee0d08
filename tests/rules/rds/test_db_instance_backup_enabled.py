import pytest

from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "db-instance-backup-enabled"


def test_week_of_backups_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, BackupRetentionPeriod=7)).compliance == "COMPLIANT"


def test_one_day_of_backups_is_non_compliant(db_instance, evaluate_rule):
    result = evaluate_rule(RULE, db_instance(RULE, BackupRetentionPeriod=1))
    assert result.compliance == "NON_COMPLIANT"
    assert "1 days" in result.annotation


@pytest.mark.parametrize(
    "overrides,params,expected",
    [
        ({"backupRetentionPeriod": 0}, {}, "NON_COMPLIANT"),
        ({"backupRetentionPeriod": 14}, {"backupRetentionMinimum": 14}, "COMPLIANT"),
        ({"backupRetentionPeriod": 10}, {"backupRetentionMinimum": "14"}, "NON_COMPLIANT"),
        ({"backupRetentionPeriod": 0, "readReplicaSourceDBInstanceIdentifier": "main"}, {}, "NOT_APPLICABLE"),
        (
            {"backupRetentionPeriod": 0, "readReplicaSourceDBInstanceIdentifier": "main"},
            {"checkReadReplicas": "true"},
            "NON_COMPLIANT",
        ),
    ],
)
def test_parameters(config_item, evaluate_rule, overrides, params, expected):
    item = config_item(DB_INSTANCE, "db-1", configuration=instance_configuration(**overrides))
    assert evaluate_rule(RULE, item, **params).compliance == expected
