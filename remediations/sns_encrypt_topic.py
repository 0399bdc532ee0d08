from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

AWS_MANAGED_KEY = "alias/aws/sns"


def _set_key(topic_arn: str, key: str) -> ApiCall:
    params = {"TopicArn": topic_arn, "AttributeName": "KmsMasterKeyId", "AttributeValue": key}
    return ApiCall("sns", "set_topic_attributes", params)


def rollback(plan: Plan) -> list[ApiCall]:
    # An empty KmsMasterKeyId turns server-side encryption off again.
    return [_set_key(plan.resource_arn, plan.before["KmsMasterKeyId"] or "")]


@remediation(
    id="sns-encrypt-topic",
    title="Encrypt the topic with the AWS managed key alias/aws/sns",
    fixes=("sns-encrypted-kms",),
    permissions=("sns:GetTopicAttributes", "sns:SetTopicAttributes"),
    reversible=True,
    # AWS services that publish to topics (EventBridge, CloudWatch alarms, S3 notifications) cannot use the
    # AWS managed key, whose policy cannot be changed: their deliveries would stop.
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets KmsMasterKeyId to alias/aws/sns and nothing else; only a topic with no key at all is changed
    (a topic with a key outside `kmsKeyIds` needs a person to choose the key)."""
    current = item.configuration.get("KmsMasterKeyId") or None
    before = {"KmsMasterKeyId": current}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    if current:
        return Change((), before, before, manual_action=f"Move the topic from {current} to one of the allowed keys.")
    return Change((_set_key(item.arn, AWS_MANAGED_KEY),), before, {"KmsMasterKeyId": AWS_MANAGED_KEY})
