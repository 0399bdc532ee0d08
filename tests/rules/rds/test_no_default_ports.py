import pytest

from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-no-default-ports"


def test_custom_port_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, Port=6543)).compliance == "COMPLIANT"


def test_default_port_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, Port=5432)).compliance == "NON_COMPLIANT"


@pytest.mark.parametrize(
    "engine,port,extra,expected",
    [
        ("mysql", 3306, {}, "NON_COMPLIANT"),
        ("sqlserver-ex", 1433, {}, "NON_COMPLIANT"),
        ("oracle-se2", 1522, {}, "COMPLIANT"),
        ("custom-oracle-ee", 1521, {}, "NON_COMPLIANT"),
        ("aurora-mysql", 3306, {"dBClusterIdentifier": "orders"}, "NOT_APPLICABLE"),
    ],
)
def test_engine_defaults(config_item, evaluate_rule, engine, port, extra, expected):
    configuration = instance_configuration(engine=engine, endpoint={"port": port}, **extra)
    assert evaluate_rule(RULE, config_item(DB_INSTANCE, "db-1", configuration=configuration)).compliance == expected
