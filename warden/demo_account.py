"""Seed an account (moto's, never a real one) with compliant and non-compliant resources."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from warden.aws import Clients
from warden.collectors.cloudfront import to_config

GOOD_POLICY_SID = "DenyInsecureTransport"


def tls_only_policy(bucket: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": GOOD_POLICY_SID,
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        }
    )


def partial_tls_policy(bucket: str) -> str:
    """Looks right at a glance but only denies object reads: not compliant."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Deny",
                    "Principal": {"AWS": "*"},
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                    "Condition": {"Bool": {"aws:SecureTransport": False}},
                }
            ],
        }
    )


def enable_access_logging(s3: Any, bucket: str, target: str, prefix: str) -> None:
    """Server access logging from `bucket` to `target`, with the policy that lets S3 deliver the logs."""
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": f"arn:aws:s3:::{target}/*",
    }
    s3.put_bucket_policy(Bucket=target, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))
    s3.put_bucket_logging(
        Bucket=bucket, BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": target, "TargetPrefix": prefix}}
    )


@dataclass
class DemoAccount:
    region: str
    buckets: dict[str, str] = field(default_factory=dict)
    rest_api_id: str = ""
    stages: dict[str, str] = field(default_factory=dict)
    trails: dict[str, str] = field(default_factory=dict)
    security_groups: dict[str, str] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)


def _bucket(clients: Clients, region: str, name: str) -> None:
    s3 = clients.client("s3", region)
    kwargs: dict[str, Any] = {"Bucket": name}
    if region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**kwargs)


def seed(clients: Clients, region: str = "us-east-1", prefix: str = "demo") -> DemoAccount:
    """A small account whose every rule has at least one passing and one failing resource."""
    demo = DemoAccount(region=region)
    s3 = clients.client("s3", region)
    for role in ("hardened", "open", "partial", "logs"):
        name = f"{prefix}-{role}-{region}"
        _bucket(clients, region, name)
        demo.buckets[role] = name
    hardened = demo.buckets["hardened"]
    s3.put_bucket_versioning(Bucket=hardened, VersioningConfiguration={"Status": "Enabled"})
    s3.put_public_access_block(
        Bucket=hardened,
        PublicAccessBlockConfiguration={
            k: True for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
        },
    )
    enable_access_logging(s3, hardened, demo.buckets["logs"], "s3/")
    s3.put_bucket_policy(Bucket=hardened, Policy=tls_only_policy(hardened))
    s3.put_bucket_policy(Bucket=demo.buckets["partial"], Policy=partial_tls_policy(demo.buckets["partial"]))

    apigw = clients.client("apigateway", region)
    api = apigw.create_rest_api(name=f"{prefix}-orders", description="Warden demo API")
    demo.rest_api_id = api["id"]
    root = apigw.get_resources(restApiId=api["id"])["items"][0]["id"]
    apigw.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(
        restApiId=api["id"],
        resourceId=root,
        httpMethod="GET",
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="http://orders.internal.example.com/",
    )
    deployment = apigw.create_deployment(restApiId=api["id"])
    for stage in ("prod", "dev"):
        apigw.create_stage(restApiId=api["id"], stageName=stage, deploymentId=deployment["id"])
        demo.stages[stage] = f"arn:aws:apigateway:{region}::/restapis/{api['id']}/stages/{stage}"
    apigw.update_stage(
        restApiId=api["id"],
        stageName="prod",
        patchOperations=[
            {"op": "replace", "path": "/*/*/logging/loglevel", "value": "ERROR"},
            {"op": "replace", "path": "/tracingEnabled", "value": "true"},
        ],
    )
    apigw.update_stage(
        restApiId=api["id"],
        stageName="dev",
        patchOperations=[
            {"op": "replace", "path": "/cacheClusterEnabled", "value": "true"},
            {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
            {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "false"},
        ],
    )
    http_api = clients.client("apigatewayv2", region).create_api(Name=f"{prefix}-webhooks", ProtocolType="HTTP")
    clients.client("apigatewayv2", region).create_stage(ApiId=http_api["ApiId"], StageName="live")
    apigw.create_domain_name(
        domainName=f"api.{prefix}.example.com",
        regionalCertificateArn=f"arn:aws:acm:{region}:123456789012:certificate/demo",
        endpointConfiguration={"types": ["REGIONAL"]},
        securityPolicy="TLS_1_0",
    )

    trail_bucket = f"{prefix}-trail-{region}"
    _bucket(clients, region, trail_bucket)
    demo.buckets["trail"] = trail_bucket
    cloudtrail = clients.client("cloudtrail", region)
    for name, multi, validation in (("org-trail", True, True), ("legacy-trail", False, False)):
        created = cloudtrail.create_trail(
            Name=name, S3BucketName=trail_bucket, IsMultiRegionTrail=multi, EnableLogFileValidation=validation
        )
        demo.trails[name] = created["TrailARN"]
    cloudtrail.start_logging(Name="org-trail")

    ec2 = clients.client("ec2", region)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    web = ec2.create_security_group(GroupName=f"{prefix}-web", Description="https only", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=web,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    bastion = ec2.create_security_group(GroupName=f"{prefix}-bastion", Description="ssh", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=bastion,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}],
    )
    demo.security_groups = {"web": web, "bastion": bastion}

    iam = clients.client("iam", region)
    admin = iam.create_policy(
        PolicyName=f"{prefix}-break-glass",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        ),
    )["Policy"]["Arn"]
    read_only = iam.create_policy(
        PolicyName=f"{prefix}-read-orders",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{hardened}/*"}],
            }
        ),
    )["Policy"]["Arn"]
    iam.create_user(UserName=f"{prefix}-ci")
    iam.attach_user_policy(UserName=f"{prefix}-ci", PolicyArn=admin)
    iam.attach_user_policy(UserName=f"{prefix}-ci", PolicyArn=read_only)
    iam.create_access_key(UserName=f"{prefix}-ci")
    demo.extras["admin_policy"] = admin
    return demo


# rules-d: the edge, load balancers, API routes and buckets. `api_edge_distribution` and
# `allow_plain_http_at_edge` tell the whitepaper's story at the edge: a distribution fronting the API that
# redirects viewers to HTTPS, and the developer's UpdateDistribution that opens it to plain HTTP.
CACHING_OPTIMIZED_POLICY = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # AWS managed cache policy


def api_edge_distribution(clients: Clients, region: str, api_domain: str, reference: str = "demo-edge") -> str:
    """A distribution in front of an API (HTTPS to the origin, viewers redirected to HTTPS); its id."""
    config = {
        "CallerReference": reference,
        "Comment": f"{reference}: API at the edge",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "api",
                    "DomainName": api_domain,
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only",
                        "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
                    },
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "api",
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": CACHING_OPTIMIZED_POLICY,
        },
    }
    created = clients.client("cloudfront", region).create_distribution(DistributionConfig=config)
    return str(created["Distribution"]["Id"])


def allow_plain_http_at_edge(clients: Clients, region: str, distribution_id: str) -> dict[str, Any]:
    """The developer's change: every cache behavior to allow-all. Returns the UpdateDistribution request
    parameters in CloudTrail's spelling (`id`, `ifMatch`, camelCase `distributionConfig`)."""
    cloudfront = clients.client("cloudfront", region)
    current = cloudfront.get_distribution_config(Id=distribution_id)
    config = current["DistributionConfig"]
    config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] = "allow-all"
    for behavior in (config.get("CacheBehaviors") or {}).get("Items") or []:
        behavior["ViewerProtocolPolicy"] = "allow-all"
    cloudfront.update_distribution(Id=distribution_id, IfMatch=current["ETag"], DistributionConfig=config)
    return {"id": distribution_id, "ifMatch": current["ETag"], "distributionConfig": to_config(config)}


def _legacy_edge_distribution(clients: Clients, region: str, certificate: str) -> None:
    """A distribution that breaks most edge controls: SSLv3 and match-viewer to the origin, dedicated IPs."""
    origin = {
        "Id": "legacy",
        "DomainName": "legacy.example.com",
        "CustomOriginConfig": {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": "match-viewer",
            "OriginSslProtocols": {"Quantity": 2, "Items": ["SSLv3", "TLSv1"]},
        },
    }
    clients.client("cloudfront", region).create_distribution(
        DistributionConfig={
            "CallerReference": "demo-edge-legacy",
            "Comment": "demo-edge-legacy",
            "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "legacy",
                "ViewerProtocolPolicy": "allow-all",
                "CachePolicyId": CACHING_OPTIMIZED_POLICY,
            },
            "ViewerCertificate": {
                "CloudFrontDefaultCertificate": False,
                "ACMCertificateArn": certificate,
                "SSLSupportMethod": "vip",
                "MinimumProtocolVersion": "TLSv1",
            },
        }
    )


def seed_rules_d(clients: Clients, region: str) -> None:
    """One compliant and one non-compliant resource each for CloudFront, load balancers, API routes and S3."""
    api_edge_distribution(clients, region, "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "demo-edge-https")
    allow_plain_http_at_edge(
        clients, region, api_edge_distribution(clients, region, "f6g7h8.execute-api.us-east-1.amazonaws.com")
    )
    certificate = clients.client("acm", region).request_certificate(DomainName="orders.example.com")["CertificateArn"]
    _legacy_edge_distribution(clients, region, certificate)

    ec2, elbv2 = clients.client("ec2", region), clients.client("elbv2", region)
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.60.{i}.0/24", AvailabilityZone=f"{region}{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate("ab")
    ]
    redirect = {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
    for name, hardened in (("demo-orders-alb", True), ("demo-legacy-alb", False)):
        balancer = elbv2.create_load_balancer(Name=name, Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
        group = elbv2.create_target_group(Name=f"{name}-svc", Protocol="HTTP", Port=8080, VpcId=vpc)
        forward = {"Type": "forward", "TargetGroupArn": group["TargetGroups"][0]["TargetGroupArn"]}
        elbv2.create_listener(
            LoadBalancerArn=balancer,
            Protocol="HTTPS",
            Port=443,
            Certificates=[{"CertificateArn": certificate}],
            DefaultActions=[forward],
        )
        # The legacy ALB serves plain HTTP beside its HTTPS listener: ELB.1's fix redirects it.
        elbv2.create_listener(
            LoadBalancerArn=balancer, Protocol="HTTP", Port=80, DefaultActions=[redirect if hardened else forward]
        )
        if hardened:
            elbv2.modify_load_balancer_attributes(
                LoadBalancerArn=balancer,
                Attributes=[
                    {"Key": "deletion_protection.enabled", "Value": "true"},
                    {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
                ],
            )

    apigwv2 = clients.client("apigatewayv2", region)
    api = apigwv2.create_api(Name="demo-orders-http", ProtocolType="HTTP")["ApiId"]
    apigwv2.create_route(ApiId=api, RouteKey="GET /orders", AuthorizationType="AWS_IAM")
    apigwv2.create_route(ApiId=api, RouteKey="GET /debug", AuthorizationType="NONE")

    s3 = clients.client("s3", region)
    _bucket(clients, region, "demo-rules-d-archive")
    s3.put_bucket_encryption(
        Bucket="demo-rules-d-archive",
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]
        },
    )
    s3.put_bucket_lifecycle_configuration(
        Bucket="demo-rules-d-archive",
        LifecycleConfiguration={
            "Rules": [{"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 365}}]
        },
    )
    s3control = clients.client("s3control", region)
    account = clients.account_id
    for point, public in (("demo-archive-internal", False), ("demo-archive-partners", True)):
        blocked = not public
        s3control.create_access_point(
            AccountId=account,
            Name=point,
            Bucket="demo-rules-d-archive",
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": blocked,
                "IgnorePublicAcls": blocked,
                "BlockPublicPolicy": blocked,
                "RestrictPublicBuckets": blocked,
            },
        )
    # Public assets: readable and writable by everyone, and a partner account may rewrite the policy.
    _bucket(clients, region, "demo-rules-d-public-assets")
    everyone = 'uri="http://acs.amazonaws.com/groups/global/AllUsers"'
    s3.put_bucket_acl(Bucket="demo-rules-d-public-assets", GrantRead=everyone, GrantWrite=everyone)
    partner = {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
        "Action": ["s3:GetObject", "s3:PutBucketPolicy"],
        "Resource": ["arn:aws:s3:::demo-rules-d-public-assets", "arn:aws:s3:::demo-rules-d-public-assets/*"],
    }
    s3.put_bucket_policy(
        Bucket="demo-rules-d-public-assets", Policy=json.dumps({"Version": "2012-10-17", "Statement": [partner]})
    )
