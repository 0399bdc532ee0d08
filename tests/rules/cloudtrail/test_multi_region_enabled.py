from __future__ import annotations

import pytest

RULE = "multi-region-cloudtrail-enabled"
ACCOUNT = "AWS::::Account"


def test_logging_multi_region_trail_is_compliant(aws, trail, moto_item, evaluate_rule):
    trail(RULE, IsMultiRegionTrail=True)
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE))
    assert result.compliance == "COMPLIANT"
    assert "audit-trail" in result.annotation


def test_single_region_or_stopped_trails_are_non_compliant(aws, trail, moto_item, evaluate_rule):
    trail(RULE, name="regional")
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "NON_COMPLIANT"
    trail(RULE, name="global-stopped", logging=False, IsMultiRegionTrail=True)
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "global-stopped is stopped" in result.annotation


def test_write_only_selectors_are_non_compliant(aws, trail, moto_item, evaluate_rule):
    trail(RULE, IsMultiRegionTrail=True)
    aws.client("cloudtrail").put_event_selectors(
        TrailName="audit-trail", EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}]
    )
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "misses read or write" in result.annotation


@pytest.mark.parametrize(
    "selectors,expected",
    [
        (
            {"advancedEventSelectors": [{"fieldSelectors": [{"field": "eventCategory", "equals": ["Management"]}]}]},
            "COMPLIANT",
        ),
        (
            {
                "advancedEventSelectors": [
                    {
                        "fieldSelectors": [
                            {"field": "eventCategory", "equals": ["Management"]},
                            {"field": "readOnly", "equals": ["false"]},
                        ]
                    }
                ]
            },
            "NON_COMPLIANT",
        ),
        ({"eventSelectors": [{"readWriteType": "All", "includeManagementEvents": False}]}, "NON_COMPLIANT"),
        ({"eventSelectors": [{"readWriteType": "All", "includeManagementEvents": True}]}, "COMPLIANT"),
        ({"hasCustomEventSelectors": True}, "NON_COMPLIANT"),
    ],
)
def test_selector_semantics(config_item, evaluate_rule, selectors, expected):
    trail = {"name": "t", "isMultiRegionTrail": True, "isLogging": True, **selectors}
    item = config_item(ACCOUNT, "123456789012", supplementary={"Trails": [trail]})
    assert evaluate_rule(RULE, item).compliance == expected


def test_trail_item_is_not_applicable(trail, evaluate_rule):
    assert evaluate_rule(RULE, trail("cloudtrail-logging-enabled")).compliance == "NOT_APPLICABLE"
