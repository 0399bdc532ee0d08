"""Contract tests: every registered rule is complete and consistent, so a new rule cannot ship half-declared."""

from __future__ import annotations

import inspect
from pathlib import Path

import jsonschema
import pytest

from warden import frameworks, schemas
from warden.collectors import COLLECTORS
from warden.model import Severity
from warden.registry import CloudTrailTrigger, DuplicateRuleError, Registry, RuleParameterError, load_rules, rule
from warden.remediation import load_remediations

RULES = load_rules().all()
ROOT = Path(__file__).parent.parent
# Types that only AWS Config records; Warden reads the same state through another collector.
CONFIG_ONLY_TYPES = {"AWS::S3::AccountPublicAccessBlock"}


def test_the_pack_is_complete():
    controls = {c for r in RULES for c in r.controls}
    assert len(RULES) >= 20
    assert {
        "APIGateway.1",
        "APIGateway.2",
        "APIGateway.3",
        "APIGateway.5",
        "APIGateway.9",
        "S3.1",
        "S3.5",
        "S3.8",
        "S3.9",
        "S3.14",
        "CloudTrail.1",
        "CloudTrail.2",
        "CloudTrail.4",
        "EC2.2",
        "EC2.18",
        "EC2.19",
        "IAM.1",
        "IAM.3",
        "IAM.4",
    } <= controls


@pytest.mark.parametrize("declared", RULES, ids=lambda r: r.id)
def test_metadata_matches_schema(declared):
    schemas.validate(declared.to_metadata(), "rule")


@pytest.mark.parametrize("declared", RULES, ids=lambda r: r.id)
def test_parameter_defaults_are_valid(declared):
    jsonschema.Draft202012Validator.check_schema(dict(declared.parameters))
    jsonschema.validate(declared.defaults(), dict(declared.parameters))


@pytest.mark.parametrize("declared", RULES, ids=lambda r: r.id)
def test_every_resource_type_and_attribute_can_be_collected(declared):
    collectable = [t for t in declared.resource_types if t in COLLECTORS]
    assert set(declared.resource_types) - set(collectable) <= CONFIG_ONLY_TYPES
    assert collectable, f"{declared.id}: no collector for any of {declared.resource_types}"
    for attribute in declared.attributes:
        assert any(attribute in COLLECTORS[t].attributes for t in collectable), f"{declared.id}: {attribute}"


@pytest.mark.parametrize("declared", RULES, ids=lambda r: r.id)
def test_cloudtrail_triggers_point_at_the_rules_resources(declared):
    for trigger in declared.cloudtrail:
        assert trigger.resource_type in declared.resource_types
        assert trigger.events


@pytest.mark.parametrize("declared", RULES, ids=lambda r: r.id)
def test_every_rule_has_its_own_test_module(declared):
    module = Path(inspect.getfile(declared.logic)).relative_to(ROOT)
    test_file = ROOT / "tests" / module.parent / f"test_{module.name}"
    assert test_file.exists(), f"{declared.id}: expected {test_file.relative_to(ROOT)}"
    text = test_file.read_text()
    assert declared.id in text
    for case in ("COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE"):
        assert f'"{case}"' in text, f"{declared.id}: no {case} case in {test_file.name}"


@pytest.mark.parametrize("name", frameworks.available())
def test_frameworks_reference_registered_rules(name):
    known = {r.id for r in RULES}
    assert set(frameworks.rule_ids(name)) <= known


def test_fsbp_requirement_ids_are_the_rules_controls():
    for requirement in frameworks.load("fsbp")["requirements"]:
        for rule_id in requirement["rules"]:
            assert requirement["id"] in load_rules().get(rule_id).controls


def test_select_by_rule_and_control():
    registry = load_rules()
    chosen = registry.select(["api-gw-xray-enabled"], ["s3.5"])
    assert [r.id for r in chosen] == ["api-gw-xray-enabled", "s3-bucket-ssl-requests-only"]
    assert len(registry.select()) == len(RULES)
    with pytest.raises(Exception, match="unknown rule"):
        registry.select(["no-such-rule"])
    with pytest.raises(Exception, match="no rule implements"):
        registry.select([], ["S3.999"])


def test_a_second_rule_with_the_same_id_is_refused():
    registry = Registry()
    declare = dict(
        id="x-rule",
        title="A rule for the test",
        resource_types=("AWS::S3::Bucket",),
        severity=Severity.LOW,
        registry=registry,
    )
    rule(**declare)(lambda item, params: None)
    with pytest.raises(DuplicateRuleError):
        rule(**declare)(lambda item, params: None)


def test_invalid_parameters_are_rejected_with_the_reason():
    declared = load_rules().get("access-keys-rotated")
    with pytest.raises(RuleParameterError, match="maxAccessKeyAge"):
        declared.resolve_parameters({"maxAccessKeyAge": "ninety"})
    with pytest.raises(RuleParameterError, match="Additional properties"):
        declared.resolve_parameters({"maxAge": 3})


def test_trigger_resolves_resource_ids_from_real_records(samples):
    import json

    stop = json.loads((samples / "cloudtrail/stratus_aws.defense-evasion.cloudtrail-stop.json").read_text())[0]
    trigger = CloudTrailTrigger(
        "cloudtrail.amazonaws.com", ("StopLogging",), "AWS::CloudTrail::Trail", "{requestParameters.name|basename}"
    )
    assert trigger.resolve_resource_id(stop) == "stratus-red-team-ct-stop-trail-buykxbqejv"
    arn_form = {**stop, "requestParameters": {"name": "arn:aws:cloudtrail:us-east-1:1:trail/my-trail"}}
    assert trigger.resolve_resource_id(arn_form) == "my-trail"
    assert trigger.resolve_resource_id({"requestParameters": {}}) is None
    stage = json.loads((samples / "cloudtrail/custodian_raw_apigateway_CreateStage.json").read_text())
    create_stage = next(t for t in load_rules().get("api-gw-xray-enabled").cloudtrail if "CreateStage" in t.events)
    assert create_stage.resolve_resource_id(stage) == "arn:aws:apigateway:us-east-1::/restapis/abcdef74gh/stages/latest"


REMEDIATIONS = load_remediations().all()


@pytest.mark.parametrize("declared", RULES, ids=lambda r: r.id)
def test_every_rule_names_a_registered_remediation_that_fixes_it(declared):
    assert declared.remediation, f"{declared.id} names no remediation (use notify-only)"
    assert declared.id in load_remediations().get(declared.remediation).fixes


@pytest.mark.parametrize("entry", REMEDIATIONS, ids=lambda r: r.id)
def test_every_remediation_fixes_rules_that_point_back(entry):
    schemas.validate(entry.to_metadata(), "remediation")
    for rule_id in entry.fixes:
        assert load_rules().get(rule_id).remediation == entry.id
    for attribute in entry.attributes:
        assert any(
            attribute in COLLECTORS[t].attributes
            for r in entry.fixes
            for t in load_rules().get(r).resource_types
            if t in COLLECTORS
        )
    assert entry.notify_only or entry.permissions
    assert not entry.reversible or entry.rollback_planner is not None


def test_framework_coverage_counts_requirements_without_rules():
    document = frameworks.load("fsbp")
    uncovered = [r["id"] for r in document["requirements"] if not r["rules"]]
    assert uncovered, "the FSBP file lists the standard's controls Warden does not cover too"
    total = len(document["requirements"])
    assert f"cover {total - len(uncovered)} of its {total} requirements" in frameworks.coverage("fsbp")
