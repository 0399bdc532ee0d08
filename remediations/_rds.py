"""What the RDS remediations share: one ModifyDBInstance or ModifyDBCluster setting, and its rollback."""

from __future__ import annotations

from warden.collectors.rds import DB_CLUSTER
from warden.model import ConfigurationItem
from warden.remediation import ApiCall, Change, Plan


def _target(resource_type: str) -> tuple[str, str]:
    """(operation, identifier parameter) for the resource type."""
    if resource_type == DB_CLUSTER:
        return "modify_db_cluster", "DBClusterIdentifier"
    return "modify_db_instance", "DBInstanceIdentifier"


def identifier(item: ConfigurationItem) -> str:
    """The name ModifyDB* takes; Config's resource id for an instance is its db-... resource id instead."""
    key = "dbclusterIdentifier" if item.resource_type == DB_CLUSTER else "dBInstanceIdentifier"
    return str(item.configuration.get(key) or item.resource_name or item.resource_id)


def modify(resource_type: str, name: str, setting: str, value: bool) -> ApiCall:
    operation, id_param = _target(resource_type)
    return ApiCall("rds", operation, {id_param: name, setting: value})


def enable_setting(item: ConfigurationItem, setting: str, config_key: str) -> Change:
    """Turn one boolean setting on; `before` keeps the identifier so that a rollback can name the resource."""
    name = identifier(item)
    current = bool(item.configuration.get(config_key))
    before = {"identifier": name, config_key: current}
    if current:
        return Change((), before, before)
    return Change((modify(item.resource_type, name, setting, True),), before, {**before, config_key: True})


def restore_setting(plan: Plan, setting: str, config_key: str) -> list[ApiCall]:
    return [modify(plan.resource_type, plan.before["identifier"], setting, bool(plan.before[config_key]))]
