import pytest

from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-enhanced-monitoring-enabled"


def test_monitored_instance_is_compliant(db_instance, evaluate_rule):
    item = db_instance(RULE, MonitoringInterval=30, MonitoringRoleArn="arn:aws:iam::123456789012:role/rds-monitoring")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_unmonitored_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE)).compliance == "NON_COMPLIANT"


@pytest.mark.parametrize(
    "interval,wanted,expected",
    [(60, None, "COMPLIANT"), (60, 60, "COMPLIANT"), (60, 5, "NON_COMPLIANT"), (0, None, "NON_COMPLIANT")],
)
def test_interval_parameter(config_item, evaluate_rule, interval, wanted, expected):
    item = config_item(DB_INSTANCE, "db-1", configuration=instance_configuration(monitoringInterval=interval))
    params = {} if wanted is None else {"monitoringInterval": wanted}
    assert evaluate_rule(RULE, item, **params).compliance == expected


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBCluster", "c")).compliance == "NOT_APPLICABLE"
