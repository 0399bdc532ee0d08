"""Cancelling a key deletion someone scheduled on purpose waits for a person: the stack's default settings
put it in approve mode, and approving the stored plan is what cancels the deletion."""

from __future__ import annotations

import dataclasses
import json

import yaml

from warden.settings import Settings
from warden.template import render

RULE = "kms-cmk-not-scheduled-for-deletion"


def _default_settings() -> Settings:
    parameters = yaml.safe_load(render())["Parameters"]
    return Settings.from_dict(json.loads(parameters["RemediationSettings"]["Default"]))


def test_the_stack_default_is_approve_mode():
    settings = _default_settings()
    assert settings.mode(RULE) == "approve"
    assert settings.mode("cmk-backing-key-rotation-enabled") == "dry-run"


def test_the_deletion_is_cancelled_only_once_approved(aws, finding, remediator):
    key_id = aws.client("kms").create_key()["KeyMetadata"]["KeyId"]
    aws.client("kms").schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
    engine = remediator(settings=dataclasses.replace(_default_settings(), verify_delay_seconds=0))
    pending = engine.handle(finding(RULE, "AWS::KMS::Key", key_id))
    assert pending.outcome == "PENDING_APPROVAL"
    assert aws.client("kms").describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "PendingDeletion"
    approved = engine.approve(pending.plan.plan_id)
    assert approved.outcome == "REMEDIATED", approved.detail
    assert aws.client("kms").describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "Disabled"
