"""What the default-admin-username rules share: the defaults RDS suggests, and the verdict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Verdict, compliant, non_compliant, not_applicable

# The console's suggested master user names: admin (MySQL, MariaDB, Aurora MySQL, Oracle, SQL Server, Db2)
# and postgres (PostgreSQL, Aurora PostgreSQL).
DEFAULT_ADMIN_NAMES = frozenset({"admin", "postgres"})
# Engines the controls leave out.
EXCLUDED_ENGINES = frozenset({"neptune", "docdb"})
PARAMETERS = {
    "type": "object",
    "properties": {
        "validAdminUserNames": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, the administrator user name must also be one of these.",
        }
    },
    "additionalProperties": False,
}


def evaluate_admin_name(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    engine = str(item.configuration.get("engine") or "")
    if engine in EXCLUDED_ENGINES:
        return not_applicable(f"The control leaves {engine} out.")
    name = str(item.configuration.get("masterUsername") or "")
    if name.lower() in DEFAULT_ADMIN_NAMES:
        return non_compliant(
            f"The administrator user name is the default {name!r}; create a new database with a custom one."
        )
    allowed = params["validAdminUserNames"]
    if allowed and name not in allowed:
        return non_compliant(f"The administrator user name {name!r} is not one of the allowed names.")
    return compliant(f"The administrator user name {name!r} is not a default.")
