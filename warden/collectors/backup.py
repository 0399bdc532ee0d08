"""AWS Backup plan coverage, shared by the collectors of resource types that Backup protects."""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import Any

from warden.aws import Clients
from warden.model import ConfigurationItem


def _conditions_hold(conditions: dict[str, Any], resource_tags: dict[str, str]) -> bool:
    """A selection's Conditions must all hold (keys are aws:ResourceTag/<key>)."""
    for operator, entries in conditions.items():
        for entry in entries or []:
            value = resource_tags.get(str(entry.get("ConditionKey", "")).removeprefix("aws:ResourceTag/"))
            matches = value is not None and fnmatchcase(value, str(entry.get("ConditionValue", "")))
            if operator in ("StringEquals", "StringNotEquals"):
                matches = value == entry.get("ConditionValue")
            if matches == operator.startswith("StringNot"):
                return False
    return True


def _selection_covers(selection: dict[str, Any], arn: str, resource_tags: dict[str, str]) -> bool:
    if any(fnmatchcase(arn, pattern) for pattern in selection.get("NotResources") or []):
        return False
    if not _conditions_hold(selection.get("Conditions") or {}, resource_tags):
        return False
    if any(fnmatchcase(arn, pattern) for pattern in selection.get("Resources") or []):
        return True
    # ListOfTags entries are alternatives: one matching tag selects the resource.
    return any(
        condition.get("ConditionType") == "STRINGEQUALS"
        and resource_tags.get(condition.get("ConditionKey", "")) == condition.get("ConditionValue")
        for condition in selection.get("ListOfTags") or []
    )


def _selections(clients: Clients, region: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every backup plan's selections in the region, as (plan, selection): account-wide, read once a scan."""
    backup = clients.client("backup", region)
    found = []
    for page in backup.get_paginator("list_backup_plans").paginate():
        for plan in page.get("BackupPlansList", []):
            plan_id = plan["BackupPlanId"]
            summary = {"backupPlanName": plan.get("BackupPlanName"), "backupPlanId": plan_id}
            for selections in backup.get_paginator("list_backup_selections").paginate(BackupPlanId=plan_id):
                for listed in selections.get("BackupSelectionsList", []):
                    selection = backup.get_backup_selection(BackupPlanId=plan_id, SelectionId=listed["SelectionId"])
                    found.append((summary, selection["BackupSelection"]))
    return found


def covering_plans(
    clients: Clients, item: ConfigurationItem, tags_of: Callable[[], dict[str, str]]
) -> list[dict[str, Any]]:
    """The AWS Backup plans whose selections cover the item (by ARN pattern or by tag); `tags_of` reads the
    resource's tags, only when a selection selects by tag."""
    selections = clients.shared(("backup:selections", item.region), lambda: _selections(clients, item.region))
    resource_tags: dict[str, str] | None = None
    covering = []
    for plan, selection in selections:
        by_tag = selection.get("ListOfTags") or any((selection.get("Conditions") or {}).values())
        if by_tag and resource_tags is None:
            resource_tags = tags_of()
        if _selection_covers(selection, item.arn, resource_tags or {}):
            covering.append(dict(plan))
    return covering
