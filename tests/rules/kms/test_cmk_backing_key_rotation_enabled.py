from __future__ import annotations

import pytest

from tests.rules.kms.conftest import KEY, config_key

RULE = "cmk-backing-key-rotation-enabled"


def test_rotating_key_is_compliant(key, evaluate_rule):
    item = key(RULE, lambda kms, key_id: kms.enable_key_rotation(KeyId=key_id))
    assert item.supplementary["KeyRotationStatus"] is True
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_key_without_rotation_is_non_compliant(key, evaluate_rule):
    assert evaluate_rule(RULE, key(RULE)).compliance == "NON_COMPLIANT"


def test_asymmetric_key_is_not_applicable(key, evaluate_rule):
    item = key(RULE, KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


@pytest.mark.parametrize(
    "configuration",
    [
        {"keyManager": "AWS"},
        {"origin": "EXTERNAL"},
        {"keyState": "PendingDeletion"},
        {"customerMasterKeySpec": "HMAC_256"},
    ],
)
def test_keys_that_cannot_rotate_are_not_applicable(config_item, evaluate_rule, configuration):
    item = config_item(KEY, "k", configuration=config_key(**configuration), supplementary={"KeyRotationStatus": False})
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_config_item_shape(config_item, evaluate_rule):
    rotating = config_item(KEY, "k", configuration=config_key(), supplementary={"KeyRotationStatus": True})
    assert evaluate_rule(RULE, rotating).compliance == "COMPLIANT"
    still = config_item(KEY, "k", configuration=config_key(), supplementary={"KeyRotationStatus": False})
    assert evaluate_rule(RULE, still).compliance == "NON_COMPLIANT"
