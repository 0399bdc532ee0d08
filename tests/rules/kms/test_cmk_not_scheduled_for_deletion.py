from __future__ import annotations

from tests.rules.kms.conftest import KEY, config_key

RULE = "kms-cmk-not-scheduled-for-deletion"


def test_enabled_key_is_compliant(key, evaluate_rule):
    assert evaluate_rule(RULE, key(RULE)).compliance == "COMPLIANT"


def test_scheduled_key_is_non_compliant(key, evaluate_rule):
    item = key(RULE, lambda kms, key_id: kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "scheduled for deletion" in result.annotation


def test_cancelled_deletion_is_compliant(key, evaluate_rule):
    def schedule_then_cancel(kms, key_id):
        kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
        kms.cancel_key_deletion(KeyId=key_id)

    assert evaluate_rule(RULE, key(RULE, schedule_then_cancel)).compliance == "COMPLIANT"


def test_only_the_named_keys_are_checked(config_item, evaluate_rule):
    item = config_item(
        KEY, "1234abcd-12ab-34cd-56ef-1234567890ab", configuration=config_key(keyState="PendingDeletion")
    )
    assert evaluate_rule(RULE, item, kmsKeyIds="other-key").compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, item, kmsKeyIds=f"other-key,{item.resource_id}").compliance == "NON_COMPLIANT"


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
