"""CloudTrail detection for ECR, KMS, Secrets Manager, ECS, EKS and IAM inline policies: the rules' resource
id templates resolve from the fields CloudTrail records (request parameters, or the response where only it
names the resource), and the detector re-reads the live resource."""

from __future__ import annotations

import json

import pytest
from warden.trail.detector import Detector

from tests.pipeline.test_trail import ACCOUNT, ROLE, envelope
from warden.demo import cloudtrail_record
from warden.registry import load_rules

ACTOR = f"arn:aws:iam::{ACCOUNT}:user/developer"


@pytest.fixture
def detect(aws, findings):
    detector = Detector(aws.clients, load_rules(), findings.publisher, account_id=ACCOUNT, own_roles=[ROLE])

    def handle(source, name, parameters, response=None):
        record = {**cloudtrail_record(source, name, parameters, ACCOUNT, ACTOR), "responseElements": response}
        detection = detector.handle(envelope(record))
        assert detection.status == "evaluated", detection
        return {(e.rule_id, e.resource_id): e.compliance for e in detection.evaluations}

    return handle


def test_ecr_scan_on_push_switched_off(aws, detect):
    aws.client("ecr").create_repository(repositoryName="orders", imageScanningConfiguration={"scanOnPush": False})
    parameters = {"repositoryName": "orders", "imageScanningConfiguration": {"scanOnPush": False}}
    found = detect("ecr.amazonaws.com", "PutImageScanningConfiguration", parameters)
    assert found[("ecr-private-image-scanning-enabled", "orders")] == "NON_COMPLIANT"


def test_kms_rotation_disabled_by_key_arn_and_a_key_created(aws, detect):
    key = aws.client("kms").create_key()["KeyMetadata"]
    found = detect("kms.amazonaws.com", "DisableKeyRotation", {"keyId": key["Arn"]})
    assert found[("cmk-backing-key-rotation-enabled", key["KeyId"])] == "NON_COMPLIANT"
    created = detect("kms.amazonaws.com", "CreateKey", {"description": "x"}, {"keyMetadata": {"keyId": key["KeyId"]}})
    assert created[("kms-cmk-not-scheduled-for-deletion", key["KeyId"])] == "COMPLIANT"


def test_secret_created_by_name(aws, detect):
    arn = aws.client("secretsmanager").create_secret(Name="orders/db", SecretString="x")["ARN"]
    found = detect("secretsmanager.amazonaws.com", "CreateSecret", {"name": "orders/db"})
    assert found[("secretsmanager-rotation-enabled-check", arn)] == "NON_COMPLIANT"


def test_ecs_task_definition_registered_and_cluster_settings_changed(aws, detect):
    ecs = aws.client("ecs")
    container = {"name": "app", "image": "orders", "memory": 512, "privileged": True}
    arn = ecs.register_task_definition(family="orders", containerDefinitions=[container])["taskDefinition"][
        "taskDefinitionArn"
    ]
    response = {"taskDefinition": {"taskDefinitionArn": arn, "family": "orders"}}
    found = detect("ecs.amazonaws.com", "RegisterTaskDefinition", {"family": "orders"}, response)
    assert found[("ecs-containers-nonprivileged", arn)] == "NON_COMPLIANT"
    cluster = ecs.create_cluster(clusterName="shop")["cluster"]["clusterArn"]
    settings = {"cluster": cluster, "settings": [{"name": "containerInsights", "value": "disabled"}]}
    assert (
        detect("ecs.amazonaws.com", "UpdateClusterSettings", settings)[("ecs-container-insights-enabled", "shop")]
        == "NON_COMPLIANT"
    )


def test_eks_logging_changed(aws, detect):
    subnet = aws.client("ec2").describe_subnets()["Subnets"][0]["SubnetId"]
    aws.client("eks").create_cluster(
        name="shop", roleArn=f"arn:aws:iam::{ACCOUNT}:role/eks", resourcesVpcConfig={"subnetIds": [subnet]}
    )
    logging = {"clusterLogging": [{"types": ["audit"], "enabled": False}]}
    found = detect("eks.amazonaws.com", "UpdateClusterConfig", {"name": "shop", "logging": logging})
    assert found[("eks-cluster-log-enabled", "shop")] == "NON_COMPLIANT"


def test_inline_role_policy_decrypting_every_key(aws, detect):
    iam = aws.client("iam")
    role = iam.create_role(RoleName="orders-task", AssumeRolePolicyDocument=json.dumps({}))["Role"]["RoleId"]
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
    iam.put_role_policy(RoleName="orders-task", PolicyName="decrypt", PolicyDocument=json.dumps(document))
    parameters = {"roleName": "orders-task", "policyName": "decrypt", "policyDocument": json.dumps(document)}
    found = detect("iam.amazonaws.com", "PutRolePolicy", parameters)
    assert found[("iam-inline-policy-blocked-kms-actions", role)] == "NON_COMPLIANT"
