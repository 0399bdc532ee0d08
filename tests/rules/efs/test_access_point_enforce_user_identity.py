from __future__ import annotations

RULE = "efs-access-point-enforce-user-identity"
ACCESS_POINT = "AWS::EFS::AccessPoint"


def test_access_point_with_a_posix_user_is_compliant(access_point, evaluate_rule):
    item = access_point(RULE, PosixUser={"Uid": 1000, "Gid": 1000})
    assert item.configuration["PosixUser"] == {"Uid": "1000", "Gid": "1000"}
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, approvedUids="1000", approvedGids="1000,2000").compliance == "COMPLIANT"


def test_access_point_without_or_with_another_identity_is_non_compliant(access_point, evaluate_rule):
    assert evaluate_rule(RULE, access_point(RULE)).compliance == "NON_COMPLIANT"
    item = access_point(RULE, PosixUser={"Uid": 0, "Gid": 0})
    assert evaluate_rule(RULE, item, approvedUids="1000").compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, approvedGids="1000").compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"AccessPointId": "fsap-1", "PosixUser": {"Uid": "1001", "Gid": "1001", "SecondaryGids": ["20"]}}
    assert evaluate_rule(RULE, config_item(ACCESS_POINT, "fsap-1", configuration=recorded)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EFS::FileSystem", "fs-1")).compliance == "NOT_APPLICABLE"


def test_create_access_point_record_names_it():
    from warden.registry import load_rules

    [trigger] = load_rules().get(RULE).cloudtrail
    assert trigger.resolve_resource_id({"responseElements": {"accessPointId": "fsap-0a1b"}}) == "fsap-0a1b"
