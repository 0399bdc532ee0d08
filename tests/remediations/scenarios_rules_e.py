"""Contract scenarios for the rules-e fixes: load balancer attributes, cluster tag copying (test_contract.py)."""

from __future__ import annotations

from typing import Any

from tests.remediations.scenario import Scenario
from tests.rules.elb.conftest import create_balancer
from warden.testing import MotoAccount

CLASSIC = "AWS::ElasticLoadBalancing::LoadBalancer"
LOAD_BALANCER_V2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"
CLASSIC_DESYNC = "elb.http.desyncmitigationmode"


def _classic(aws: MotoAccount) -> str:
    """A Classic Load Balancer failing ELB.7, ELB.9 and ELB.14, with access logs and an idle timeout set."""
    elb = aws.client("elb")
    elb.create_load_balancer(
        LoadBalancerName="legacy",
        Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}],
        AvailabilityZones=["us-east-1a", "us-east-1b"],
    )
    elb.modify_load_balancer_attributes(
        LoadBalancerName="legacy",
        LoadBalancerAttributes={
            "AccessLog": {"Enabled": True, "S3BucketName": "lb-logs", "EmitInterval": 5},
            "ConnectionSettings": {"IdleTimeout": 120},
            "AdditionalAttributes": [{"Key": CLASSIC_DESYNC, "Value": "monitor"}],
        },
    )
    return "legacy"


def _classic_state(*owned: str) -> Any:
    """Every attribute but the ones the fix owns (AdditionalAttributes stands for the desync mode).

    moto appends a second `elb.http.desyncmitigationmode` entry on every ModifyLoadBalancerAttributes call
    without AdditionalAttributes (AWS leaves them as they are), so the draining and cross-zone scenarios
    cannot compare AdditionalAttributes; the desync scenario checks that attribute on its own."""

    def read(aws: MotoAccount, name: str) -> dict[str, Any]:
        attributes = aws.client("elb").describe_load_balancer_attributes(LoadBalancerName=name)
        return {k: v for k, v in attributes["LoadBalancerAttributes"].items() if k not in owned}

    return read


def _monitoring_alb(aws: MotoAccount) -> str:
    arn, _ = create_balancer(aws)
    aws.client("elbv2").modify_load_balancer_attributes(
        LoadBalancerArn=arn,
        Attributes=[
            {"Key": "routing.http.desync_mitigation_mode", "Value": "monitor"},
            {"Key": "idle_timeout.timeout_seconds", "Value": "120"},
            {"Key": "deletion_protection.enabled", "Value": "true"},
        ],
    )
    return arn


def _alb_state(aws: MotoAccount, arn: str) -> list[dict[str, str]]:
    attributes = aws.client("elbv2").describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]
    return sorted((a for a in attributes if a["Key"] != "routing.http.desync_mitigation_mode"), key=lambda a: a["Key"])


def _untagging_cluster(aws: MotoAccount) -> str:
    aws.client("rds").create_db_cluster(
        DBClusterIdentifier="orders",
        Engine="aurora-mysql",
        MasterUsername="orders",
        MasterUserPassword="not-a-real-password",
        BackupRetentionPeriod=5,
        CopyTagsToSnapshot=False,
        Tags=[{"Key": "team", "Value": "orders"}],
    )
    return "orders"


def _cluster_state(aws: MotoAccount, name: str) -> dict[str, Any]:
    found = aws.client("rds").describe_db_clusters(DBClusterIdentifier=name)["DBClusters"][0]
    return {k: v for k, v in found.items() if k not in ("CopyTagsToSnapshot", "LatestRestorableTime")}


SCENARIOS = [
    Scenario(
        "rds-copy-tags-to-snapshots",
        "rds-cluster-copy-tags-to-snapshots-enabled",
        "AWS::RDS::DBCluster",
        _untagging_cluster,
        _cluster_state,
        ("rds", "ModifyDBCluster"),
    ),
    Scenario(
        "elb-enable-connection-draining",
        "elb-connection-draining-enabled",
        CLASSIC,
        _classic,
        _classic_state("ConnectionDraining", "AdditionalAttributes"),
        ("elb", "ModifyLoadBalancerAttributes"),
    ),
    Scenario(
        "elb-enable-cross-zone-load-balancing",
        "elb-cross-zone-load-balancing-enabled",
        CLASSIC,
        _classic,
        _classic_state("CrossZoneLoadBalancing", "AdditionalAttributes"),
        ("elb", "ModifyLoadBalancerAttributes"),
    ),
    Scenario(
        "clb-set-desync-mitigation-mode",
        "clb-desync-mode-check",
        CLASSIC,
        _classic,
        _classic_state("AdditionalAttributes"),
        ("elb", "ModifyLoadBalancerAttributes"),
    ),
    Scenario(
        "alb-set-desync-mitigation-mode",
        "alb-desync-mode-check",
        LOAD_BALANCER_V2,
        _monitoring_alb,
        _alb_state,
        ("elbv2", "ModifyLoadBalancerAttributes"),
    ),
]
