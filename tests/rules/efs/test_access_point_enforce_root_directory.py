from __future__ import annotations

RULE = "efs-access-point-enforce-root-directory"
ACCESS_POINT = "AWS::EFS::AccessPoint"


def test_access_point_with_a_root_directory_is_compliant(access_point, evaluate_rule):
    item = access_point(RULE, RootDirectory={"Path": "/orders"})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, approvedDirectories="/orders,/billing").compliance == "COMPLIANT"


def test_access_point_at_the_root_or_elsewhere_is_non_compliant(access_point, evaluate_rule):
    assert evaluate_rule(RULE, access_point(RULE)).compliance == "NON_COMPLIANT"
    item = access_point(RULE, RootDirectory={"Path": "/tmp"})
    assert evaluate_rule(RULE, item, approvedDirectories="/orders").compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {
        "AccessPointId": "fsap-1",
        "FileSystemId": "fs-1",
        "RootDirectory": {"Path": "/", "CreationInfo": {"OwnerUid": "1000", "OwnerGid": "1000", "Permissions": "750"}},
    }
    assert evaluate_rule(RULE, config_item(ACCESS_POINT, "fsap-1", configuration=recorded)).compliance == (
        "NON_COMPLIANT"
    )
    assert evaluate_rule(RULE, config_item("AWS::EFS::FileSystem", "fs-1")).compliance == "NOT_APPLICABLE"
