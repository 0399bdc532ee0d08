import pytest

from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-logging-enabled"


def test_postgres_publishing_both_logs_is_compliant(db_instance, evaluate_rule):
    item = db_instance(RULE, EnableCloudwatchLogsExports=["postgresql", "upgrade"])
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_postgres_without_exports_is_non_compliant(db_instance, evaluate_rule):
    result = evaluate_rule(RULE, db_instance(RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "postgresql, upgrade" in result.annotation


@pytest.mark.parametrize(
    "engine,exports,expected",
    [
        ("mysql", ["audit", "error", "general", "slowquery"], "COMPLIANT"),
        ("mysql", ["error", "general", "slowquery"], "NON_COMPLIANT"),
        ("oracle-ee", ["alert", "audit", "trace", "listener"], "COMPLIANT"),
        ("sqlserver-se", ["error"], "NON_COMPLIANT"),
        ("aurora-postgresql", ["postgresql"], "COMPLIANT"),
        ("db2-se", [], "NOT_APPLICABLE"),
    ],
)
def test_required_logs_per_engine(config_item, evaluate_rule, engine, exports, expected):
    configuration = instance_configuration(engine=engine, enabledCloudwatchLogsExports=exports)
    assert evaluate_rule(RULE, config_item(DB_INSTANCE, "db-1", configuration=configuration)).compliance == expected
