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


def seed_rules_a(clients: Clients, region: str) -> None:
    """One compliant and one non-compliant resource per service of the messaging, serverless and data family
    (SQS, SNS, Lambda, DynamoDB and DAX, EventBridge, Step Functions, IAM users); names start with `shop-`."""
    import io
    import zipfile

    sqs = clients.client("sqs", region)
    sqs.create_queue(QueueName="shop-orders", Attributes={"SqsManagedSseEnabled": "true"})
    sqs.create_queue(QueueName="shop-legacy-jobs", Attributes={"SqsManagedSseEnabled": "false"})

    sns = clients.client("sns", region)
    sns.create_topic(Name="shop-order-events", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    open_topic = sns.create_topic(Name="shop-newsletter")["TopicArn"]
    anyone = {"Sid": "AnyoneMayPublish", "Effect": "Allow", "Principal": "*", "Action": "SNS:Publish"}
    sns.set_topic_attributes(
        TopicArn=open_topic,
        AttributeName="Policy",
        AttributeValue=json.dumps({"Version": "2012-10-17", "Statement": [{**anyone, "Resource": open_topic}]}),
    )

    role = clients.client("iam", region).create_role(
        RoleName="shop-functions",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            }
        ),
    )["Role"]["Arn"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as code:
        code.writestr("app.py", "def handler(event, context):\n    return event\n")
    subnets = clients.client("ec2", region).describe_subnets()["Subnets"][:2]
    functions = clients.client("lambda", region)
    functions.create_function(
        FunctionName="shop-checkout",
        Runtime="python3.13",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": archive.getvalue()},
        VpcConfig={"SubnetIds": [s["SubnetId"] for s in subnets], "SecurityGroupIds": []},
    )
    functions.create_function(
        FunctionName="shop-legacy-webhook",
        Runtime="python3.8",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": archive.getvalue()},
    )
    functions.add_permission(
        FunctionName="shop-legacy-webhook",
        StatementId="PublicUrl",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )

    dynamodb = clients.client("dynamodb", region)
    key = {
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
    }
    dynamodb.create_table(TableName="shop-orders", DeletionProtectionEnabled=True, **key)
    dynamodb.update_continuous_backups(
        TableName="shop-orders", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    dynamodb.create_table(TableName="shop-carts", DeletionProtectionEnabled=False, **key)
    dax = clients.client("dax", region)
    for name, secure in (("shop-cache", True), ("shop-legacy-cache", False)):
        dax.create_cluster(
            ClusterName=name,
            NodeType="dax.t3.small",
            ReplicationFactor=1,
            IamRoleArn=role,
            SSESpecification={"Enabled": secure},
            ClusterEndpointEncryptionType="TLS" if secure else "NONE",
        )

    events = clients.client("events", region)
    events.create_event_bus(Name="shop-partners")
    events.put_permission(
        EventBusName="shop-partners", Action="events:PutEvents", Principal="111122223333", StatementId="Partner"
    )
    events.create_event_bus(Name="shop-internal")

    states = clients.client("stepfunctions", region)
    definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})
    clients.client("logs", region).create_log_group(logGroupName="/aws/vendedlogs/states/shop-fulfilment-Logs")
    account = clients.client("sts", region).get_caller_identity()["Account"]
    log_group = f"arn:aws:logs:{region}:{account}:log-group:/aws/vendedlogs/states/shop-fulfilment-Logs:*"
    states.create_state_machine(
        name="shop-fulfilment",
        definition=definition,
        roleArn=role,
        loggingConfiguration={
            "level": "ERROR",
            "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": log_group}}],
        },
    )
    states.create_state_machine(name="shop-refunds", definition=definition, roleArn=role)

    iam = clients.client("iam", region)
    iam.create_group(GroupName="shop-operators")
    iam.create_user(UserName="shop-operator")
    iam.add_user_to_group(GroupName="shop-operators", UserName="shop-operator")
    iam.create_login_profile(UserName="shop-operator", Password="Correct-Horse-Battery-9")
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="shop-operator")["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(
        UserName="shop-operator", SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321"
    )
    iam.create_user(UserName="shop-contractor")
    iam.create_login_profile(UserName="shop-contractor", Password="Correct-Horse-Battery-9")
    iam.put_user_policy(
        UserName="shop-contractor",
        PolicyName="shop-contractor-everything-s3",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
        ),
    )


def seed_rules_b(clients: Clients, region: str) -> None:
    """ECR, KMS, Secrets Manager, ECS and EKS: per service one resource that passes its rules and one that
    does not (ECR scanning and tag immutability, KMS rotation, ECS Container Insights and EKS audit logging
    are fixed automatically; the rest are notify-only)."""
    kms = clients.client("kms", region)
    customer_key = kms.create_key(Description="orders data")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=customer_key)
    kms.create_key(Description="legacy exports")  # no rotation
    retired = kms.create_key(Description="retired batch key")["KeyMetadata"]["KeyId"]
    kms.schedule_key_deletion(KeyId=retired, PendingWindowInDays=7)
    account = clients.account_id
    open_to_all = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AccountAdministers",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                "Action": "kms:*",
                "Resource": "*",
            },
            {"Sid": "AnyoneDecrypts", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"},
        ],
    }
    kms.create_key(Description="partner exchange", Policy=json.dumps(open_to_all))

    iam = clients.client("iam", region)
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    for role, resource in (("orders-task", customer_key), ("legacy-task", "*")):
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))
        decrypt = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": resource}],
        }
        iam.put_role_policy(RoleName=role, PolicyName="decrypt", PolicyDocument=json.dumps(decrypt))

    ecr = clients.client("ecr", region)
    ecr.create_repository(
        repositoryName="orders",
        imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
        encryptionConfiguration={"encryptionType": "KMS", "kmsKey": customer_key},
    )
    expire_untagged = {
        "rulePriority": 1,
        "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 10},
        "action": {"type": "expire"},
    }
    ecr.put_lifecycle_policy(repositoryName="orders", lifecyclePolicyText=json.dumps({"rules": [expire_untagged]}))
    ecr.create_repository(repositoryName="legacy-batch")  # mutable tags, no scanning, no lifecycle, AES256

    secrets = clients.client("secretsmanager", region)
    secrets.create_secret(Name="orders/db", SecretString=json.dumps({"username": "orders", "password": "demo"}))
    secrets.create_secret(Name="legacy/api-token", SecretString="demo")  # neither rotates (no function on moto)

    ecs = clients.client("ecs", region)
    ecs.create_cluster(clusterName="shop", settings=[{"name": "containerInsights", "value": "enabled"}])
    ecs.create_cluster(clusterName="legacy")
    logs = {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/orders", "awslogs-region": region}}
    ecs.register_task_definition(
        family="orders",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        containerDefinitions=[
            {
                "name": "app",
                "image": "orders:1.4.2",
                "user": "1000",
                "readonlyRootFilesystem": True,
                "logConfiguration": logs,
            }
        ],
    )
    ecs.register_task_definition(
        family="legacy-worker",
        networkMode="host",
        pidMode="host",
        containerDefinitions=[
            {
                "name": "worker",
                "image": "worker:latest",
                "memory": 512,
                "privileged": True,
                "environment": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "demo"}],
            },
            {"name": "metrics", "image": "statsd:latest", "memory": 128},  # host network, as root
        ],
    )
    ec2 = clients.client("ec2", region)
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]["GroupId"]
    for name, public_ip, version in (("orders", "DISABLED", "LATEST"), ("legacy-web", "ENABLED", "1.3.0")):
        ecs.create_service(
            cluster="shop",
            serviceName=name,
            taskDefinition="orders",
            desiredCount=1,
            launchType="FARGATE",
            platformVersion=version,
            networkConfiguration={
                "awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group], "assignPublicIp": public_ip}
            },
        )

    network = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group], "assignPublicIp": "ENABLED"}}
    ecs.create_service(cluster="shop", serviceName="canary", desiredCount=1, deploymentController={"type": "EXTERNAL"})
    ecs.create_task_set(cluster="shop", service="canary", taskDefinition="orders", networkConfiguration=network)

    eks = clients.client("eks", region)
    role = f"arn:aws:iam::{account}:role/eks-cluster"
    eks.create_cluster(
        name="shop",
        version="1.34",
        roleArn=role,
        resourcesVpcConfig={"subnetIds": [subnet], "endpointPublicAccess": False, "endpointPrivateAccess": True},
        logging={"clusterLogging": [{"types": ["api", "audit"], "enabled": True}]},
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": customer_key}}],
    )
    eks.create_cluster(
        name="legacy",
        version="1.29",
        roleArn=role,
        resourcesVpcConfig={"subnetIds": [subnet], "endpointPublicAccess": True},
    )


def seed_rules_c(clients: Clients, region: str) -> None:
    """RDS, ElastiCache and EC2: one hardened and one weak resource per service.

    moto ignores RestorableByUserIds, so on moto every own EBS snapshot reads as public (EC2.1) and
    making the seeded public one private cannot be verified there; on AWS it can."""
    rds = clients.client("rds", region)
    account = clients.client("sts", region).get_caller_identity()["Account"]
    common: dict[str, Any] = {
        "DBInstanceClass": "db.t3.micro",
        "Engine": "postgres",
        "MasterUsername": "orders",
        "MasterUserPassword": "demo-only-password",
        "AllocatedStorage": 20,
    }
    rds.create_db_instance(
        DBInstanceIdentifier="orders-db",
        Port=6543,
        StorageEncrypted=True,
        MultiAZ=True,
        DeletionProtection=True,
        AutoMinorVersionUpgrade=True,
        CopyTagsToSnapshot=True,
        EnableIAMDatabaseAuthentication=True,
        EnableCloudwatchLogsExports=["postgresql", "upgrade"],
        BackupRetentionPeriod=7,
        MonitoringInterval=60,
        MonitoringRoleArn=f"arn:aws:iam::{account}:role/rds-monitoring-role",
        **common,
    )
    # Public, unencrypted, unprotected, pinned: what a hurried developer leaves behind.
    rds.create_db_instance(
        DBInstanceIdentifier="reports-db",
        PubliclyAccessible=True,
        AutoMinorVersionUpgrade=False,
        BackupRetentionPeriod=1,
        **common,
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="reports-db-export", DBInstanceIdentifier="reports-db")
    rds.modify_db_snapshot_attribute(
        DBSnapshotIdentifier="reports-db-export", AttributeName="restore", ValuesToAdd=["all"]
    )
    rds.create_db_cluster(
        DBClusterIdentifier="orders-cluster",
        Engine="aurora-postgresql",
        MasterUsername="orders",
        MasterUserPassword="demo-only-password",
        DeletionProtection=True,
        StorageEncrypted=True,
    )
    rds.create_db_cluster(
        DBClusterIdentifier="scratch-cluster",
        Engine="aurora-postgresql",
        MasterUsername="orders",
        MasterUserPassword="demo-only-password",
    )

    cache = clients.client("elasticache", region)
    subnet = clients.client("ec2", region).describe_subnets()["Subnets"][0]["SubnetId"]
    cache.create_cache_subnet_group(
        CacheSubnetGroupName="private-cache", CacheSubnetGroupDescription="private subnets", SubnetIds=[subnet]
    )
    cache.create_cache_cluster(
        CacheClusterId="sessions",
        Engine="redis",
        CacheNodeType="cache.t3.micro",
        NumCacheNodes=1,
        CacheSubnetGroupName="private-cache",
        SnapshotRetentionLimit=3,
        AutoMinorVersionUpgrade=True,
    )
    cache.create_cache_cluster(
        CacheClusterId="scratch-cache",
        Engine="redis",
        CacheNodeType="cache.t3.micro",
        NumCacheNodes=1,
        AutoMinorVersionUpgrade=False,
    )
    cache.create_replication_group(
        ReplicationGroupId="carts",
        ReplicationGroupDescription="cart store",
        Engine="redis",
        CacheNodeType="cache.t3.micro",
        NumCacheClusters=2,
        AutomaticFailoverEnabled=True,
        AtRestEncryptionEnabled=True,
        TransitEncryptionEnabled=True,
        AuthToken="demo-only-auth-token-0123",
        SnapshotRetentionLimit=3,
    )
    cache.create_replication_group(
        ReplicationGroupId="leaderboard",
        ReplicationGroupDescription="leaderboard cache",
        Engine="redis",
        EngineVersion="5.0.6",
        CacheNodeType="cache.t3.micro",
        NumCacheClusters=1,
    )

    ec2 = clients.client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
    private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24")["Subnet"]["SubnetId"]
    public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.2.0/24")["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=public, MapPublicIpOnLaunch={"Value": True})
    s3 = clients.client("s3", region)
    s3.create_bucket(Bucket=f"flow-logs-{account}-{region}")
    ec2.create_flow_logs(
        ResourceIds=[vpc],
        ResourceType="VPC",
        TrafficType="REJECT",
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::flow-logs-{account}-{region}",
    )
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(
        NetworkAclId=acl,
        RuleNumber=100,
        Protocol="6",
        RuleAction="allow",
        Egress=False,
        CidrBlock="0.0.0.0/0",
        PortRange={"From": 22, "To": 22},
    )
    ec2.create_network_acl(VpcId=vpc)  # a custom ACL with only the implicit deny
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    hardened = ec2.run_instances(
        ImageId=image, MinCount=1, MaxCount=1, SubnetId=private, MetadataOptions={"HttpTokens": "required"}
    )["Instances"][0]
    exposed = ec2.run_instances(
        ImageId=image, MinCount=1, MaxCount=1, SubnetId=public, MetadataOptions={"HttpTokens": "optional"}
    )["Instances"][0]
    zone = hardened["Placement"]["AvailabilityZone"]
    for instance, encrypted in ((hardened, True), (exposed, False)):
        volume = ec2.create_volume(AvailabilityZone=zone, Size=8, Encrypted=encrypted)["VolumeId"]
        ec2.attach_volume(VolumeId=volume, InstanceId=instance["InstanceId"], Device="/dev/sdf")
        if not encrypted:
            snapshot = ec2.create_snapshot(VolumeId=volume, Description="reports export")["SnapshotId"]
            ec2.modify_snapshot_attribute(
                SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add", GroupNames=["all"]
            )
    rdp = ec2.create_security_group(GroupName="windows-jump", Description="rdp", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=rdp,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )


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


def seed_rules_e(clients: Clients, region: str) -> None:
    """Classic and v2 load balancers (ELB.2, 3, 7-10, 12-14), RDS clusters, administrator names and event
    subscriptions (RDS.12, 14-16, 19-22, 24, 25): one hardened and one weak of each kind. moto reports every
    DB cluster as single-AZ, so RDS.15 has no compliant cluster here."""
    elb, elbv2, ec2 = clients.client("elb", region), clients.client("elbv2", region), clients.client("ec2", region)
    certificate = clients.client("acm", region).request_certificate(DomainName="legacy.example.com")["CertificateArn"]
    zones = [f"{region}a", f"{region}b"]
    elb.create_load_balancer(
        LoadBalancerName="demo-edge-clb",
        Listeners=[
            {"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstancePort": 8080, "SSLCertificateId": certificate}
        ],
        AvailabilityZones=zones,
    )
    elb.create_load_balancer_policy(
        LoadBalancerName="demo-edge-clb",
        PolicyName="demo-tls-1-2",
        PolicyTypeName="SSLNegotiationPolicyType",
        PolicyAttributes=[
            {"AttributeName": "Reference-Security-Policy", "AttributeValue": "ELBSecurityPolicy-TLS-1-2-2017-01"}
        ],
    )
    elb.set_load_balancer_policies_of_listener(
        LoadBalancerName="demo-edge-clb", LoadBalancerPort=443, PolicyNames=["demo-tls-1-2"]
    )
    elb.modify_load_balancer_attributes(
        LoadBalancerName="demo-edge-clb",
        LoadBalancerAttributes={
            "ConnectionDraining": {"Enabled": True, "Timeout": 300},
            "CrossZoneLoadBalancing": {"Enabled": True},
            "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "defensive"}],
        },
    )
    # The legacy one: plain HTTP, an IAM server certificate with an older TLS policy, one zone, no draining,
    # no cross-zone balancing, desync mode monitor.
    elb.create_load_balancer(
        LoadBalancerName="demo-legacy-clb",
        Listeners=[
            {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080},
            {
                "Protocol": "SSL",
                "LoadBalancerPort": 8443,
                "InstancePort": 8443,
                "SSLCertificateId": f"arn:aws:iam::{clients.account_id}:server-certificate/demo-legacy",
            },
        ],
        AvailabilityZones=zones[:1],
    )
    elb.create_load_balancer_policy(
        LoadBalancerName="demo-legacy-clb",
        PolicyName="demo-tls-2016",
        PolicyTypeName="SSLNegotiationPolicyType",
        PolicyAttributes=[
            {"AttributeName": "Reference-Security-Policy", "AttributeValue": "ELBSecurityPolicy-2016-08"}
        ],
    )
    elb.set_load_balancer_policies_of_listener(
        LoadBalancerName="demo-legacy-clb", LoadBalancerPort=8443, PolicyNames=["demo-tls-2016"]
    )
    elb.modify_load_balancer_attributes(
        LoadBalancerName="demo-legacy-clb",
        LoadBalancerAttributes={"AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}]},
    )

    vpc = ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.70.{i}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
        for i, zone in enumerate(zones)
    ]
    # A strict ALB, one that only monitors HTTP desync, and an internal NLB in a single zone.
    for name, mode in (("demo-strict-alb", "strictest"), ("demo-monitor-alb", "monitor")):
        alb = elbv2.create_load_balancer(Name=name, Subnets=subnets)["LoadBalancers"][0]
        elbv2.modify_load_balancer_attributes(
            LoadBalancerArn=alb["LoadBalancerArn"],
            Attributes=[{"Key": "routing.http.desync_mitigation_mode", "Value": mode}],
        )
    elbv2.create_load_balancer(Name="demo-single-az-nlb", Subnets=subnets[:1], Type="network", Scheme="internal")

    rds = clients.client("rds", region)
    password = "demo-only-password"
    rds.create_db_cluster(
        DBClusterIdentifier="demo-orders-aurora",
        Engine="aurora-mysql",
        MasterUsername="orders_owner",
        MasterUserPassword=password,
        EnableIAMDatabaseAuthentication=True,
        BacktrackWindow=86400,
        CopyTagsToSnapshot=True,
    )
    rds.create_db_cluster(
        DBClusterIdentifier="demo-legacy-aurora",
        Engine="aurora-mysql",
        MasterUsername="admin",
        MasterUserPassword=password,
    )
    for name, admin in (("demo-orders-mysql", "orders_owner"), ("demo-legacy-mysql", "admin")):
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            DBInstanceClass="db.t3.micro",
            Engine="mysql",
            MasterUsername=admin,
            MasterUserPassword=password,
            AllocatedStorage=20,
        )
    topic = clients.client("sns", region).create_topic(Name="demo-rds-events")["TopicArn"]
    for name, source, categories in (
        ("demo-cluster-events", "db-cluster", ["maintenance", "failure"]),
        ("demo-instance-events", "db-instance", []),
        ("demo-parameter-group-events", "db-parameter-group", ["configuration change"]),
        ("demo-security-group-events", "db-security-group", ["configuration change", "failure"]),
    ):
        rds.create_event_subscription(
            SubscriptionName=name, SnsTopicArn=topic, SourceType=source, EventCategories=categories, Enabled=True
        )
    # Every source and category, but switched off: it fails all four controls.
    rds.create_event_subscription(SubscriptionName="demo-paused-events", SnsTopicArn=topic, Enabled=False)


def seed_rules_f(clients: Clients, region: str) -> None:
    """One compliant and one non-compliant resource per service of the rules-f family (S3 lifecycle and
    notifications, SNS delivery logging, EC2 network settings, Kinesis, EFS, GuardDuty); names start with `rf-`.
    moto keeps no SNS delivery status roles, so the SNS topic is the non-compliant one only; GuardDuty is left
    off (one detector per region): the account is its violation."""
    s3 = clients.client("s3", region)
    for name, hardened in (("rf-uploads", True), ("rf-raw-uploads", False)):
        _bucket(clients, region, name)
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        if hardened:
            s3.put_bucket_lifecycle_configuration(
                Bucket=name,
                LifecycleConfiguration={
                    "Rules": [
                        {
                            "ID": "expire-noncurrent",
                            "Status": "Enabled",
                            "Filter": {"Prefix": ""},
                            "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                        }
                    ]
                },
            )
    sns = clients.client("sns", region)
    uploads_topic = sns.create_topic(Name="rf-upload-events")["TopicArn"]
    s3.put_bucket_notification_configuration(
        Bucket="rf-uploads",
        NotificationConfiguration={
            "TopicConfigurations": [{"Id": "uploads", "TopicArn": uploads_topic, "Events": ["s3:ObjectCreated:*"]}]
        },
    )

    ec2 = clients.client("ec2", region)
    for auto_accept in ("disable", "enable"):
        ec2.create_transit_gateway(
            Description=f"rf-{auto_accept}",
            Options={"AutoAcceptSharedAttachments": auto_accept},
            TagSpecifications=[
                {"ResourceType": "transit-gateway", "Tags": [{"Key": "Name", "Value": f"rf-{auto_accept}"}]}
            ],
        )
    for name, public in (("rf-private-web", False), ("rf-public-web", True)):
        ec2.create_launch_template(
            LaunchTemplateName=name,
            LaunchTemplateData={"NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": public}]},
        )
    private_vpc = ec2.create_vpc(CidrBlock="10.61.0.0/16")["Vpc"]["VpcId"]
    ec2.create_vpc_endpoint(VpcId=private_vpc, ServiceName=f"com.amazonaws.{region}.ec2", VpcEndpointType="Interface")
    open_vpc = ec2.create_vpc(CidrBlock="10.62.0.0/16")["Vpc"]["VpcId"]
    ec2.create_network_acl(VpcId=open_vpc)  # associated with no subnet: unused
    subnet = ec2.create_subnet(VpcId=private_vpc, CidrBlock="10.61.1.0/24")["Subnet"]["SubnetId"]
    ec2.create_security_group(GroupName="rf-unused", Description="nothing uses it", VpcId=private_vpc)
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
    second = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=second, InstanceId=instance["InstanceId"], DeviceIndex=1)
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, SubnetId=subnet)

    kinesis = clients.client("kinesis", region)
    for name, encrypted in (("rf-clickstream", True), ("rf-audit-stream", False)):
        kinesis.create_stream(StreamName=name, ShardCount=1)
        if encrypted:
            kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")

    efs = clients.client("efs", region)
    shared = efs.create_file_system(CreationToken="rf-shared", Encrypted=True)["FileSystemId"]
    efs.create_file_system(CreationToken="rf-scratch", Encrypted=False)
    efs.create_access_point(
        FileSystemId=shared, PosixUser={"Uid": 1000, "Gid": 1000}, RootDirectory={"Path": "/orders"}
    )
    efs.create_access_point(FileSystemId=shared)
