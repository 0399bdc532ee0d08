from __future__ import annotations

from tests.rules.ecr.conftest import REPOSITORY, config_repository

RULE = "ecr-private-image-scanning-enabled"


def test_scan_on_push_is_compliant(repository, evaluate_rule):
    item = repository(RULE, imageScanningConfiguration={"scanOnPush": True})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_no_scan_on_push_is_non_compliant(repository, evaluate_rule):
    assert evaluate_rule(RULE, repository(RULE)).compliance == "NON_COMPLIANT"


def test_turning_scanning_off_is_seen(repository, evaluate_rule):
    def switch_off(ecr, name):
        ecr.put_image_scanning_configuration(repositoryName=name, imageScanningConfiguration={"scanOnPush": False})

    item = repository(RULE, switch_off, imageScanningConfiguration={"scanOnPush": True})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    scanning = config_repository(ImageScanningConfiguration={"ScanOnPush": True})
    on = config_item(REPOSITORY, "orders", configuration=scanning)
    assert evaluate_rule(RULE, on).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item(REPOSITORY, "orders", configuration=config_repository())).compliance == (
        "NON_COMPLIANT"
    )
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
