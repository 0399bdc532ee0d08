"""Findings: non-compliant evaluations as messages on SNS, with attributes for subscription filters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from warden import schemas
from warden.model import ANNOTATION_LIMIT, Compliance, Evaluation, WardenError, is_unicode_text, sanitise_text, truncate

SCHEMA_ID = "warden.finding/v1"
_NAMESPACE = uuid.UUID("6f0f3c52-6a83-4c4b-9a1c-5f3f8f0c2a11")
SNS_BATCH = 10


class MalformedFindingError(WardenError):
    """A message that is not a valid finding: rejected, never retried."""


def check_message(message: Any) -> None:
    """The findings contract, the same on publish and on consume: the schema, and text UTF-8 can carry."""
    schemas.check(message, "finding", MalformedFindingError, SCHEMA_ID)
    if not is_unicode_text(message):
        raise MalformedFindingError(f"invalid {SCHEMA_ID}: a string holds a lone surrogate (not valid Unicode)")


@dataclass(frozen=True)
class Finding:
    finding_id: str
    evaluation: Evaluation
    detected_at: str
    source: str
    source_event_id: str | None

    def to_message(self) -> dict[str, Any]:
        evaluation = {k: v for k, v in self.evaluation.to_dict().items() if k != "compliance"}
        return {
            "schema": SCHEMA_ID,
            "finding_id": self.finding_id,
            **evaluation,
            "detected_at": self.detected_at,
            "source": self.source,
            "source_event_id": self.source_event_id,
        }

    @classmethod
    def from_message(cls, body: str | Mapping[str, Any]) -> Finding:
        try:
            message = json.loads(body) if isinstance(body, str) else dict(body)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested deeper than the parser goes
            raise MalformedFindingError(f"not JSON: {exc}") from exc
        if isinstance(message, dict) and message.get("Type") == "Notification" and "Message" in message:
            return cls.from_message(message["Message"])  # an SNS envelope (raw delivery off)
        check_message(message)
        evaluation = Evaluation.from_dict({**message, "compliance": Compliance.NON_COMPLIANT.value})
        return cls(
            message["finding_id"], evaluation, message["detected_at"], message["source"], message["source_event_id"]
        )


def finding_for(
    evaluation: Evaluation, source: str, source_event_id: str | None = None, detected_at: str | None = None
) -> Finding:
    """The finding id is derived from what was seen, so a re-published detection keeps its id."""
    detected_at = detected_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    key = f"{evaluation.rule_id}|{evaluation.resource_arn}|{source_event_id or detected_at}"
    return Finding(str(uuid.uuid5(_NAMESPACE, key)), evaluation, detected_at, source, source_event_id)


@dataclass(frozen=True)
class Refused:
    """A finding the publisher did not send because the worker would refuse it."""

    finding: Finding
    reason: str


def publishable(finding: Finding) -> Finding:
    """The finding as it can travel: lone surrogates replaced and the annotation within its limit.

    Raises MalformedFindingError when it still breaks the contract (an account id that is not one).
    """
    evaluation = finding.evaluation
    cleaned = dataclasses.replace(
        evaluation,
        resource_id=sanitise_text(evaluation.resource_id),
        resource_arn=sanitise_text(evaluation.resource_arn),
        annotation=truncate(sanitise_text(evaluation.annotation), ANNOTATION_LIMIT),
    )
    ready = dataclasses.replace(
        finding,
        evaluation=cleaned,
        source_event_id=None if finding.source_event_id is None else sanitise_text(finding.source_event_id),
    )
    check_message(ready.to_message())
    return ready


@dataclass(frozen=True)
class Published:
    message_ids: tuple[str, ...]
    refused: tuple[Refused, ...]


class Publisher:
    def __init__(self, sns: Any, topic_arn: str) -> None:
        self._sns = sns
        self.topic_arn = topic_arn

    def publish(self, findings: Iterable[Finding]) -> Published:
        """Publish in batches of ten. A failed entry raises.

        Each finding is first held to the contract the worker applies: one that breaks it is not sent but
        returned in `refused` with the reason, for the caller to report.
        """
        batch: list[Finding] = []
        refused: list[Refused] = []
        for finding in findings:
            try:
                batch.append(publishable(finding))
            except MalformedFindingError as exc:
                refused.append(Refused(finding, str(exc)))
        ids: list[str] = []
        for start in range(0, len(batch), SNS_BATCH):
            entries = [
                {
                    "Id": str(i),
                    "Message": json.dumps(f.to_message()),
                    "MessageAttributes": {
                        "rule_id": {"DataType": "String", "StringValue": f.evaluation.rule_id},
                        "severity": {"DataType": "String", "StringValue": f.evaluation.severity.value},
                        "account": {"DataType": "String", "StringValue": f.evaluation.account_id},
                    },
                }
                for i, f in enumerate(batch[start : start + SNS_BATCH])
            ]
            response = self._sns.publish_batch(TopicArn=self.topic_arn, PublishBatchRequestEntries=entries)
            if response.get("Failed"):
                raise WardenError(f"SNS refused {len(response['Failed'])} finding(s): {response['Failed'][0]}")
            ids.extend(s["MessageId"] for s in response.get("Successful", []))
        return Published(tuple(ids), tuple(refused))
