"""Domain model shared by rules, collectors, remediations and reports.

AWS wire names appear only in the `from_*`/`to_*` adapters.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

ANNOTATION_LIMIT = 256
# A Python string holds a surrogate code point only when it is unpaired (JSON decoding joins pairs).
_SURROGATE = re.compile("[\ud800-\udfff]")
ACCOUNT_RESOURCE_TYPE = "AWS::::Account"


class WardenError(Exception):
    """Base of every error Warden raises on purpose."""


class ConfigurationItemError(WardenError):
    """A configuration item that cannot be understood."""


class ResourceIdError(WardenError):
    """A resource id that cannot name a resource of its type (a stage id that is not a stage ARN)."""


class Compliance(StrEnum):
    COMPLIANT = "COMPLIANT"
    NON_COMPLIANT = "NON_COMPLIANT"
    NOT_APPLICABLE = "NOT_APPLICABLE"
    INSUFFICIENT_DATA = "INSUFFICIENT_DATA"


class Severity(StrEnum):
    INFORMATIONAL = "INFORMATIONAL"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Trigger(StrEnum):
    CONFIGURATION_CHANGE = "CONFIGURATION_CHANGE"
    PERIODIC = "PERIODIC"
    BOTH = "BOTH"


# Statuses for which AWS Config expects NOT_APPLICABLE rather than an evaluation.
GONE_STATUSES = frozenset({"ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded"})


def decode_json_value(value: Any) -> Any:
    """Decode values that Config delivers as JSON strings (sometimes twice, as for ACLs)."""
    for _ in range(2):
        if not isinstance(value, str):
            return value
        text = value.strip()
        if not text or text[0] not in '{["' and text not in ("true", "false", "null"):
            return value
        try:
            value = json.loads(text)
        except ValueError:
            return value
    return value


def decode_policy_document(document: Any) -> dict[str, Any] | None:
    """Policy documents arrive as dicts, JSON strings, URL-encoded JSON, or lists of one dict."""
    if document is None:
        return None
    if isinstance(document, list):
        document = document[0] if document else None
        return decode_policy_document(document)
    if isinstance(document, str):
        text = document.strip()
        if text.startswith("%7B") or text.startswith("%7b"):
            text = urllib.parse.unquote(text)
        try:
            document = json.loads(text)
        except ValueError as exc:
            raise ConfigurationItemError(f"policy document is not JSON: {text[:60]!r}") from exc
    if not isinstance(document, dict):
        raise ConfigurationItemError(f"policy document is a {type(document).__name__}, not an object")
    return document


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@dataclass(frozen=True)
class ConfigurationItem:
    """One resource's recorded state, in the shape AWS Config uses."""

    resource_type: str
    resource_id: str
    arn: str
    region: str
    account_id: str
    configuration: Mapping[str, Any] = field(default_factory=dict)
    supplementary: Mapping[str, Any] = field(default_factory=dict)
    tags: Mapping[str, str] = field(default_factory=dict)
    status: str = "OK"
    resource_name: str | None = None
    capture_time: str | None = None

    @property
    def is_gone(self) -> bool:
        return self.status in GONE_STATUSES

    @classmethod
    def from_config(cls, raw: Mapping[str, Any] | str) -> ConfigurationItem:
        """Accept any of Config's three dialects: invoking event, history API, select results.

        Raises ConfigurationItemError, and nothing else, on an item it cannot understand.
        """
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError as exc:
                raise ConfigurationItemError(f"configuration item is not JSON: {exc}") from exc
        if not isinstance(raw, Mapping):
            raise ConfigurationItemError("configuration item must be a JSON object")
        resource_type = _text(raw, "resourceType")
        configuration = decode_json_value(raw.get("configuration")) or {}
        if not isinstance(configuration, Mapping):
            raise ConfigurationItemError(f"{resource_type}: configuration is not an object")
        resource_id = _text(raw, "resourceId") or _text(raw, "resourceName")
        if not resource_type or not resource_id:
            raise ConfigurationItemError("configuration item needs resourceType and resourceId")
        recorded_supplementary = decode_json_value(raw.get("supplementaryConfiguration")) or {}
        if not isinstance(recorded_supplementary, Mapping):
            raise ConfigurationItemError(f"{resource_type}: supplementaryConfiguration is not an object")
        supplementary = {str(key): decode_json_value(value) for key, value in recorded_supplementary.items()}
        account_id = _text(raw, "awsAccountId") or _text(raw, "accountId")
        region = _text(raw, "awsRegion")
        arn = _text(raw, "ARN") or _text(raw, "arn")
        return cls(
            resource_type=resource_type,
            resource_id=resource_id,
            arn=arn or default_arn(resource_type, resource_id, region, account_id),
            region=region,
            account_id=account_id,
            configuration=configuration,
            supplementary=supplementary,
            tags=_tags_as_map(raw.get("tags")),
            status=_text(raw, "configurationItemStatus") or "OK",
            resource_name=_text(raw, "resourceName") or None,
            capture_time=_iso(raw.get("configurationItemCaptureTime")),
        )

    def to_config(self) -> dict[str, Any]:
        """The invoking-event dialect, as Config puts it in a rule's event."""
        out: dict[str, Any] = {
            "configurationItemVersion": "1.3",
            "resourceType": self.resource_type,
            "resourceId": self.resource_id,
            "ARN": self.arn,
            "awsRegion": self.region,
            "awsAccountId": self.account_id,
            "configuration": dict(self.configuration),
            "supplementaryConfiguration": dict(self.supplementary),
            "tags": dict(self.tags),
            "configurationItemStatus": self.status,
        }
        if self.resource_name is not None:
            out["resourceName"] = self.resource_name
        if self.capture_time is not None:
            out["configurationItemCaptureTime"] = self.capture_time
        return out


def _text(raw: Mapping[str, Any], key: str) -> str:
    """A scalar field as text ("" when absent): an object or a list where Config puts a name is malformed."""
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, Mapping | list):
        raise ConfigurationItemError(f"{key} is a {type(value).__name__}, not a string")
    return str(value)


def _tags_as_map(tags: Any) -> dict[str, str]:
    tags = decode_json_value(tags)
    if isinstance(tags, Mapping):
        return {str(k): str(v) for k, v in tags.items()}
    if isinstance(tags, list):
        if not all(isinstance(t, Mapping) for t in tags):
            raise ConfigurationItemError("tags must be key/value objects")
        return {str(t.get("key", t.get("Key"))): str(t.get("value", t.get("Value"))) for t in tags}
    return {}


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, Mapping) and "year" in value:  # placebo's datetime encoding
        try:
            return "{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z".format(**value)
        except (KeyError, ValueError, TypeError) as exc:
            raise ConfigurationItemError(f"configurationItemCaptureTime is not a time: {exc}") from exc
    return str(value)


def is_unicode_text(value: Any) -> bool:
    """False when a string in `value` holds a lone surrogate: JSON can escape one, UTF-8 cannot encode it.

    AWS APIs speak UTF-8, so such a string never names a real resource; it only comes from a forged or
    corrupted message.
    """
    try:
        json.dumps(value, ensure_ascii=False, default=str).encode()
    except UnicodeEncodeError:
        return False
    return True


def sanitise_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, so it can be encoded as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def default_arn(resource_type: str, resource_id: str, region: str, account_id: str) -> str:
    """ARN for resource types whose Config items may omit it."""
    if resource_id.startswith("arn:"):
        return resource_id
    if resource_type in (ACCOUNT_RESOURCE_TYPE, "AWS::S3::AccountPublicAccessBlock"):
        return f"arn:aws:iam::{account_id}:root"
    if resource_type == "AWS::S3::Bucket":
        return f"arn:aws:s3:::{resource_id}"
    return ""


@dataclass(frozen=True)
class Verdict:
    """What a rule decided about one resource."""

    compliance: Compliance
    annotation: str


def compliant(annotation: str) -> Verdict:
    return Verdict(Compliance.COMPLIANT, annotation)


def non_compliant(annotation: str) -> Verdict:
    return Verdict(Compliance.NON_COMPLIANT, annotation)


def not_applicable(annotation: str) -> Verdict:
    return Verdict(Compliance.NOT_APPLICABLE, annotation)


def truncate(text: str, limit: int = ANNOTATION_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Evaluation:
    rule_id: str
    controls: tuple[str, ...]
    severity: Severity
    resource_type: str
    resource_id: str
    resource_arn: str
    region: str
    account_id: str
    compliance: Compliance
    annotation: str
    remediation_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "controls": list(self.controls),
            "severity": self.severity.value,
            "resource_type": self.resource_type,
            "resource_id": self.resource_id,
            "resource_arn": self.resource_arn,
            "region": self.region,
            "account_id": self.account_id,
            "compliance": self.compliance.value,
            "annotation": self.annotation,
            "remediation_id": self.remediation_id,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evaluation:
        return cls(
            rule_id=data["rule_id"],
            controls=tuple(data.get("controls", ())),
            severity=Severity(data["severity"]),
            resource_type=data["resource_type"],
            resource_id=data["resource_id"],
            resource_arn=data["resource_arn"],
            region=data["region"],
            account_id=data["account_id"],
            compliance=Compliance(data["compliance"]),
            annotation=data["annotation"],
            remediation_id=data.get("remediation_id"),
        )


@dataclass(frozen=True)
class ScanError:
    """A resource or attribute that could not be read: reported, never silently skipped."""

    resource_type: str
    region: str
    operation: str
    error_code: str
    message: str
    resource_id: str | None = None
    account_id: str | None = None  # named in an organization scan, where one result spans accounts

    def to_dict(self) -> dict[str, Any]:
        out = {
            "resource_type": self.resource_type,
            "region": self.region,
            "operation": self.operation,
            "error_code": self.error_code,
            "message": self.message,
        }
        if self.resource_id is not None:
            out["resource_id"] = self.resource_id
        if self.account_id is not None:
            out["account_id"] = self.account_id
        return out
