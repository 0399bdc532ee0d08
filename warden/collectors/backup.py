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


def covering_plans(
    clients: Clients, item: ConfigurationItem, tags_of: Callable[[], dict[str, str]]
) -> list[dict[str, Any]]:
    """The AWS Backup plans whose selections cover the item (by ARN pattern or by tag); `tags_of` reads the
    resource's tags, only when a selection selects by tag."""
    backup = clients.client("backup", item.region)
    resource_tags: dict[str, str] | None = None
    covering = []
    for page in backup.get_paginator("list_backup_plans").paginate():
        for plan in page.get("BackupPlansList", []):
            for selections in backup.get_paginator("list_backup_selections").paginate(
                BackupPlanId=plan["BackupPlanId"]
            ):
                for listed in selections.get("BackupSelectionsList", []):
                    selection = backup.get_backup_selection(
                        BackupPlanId=plan["BackupPlanId"], SelectionId=listed["SelectionId"]
                    )["BackupSelection"]
                    by_tag = selection.get("ListOfTags") or any((selection.get("Conditions") or {}).values())
                    if by_tag and resource_tags is None:
                        resource_tags = tags_of()
                    if _selection_covers(selection, item.arn, resource_tags or {}):
                        covering.append(
                            {"backupPlanName": plan.get("BackupPlanName"), "backupPlanId": plan["BackupPlanId"]}
                        )
    return covering
