from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

# The AWS managed key: producers and consumers need no KMS permissions of their own to use it.
AWS_MANAGED_KEY = "alias/aws/kinesis"


def rollback(plan: Plan) -> list[ApiCall]:
    params = {"StreamName": plan.resource_id, "EncryptionType": "KMS", "KeyId": AWS_MANAGED_KEY}
    return [ApiCall("kinesis", "stop_stream_encryption", params)]


@remediation(
    id="kinesis-start-stream-encryption",
    title="Encrypt the Kinesis stream with the AWS managed key (alias/aws/kinesis)",
    fixes=("kinesis-stream-encrypted",),
    permissions=("kinesis:DescribeStreamSummary", "kinesis:StartStreamEncryption", "kinesis:StopStreamEncryption"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls StartStreamEncryption with KMS and alias/aws/kinesis. The stream stays writable while it switches
    (status UPDATING); records written before stay unencrypted until they expire. Rollback stops encryption."""
    encryption = item.configuration.get("StreamEncryption") or {}
    before = {"EncryptionType": encryption.get("EncryptionType", "NONE"), "KeyId": encryption.get("KeyId")}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    call = ApiCall(
        "kinesis",
        "start_stream_encryption",
        {"StreamName": item.resource_id, "EncryptionType": "KMS", "KeyId": AWS_MANAGED_KEY},
    )
    return Change((call,), before, {"EncryptionType": "KMS", "KeyId": AWS_MANAGED_KEY})
