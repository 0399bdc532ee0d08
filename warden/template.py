"""template.yaml, generated from the registries so that rules, event patterns and permissions cannot drift.

`python -m warden.template > template.yaml` rewrites it; a test fails when the committed file is stale.
Config rules come from the rule registry, EventBridge patterns from the rules' CloudTrail triggers, and
the remediation role's write actions from the remediations' declared permissions, scoped to resource ARNs.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from warden.model import Severity, Trigger
from warden.registry import Rule, load_rules
from warden.remediation import load_remediations
from warden.trail.patterns import event_patterns

RUNTIME = "python3.12"
# What the collectors call (list, get, and every attribute): the read half of every function's role.
READ_ACTIONS = (
    "apigateway:GET",
    "application-autoscaling:DescribeScalableTargets",
    "application-autoscaling:DescribeScalingPolicies",
    "backup:GetBackupSelection",
    "backup:ListBackupPlans",
    "backup:ListBackupSelections",
    "cloudfront:GetDistribution",
    "cloudfront:GetDistributionConfig",
    "cloudfront:ListDistributions",
    "cloudfront:ListTagsForResource",
    "cloudtrail:DescribeTrails",
    "cloudtrail:GetEventSelectors",
    "cloudtrail:GetTrailStatus",
    "cloudtrail:ListTags",
    "config:DescribeConfigurationRecorderStatus",
    "config:DescribeConfigurationRecorders",
    "dax:DescribeClusters",
    "dynamodb:DescribeContinuousBackups",
    "dynamodb:DescribeTable",
    "dynamodb:ListTables",
    "dynamodb:ListTagsOfResource",
    "ec2:DescribeFlowLogs",
    "ec2:DescribeInstances",
    "ec2:DescribeLaunchTemplateVersions",
    "ec2:DescribeLaunchTemplates",
    "ec2:DescribeNetworkAcls",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSnapshots",
    "ec2:DescribeSubnets",
    "ec2:DescribeTransitGateways",
    "ec2:DescribeVolumes",
    "ec2:DescribeVpcEndpoints",
    "ec2:DescribeVpcs",
    "ec2:GetEbsEncryptionByDefault",
    "ecr:DescribeRepositories",
    "ecr:GetLifecyclePolicy",
    "ecr:ListTagsForResource",
    "ecs:DescribeClusters",
    "ecs:DescribeServices",
    "ecs:DescribeTaskDefinition",
    "ecs:DescribeTaskSets",
    "ecs:ListClusters",
    "ecs:ListServices",
    "ecs:ListTaskDefinitionFamilies",
    "eks:DescribeCluster",
    "eks:ListClusters",
    "elasticache:DescribeCacheClusters",
    "elasticache:DescribeReplicationGroups",
    "elasticfilesystem:DescribeAccessPoints",
    "elasticfilesystem:DescribeBackupPolicy",
    "elasticfilesystem:DescribeFileSystems",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeLoadBalancerPolicies",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTags",
    "events:DescribeEndpoint",
    "events:DescribeEventBus",
    "events:ListEndpoints",
    "events:ListEventBuses",
    "guardduty:GetAdministratorAccount",
    "guardduty:GetDetector",
    "guardduty:ListDetectors",
    "iam:GetAccessKeyLastUsed",
    "iam:GetAccountPasswordPolicy",
    "iam:GetAccountSummary",
    "iam:GetGroup",
    "iam:GetGroupPolicy",
    "iam:GetLoginProfile",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:GetRole",
    "iam:GetRolePolicy",
    "iam:GetUser",
    "iam:GetUserPolicy",
    "iam:ListAccessKeys",
    "iam:ListAttachedUserPolicies",
    "iam:ListGroupPolicies",
    "iam:ListGroups",
    "iam:ListMFADevices",
    "iam:ListPolicies",
    "iam:ListPolicyTags",
    "iam:ListRolePolicies",
    "iam:ListRoles",
    "iam:ListUserPolicies",
    "iam:ListUserTags",
    "iam:ListUsers",
    "iam:ListVirtualMFADevices",
    "kinesis:DescribeStreamSummary",
    "kinesis:ListStreams",
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListKeys",
    "kms:ListResourceTags",
    "lambda:GetFunctionConfiguration",
    "lambda:GetPolicy",
    "lambda:ListFunctions",
    "logs:DescribeLogGroups",
    "rds:DescribeDBClusterSnapshotAttributes",
    "rds:DescribeDBClusterSnapshots",
    "rds:DescribeDBClusters",
    "rds:DescribeDBInstances",
    "rds:DescribeDBSnapshotAttributes",
    "rds:DescribeDBSnapshots",
    "rds:DescribeEventSubscriptions",
    "s3:GetAccessPoint",
    "s3:GetAccountPublicAccessBlock",
    "s3:GetBucketAcl",
    "s3:GetBucketLogging",
    "s3:GetBucketNotification",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketPolicy",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetBucketTagging",
    "s3:GetBucketVersioning",
    "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration",
    "s3:ListAccessPoints",
    "s3:ListAllMyBuckets",
    "s3:ListBucket",
    "secretsmanager:DescribeSecret",
    "secretsmanager:ListSecrets",
    "sns:GetTopicAttributes",
    "sns:ListTopics",
    "sqs:GetQueueAttributes",
    "sqs:ListQueues",
    "states:DescribeStateMachine",
    "states:ListStateMachines",
)
# Resource types AWS Config records; rules on other types (the account, domain names) run periodically.
CONFIG_RECORDED_TYPES = frozenset(
    {
        "AWS::ApiGateway::Stage",
        "AWS::ApiGateway::RestApi",
        "AWS::ApiGatewayV2::Stage",
        "AWS::ApiGatewayV2::Api",
        "AWS::S3::Bucket",
        "AWS::S3::AccountPublicAccessBlock",
        "AWS::CloudTrail::Trail",
        "AWS::EC2::SecurityGroup",
        "AWS::IAM::Policy",
        "AWS::IAM::User",
        "AWS::DynamoDB::Table",
        "AWS::Lambda::Function",
        "AWS::SNS::Topic",
        "AWS::SQS::Queue",
        "AWS::Config::ConfigurationRecorder",
        "AWS::Events::EventBus",
        "AWS::Events::Endpoint",
        "AWS::StepFunctions::StateMachine",
        "AWS::ECR::Repository",
        "AWS::KMS::Key",
        "AWS::IAM::Role",
        "AWS::IAM::Group",
        "AWS::SecretsManager::Secret",
        "AWS::ECS::Cluster",
        "AWS::ECS::Service",
        "AWS::ECS::TaskSet",
        "AWS::ECS::TaskDefinition",
        "AWS::EKS::Cluster",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBSnapshot",
        "AWS::RDS::DBClusterSnapshot",
        "AWS::RDS::EventSubscription",
        "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup",
        "AWS::EC2::Instance",
        "AWS::EC2::Volume",
        "AWS::EC2::VPC",
        "AWS::EC2::Subnet",
        "AWS::EC2::NetworkAcl",
        "AWS::CloudFront::Distribution",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "AWS::S3::AccessPoint",
        "AWS::EC2::TransitGateway",
        "AWS::EC2::LaunchTemplate",
        "AWS::Kinesis::Stream",
        "AWS::EFS::FileSystem",
        "AWS::EFS::AccessPoint",
    }
)
# Where each service's remediation writes may land (IAM resource ARNs); "*" only where AWS has none.
WRITE_SCOPES = {
    "apigateway": ["arn:${AWS::Partition}:apigateway:${AWS::Region}::/*"],
    "s3": ["arn:${AWS::Partition}:s3:::*"],
    "cloudtrail": ["arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/*"],
    "dynamodb": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"],
    "lambda": ["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*"],
    "sns": ["arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*"],
    "states": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"],
    # CreateLogDelivery and the other log delivery actions have no resource ARN to scope to.
    "logs": ["*"],
    "sqs": ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*"],
    "ecr": ["arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*"],
    "ecs": ["arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/*"],
    "eks": ["arn:${AWS::Partition}:eks:${AWS::Region}:${AWS::AccountId}:cluster/*"],
    "kms": ["arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*"],
    "kinesis": ["arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/*"],
    "ec2": [
        "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*",
        "arn:${AWS::Partition}:ec2:${AWS::Region}::snapshot/*",
        "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:transit-gateway/*",
    ],
    "rds": [
        f"arn:${{AWS::Partition}}:rds:${{AWS::Region}}:${{AWS::AccountId}}:{kind}:*"
        for kind in ("db", "cluster", "snapshot", "cluster-snapshot")
    ],
    "cloudfront": ["arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/*"],
    "elasticloadbalancing": [
        f"arn:${{AWS::Partition}}:elasticloadbalancing:${{AWS::Region}}:${{AWS::AccountId}}:{kind}/*"
        for kind in ("listener", "loadbalancer")
    ],
}
ACCOUNT_LEVEL_ACTIONS = frozenset({"s3:PutAccountPublicAccessBlock", "s3:GetAccountPublicAccessBlock"})
# Regional account settings with no resource ARN: limited to the stack's region by condition.
REGION_LEVEL_ACTIONS = frozenset({"ec2:EnableEbsEncryptionByDefault", "ec2:DisableEbsEncryptionByDefault"})
# What the Config rule service calls in the account it evaluates, besides reading the resources.
CONFIG_RULE_ACTIONS = (
    "config:PutEvaluations",
    "config:GetResourceConfigHistory",  # an oversized configuration item
    "config:GetComplianceDetailsByConfigRule",  # a periodic run's vanished resources
)
# Membership checks: ListAccounts has no resource ARN (and needs the management or a delegated account).
ORGANIZATION_READ_ACTIONS = ("organizations:ListAccounts",)
ORGANIZATION = "InOrganization"
SINGLE_ACCOUNT = "SingleAccount"
ORGANIZATION_BUS = "OrganizationEventBus"
FUNCTIONS = ("ConfigRuleFunction", "TrailFunction", "RemediationFunction", "ReportFunction")
DEAD_LETTER_QUEUES = ("RemediationDeadLetterQueue", "TrailEventsDeadLetterQueue", "AsyncFailuresQueue")
# The Powertools metric the remediation handler emits for a finding it could not remediate.
REMEDIATION_FAILURE_METRIC = ("RemediationsFailed", "warden-remediation")
SKIP_VPC = {
    "id": "CKV_AWS_117",
    "comment": "Warden only calls AWS APIs; a VPC would add NAT or endpoints for nine services and no isolation.",
}


def sub(text: str) -> dict[str, str]:
    return {"Fn::Sub": text}


def arn(resource: str) -> dict[str, list[str]]:
    return {"Fn::GetAtt": [resource, "Arn"]}


def ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def _source_details(rule: Rule) -> tuple[list[dict[str, Any]], list[str]]:
    recorded = [t for t in rule.resource_types if t in CONFIG_RECORDED_TYPES]
    details: list[dict[str, Any]] = []
    if recorded and rule.trigger in (Trigger.CONFIGURATION_CHANGE, Trigger.BOTH):
        for message in ("ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification"):
            details.append({"EventSource": "aws.config", "MessageType": message})
    if not details or rule.trigger in (Trigger.PERIODIC, Trigger.BOTH) or len(recorded) < len(rule.resource_types):
        details.append(
            {
                "EventSource": "aws.config",
                "MessageType": "ScheduledNotification",
                "MaximumExecutionFrequency": "TwentyFour_Hours",
            }
        )
    return details, recorded if any(d["MessageType"] != "ScheduledNotification" for d in details) else []


def _config_rule(rule: Rule) -> dict[str, Any]:
    details, scope = _source_details(rule)
    properties: dict[str, Any] = {
        "ConfigRuleName": f"warden-{rule.id}",
        "Description": rule.title,
        "InputParameters": {"wardenRuleId": rule.id},
        "Source": {"Owner": "CUSTOM_LAMBDA", "SourceIdentifier": arn("ConfigRuleFunction"), "SourceDetails": details},
    }
    if scope:
        properties["Scope"] = {"ComplianceResourceTypes": scope}
    return {
        "Type": "AWS::Config::ConfigRule",
        "Condition": SINGLE_ACCOUNT,
        "DependsOn": "ConfigRuleInvokePermission",
        "Properties": properties,
    }


def _organization_config_rule(rule: Rule) -> dict[str, Any]:
    """The same rule in every account of the organization, served by the central Config rule function."""
    details, scope = _source_details(rule)
    metadata: dict[str, Any] = {
        "LambdaFunctionArn": arn("ConfigRuleFunction"),
        "Description": rule.title,
        "OrganizationConfigRuleTriggerTypes": [d["MessageType"] for d in details],
        "InputParameters": json.dumps({"wardenRuleId": rule.id}),
    }
    frequency = [d["MaximumExecutionFrequency"] for d in details if "MaximumExecutionFrequency" in d]
    if frequency:
        metadata["MaximumExecutionFrequency"] = frequency[0]
    if scope:
        metadata["ResourceTypesScope"] = scope
    return {
        "Type": "AWS::Config::OrganizationConfigRule",
        "Condition": ORGANIZATION,
        "DependsOn": "OrganizationConfigRuleInvokePermission",
        "Properties": {"OrganizationConfigRuleName": f"warden-{rule.id}", "OrganizationCustomRuleMetadata": metadata},
    }


def _trail_rule_name(pattern: dict[str, Any]) -> str:
    # Logical ids are alphanumeric: aws.application-autoscaling becomes ApplicationAutoscaling.
    return f"CloudTrail{pattern['source'][0].removeprefix('aws.').title().replace('-', '')}Rule"


def _trail_rule_description(pattern: dict[str, Any]) -> str:
    return f"Warden: {', '.join(pattern['detail']['eventName'][:6])} ..."


def _member_role_policy(role_parameter: str) -> dict[str, Any]:
    """Assuming a Warden member role, in accounts of this organization only."""
    statement = _statement(
        "AssumeMemberRole", ["sts:AssumeRole"], [sub(f"arn:${{AWS::Partition}}:iam::*:role/${{{role_parameter}}}")]
    )
    statement["Condition"] = {"StringEquals": {"aws:ResourceOrgID": ref("OrganizationId")}}
    return _if_organization(statement)


def _if_organization(value: dict[str, Any]) -> dict[str, Any]:
    return {"Fn::If": [ORGANIZATION, value, ref("AWS::NoValue")]}


def _organization_access(role_parameter: str) -> list[dict[str, Any]]:
    """What a central function needs in organization mode: its member role, and the account list."""
    return [
        _member_role_policy(role_parameter),
        _if_organization(_statement("ListOrganizationAccounts", list(ORGANIZATION_READ_ACTIONS), ["*"])),
    ]


def _if_organization_value(value: Any) -> dict[str, Any]:
    """`value` in organization mode, empty otherwise (an environment variable the code reads as unset)."""
    return {"Fn::If": [ORGANIZATION, value, ""]}


def _statement(sid: str, actions: list[str], resources: list[Any]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": sorted(set(actions)), "Resource": resources}


def remediation_write_statements() -> list[dict[str, Any]]:
    by_service: dict[str, set[str]] = {}
    account_level: set[str] = set()
    region_level: set[str] = set()
    for entry in load_remediations().all():
        for action in entry.permissions:
            if action in ACCOUNT_LEVEL_ACTIONS:
                account_level.add(action)
            elif action in REGION_LEVEL_ACTIONS:
                region_level.add(action)
            elif action not in READ_ACTIONS:
                by_service.setdefault(action.split(":", 1)[0], set()).add(action)
    statements = []
    for service, actions in sorted(by_service.items()):
        scopes = WRITE_SCOPES[service]
        statement = _statement(
            f"Remediate{service.title()}", sorted(actions), [sub(r) if "${" in r else r for r in scopes]
        )
        if scopes == ["*"]:  # no resource ARN to scope to: the stack's region, by condition
            statement["Condition"] = {"StringEquals": {"aws:RequestedRegion": ref("AWS::Region")}}
        statements.append(statement)
    if account_level:
        # Account-level Block Public Access has no resource ARN; it is limited to this account by condition.
        statement = _statement("RemediateAccountPublicAccessBlock", sorted(account_level), ["*"])
        statement["Condition"] = {"StringEquals": {"aws:ResourceAccount": ref("AWS::AccountId")}}
        statements.append(statement)
    if region_level:
        statement = _statement("RemediateRegionalAccountSettings", sorted(region_level), ["*"])
        statement["Condition"] = {"StringEquals": {"aws:RequestedRegion": ref("AWS::Region")}}
        statements.append(statement)
    return statements


def _role(name: str, statements: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            },
            "ManagedPolicyArns": [
                sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                sub("arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess"),
            ],
            "Policies": [{"PolicyName": name, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}],
        },
    }


# Deliveries of a message before SQS moves it to the DLQ; the worker dead-letters it itself, with its
# reason, on the last one.
MAX_RECEIVES = 5


def _queue(dlq: str | None = None, visibility: int = 60) -> dict[str, Any]:
    properties: dict[str, Any] = {"KmsMasterKeyId": ref("WardenKey"), "MessageRetentionPeriod": 1209600}
    if dlq:
        properties["RedrivePolicy"] = {"deadLetterTargetArn": arn(dlq), "maxReceiveCount": MAX_RECEIVES}
        properties["VisibilityTimeout"] = visibility
        properties["MessageRetentionPeriod"] = 345600
    return {"Type": "AWS::SQS::Queue", "Properties": properties}


def _alarm(
    description: str, namespace: str, metric: str, dimensions: dict[str, Any], statistic: str, threshold: str
) -> dict[str, Any]:
    return {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmDescription": description,
            "Namespace": namespace,
            "MetricName": metric,
            "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
            "Statistic": statistic,
            "Period": ref("AlarmPeriodSeconds"),
            "EvaluationPeriods": 1,
            "Threshold": ref(threshold),
            "ComparisonOperator": "GreaterThanOrEqualToThreshold",
            "TreatMissingData": "notBreaching",
            "AlarmActions": [ref("AlarmTopic")],
        },
    }


def _alarms() -> dict[str, Any]:
    """Alarms a security team pages on: dead letters waiting, functions failing or throttled, fixes failing."""
    resources: dict[str, Any] = {
        "AlarmTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": sub("${AWS::StackName}-alarms"), "KmsMasterKeyId": ref("WardenKey")},
        },
        "AlarmEmailSubscription": {
            "Type": "AWS::SNS::Subscription",
            "Condition": "HasAlarmEmail",
            "Properties": {"TopicArn": ref("AlarmTopic"), "Protocol": "email", "Endpoint": ref("AlarmEmail")},
        },
    }
    for queue in DEAD_LETTER_QUEUES:
        resources[f"{queue}DepthAlarm"] = _alarm(
            f"Warden: messages waiting in {queue}",
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
            {"QueueName": {"Fn::GetAtt": [queue, "QueueName"]}},
            "Maximum",
            "DeadLetterAlarmThreshold",
        )
    for function in FUNCTIONS:
        for metric in ("Errors", "Throttles"):
            resources[f"{function}{metric}Alarm"] = _alarm(
                f"Warden: {function} {metric.lower()}",
                "AWS/Lambda",
                metric,
                {"FunctionName": ref(function)},
                "Sum",
                f"Function{metric}AlarmThreshold",
            )
    metric, service = REMEDIATION_FAILURE_METRIC
    resources["RemediationFailuresAlarm"] = _alarm(
        "Warden: findings the remediation worker could not remediate",
        "Warden",
        metric,
        {"service": service},
        "Sum",
        "RemediationFailuresAlarmThreshold",
    )
    return resources


def _function(
    handler: str, role: str, description: str, environment: dict[str, Any], concurrency: int
) -> dict[str, Any]:
    return {
        "Type": "AWS::Serverless::Function",
        "Metadata": {"checkov": {"skip": [SKIP_VPC]}},
        "Properties": {
            "Handler": handler,
            "Description": description,
            "Role": arn(role),
            "ReservedConcurrentExecutions": concurrency,
            "DeadLetterQueue": {"Type": "SQS", "TargetArn": arn("AsyncFailuresQueue")},
            "KmsKeyArn": arn("WardenKey"),
            "Environment": {"Variables": environment},
        },
    }


def _block_all_public_access() -> dict[str, bool]:
    """Every bucket the stack makes: no public access by ACL or policy."""
    return {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}


def _kms_bucket_encryption() -> dict[str, Any]:
    """Encrypted with the Warden key, with S3 bucket keys to keep KMS calls down."""
    return {
        "ServerSideEncryptionConfiguration": [
            {
                "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": arn("WardenKey")},
                "BucketKeyEnabled": True,
            }
        ]
    }


def _tls_only_policy(bucket: str) -> dict[str, Any]:
    """A bucket policy that refuses every request not made over TLS."""
    return {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": ref(bucket),
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "WardenDenyInsecureTransport",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": [arn(bucket), sub(f"${{{bucket}.Arn}}/*")],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ],
            },
        },
    }


REPORTS_PREFIX = "warden-reports"
# Plain HTTP at the edge (CloudFront.3, the whitepaper's story) is MEDIUM in Security Hub: a security team
# wants it in its inbox, and LOW or INFORMATIONAL findings only in the reports.
DEFAULT_EMAIL_SEVERITY = Severity.MEDIUM


def email_filter_policy(minimum: Severity) -> dict[str, list[str]]:
    """The e-mail subscription's filter on the findings' `severity` message attribute: `minimum` and above."""
    return {"severity": [s.value for s in Severity if s.rank >= minimum.rank]}


def _email_subscription() -> dict[str, Any]:
    """Findings at or above the chosen severity e-mailed to the security team (only when an address is given)."""
    return {
        "Type": "AWS::SNS::Subscription",
        "Condition": "EmailFindings",
        "Properties": {
            "TopicArn": ref("FindingsTopic"),
            "Protocol": "email",
            "Endpoint": ref("NotificationEmail"),
            "FilterPolicyScope": "MessageAttributes",
            "FilterPolicy": {
                "severity": {"Fn::FindInMap": ["SeverityFilter", ref("NotificationMinimumSeverity"), "Severities"]}
            },
        },
    }


def _glue_table() -> dict[str, Any]:
    """The daily report's JSON Lines as an Athena table, partitions projected from the key layout."""
    from warden.reports.lake import COLUMNS

    location = f"s3://${{ReportsBucket}}/{REPORTS_PREFIX}/evaluations/"
    return {
        "Type": "AWS::Glue::Table",
        "Properties": {
            "CatalogId": ref("AWS::AccountId"),
            "DatabaseName": ref("ReportsDatabase"),
            "TableInput": {
                "Name": "warden_evaluations",
                "Description": "Warden's daily evaluations (JSON Lines, one object per account, region and day)",
                "TableType": "EXTERNAL_TABLE",
                "Parameters": {
                    "classification": "json",
                    "projection.enabled": "true",
                    "projection.account.type": "injected",
                    "projection.region.type": "injected",
                    "projection.date.type": "date",
                    "projection.date.format": "yyyy-MM-dd",
                    "projection.date.range": "2024-01-01,NOW",
                    "storage.location.template": sub(location + "account=${!account}/region=${!region}/date=${!date}/"),
                },
                "PartitionKeys": [{"Name": key, "Type": "string"} for key in ("account", "region", "date")],
                "StorageDescriptor": {
                    "Columns": [{"Name": name, "Type": kind} for name, kind in COLUMNS],
                    "Location": sub(location),
                    "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
                    "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                    "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"},
                },
            },
        },
    }


def _reporting(key_use: dict[str, Any]) -> dict[str, Any]:
    """The daily report: a function on a schedule, the reports bucket, and the Glue table over it."""
    return {
        "ReportsBucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "VersioningConfiguration": {"Status": "Enabled"},
                "BucketEncryption": _kms_bucket_encryption(),
                "PublicAccessBlockConfiguration": _block_all_public_access(),
                "LifecycleConfiguration": {
                    "Rules": [
                        {
                            "Id": "expire-old-reports",
                            "Status": "Enabled",
                            "ExpirationInDays": ref("ReportsRetentionDays"),
                            "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                        }
                    ]
                },
                "LoggingConfiguration": {"DestinationBucketName": ref("AccessLogBucket"), "LogFilePrefix": "reports/"},
            },
        },
        "ReportsBucketPolicy": _tls_only_policy("ReportsBucket"),
        "ReportRole": _role(
            "warden-report",
            [
                _statement(
                    "ReadComplianceFromConfig",
                    [
                        "config:GetComplianceDetailsByConfigRule",
                        "config:DescribeAggregateComplianceByConfigRules",
                        "config:GetAggregateComplianceDetailsByConfigRule",
                    ],
                    ["*"],
                ),
                _statement("WriteReports", ["s3:PutObject"], [sub(f"${{ReportsBucket.Arn}}/{REPORTS_PREFIX}/*")]),
                key_use,
                _statement("ReportAsyncFailures", ["sqs:SendMessage"], [arn("AsyncFailuresQueue")]),
                {
                    "Fn::If": [
                        "ImportToSecurityHub",
                        _statement(
                            "ImportFindings",
                            ["securityhub:BatchImportFindings"],
                            [
                                sub(
                                    "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default"
                                )
                            ],
                        ),
                        ref("AWS::NoValue"),
                    ]
                },
            ],
        ),
        "ReportFunction": {
            **_function(
                "warden.reports.handler.lambda_handler",
                "ReportRole",
                "Warden: the daily compliance report, from AWS Config's results to the reports bucket",
                {
                    "WARDEN_REPORTS_BUCKET": ref("ReportsBucket"),
                    "WARDEN_REPORTS_PREFIX": REPORTS_PREFIX,
                    "WARDEN_ACCOUNT_ID": ref("AWS::AccountId"),
                    "WARDEN_CONFIG_AGGREGATOR": ref("ConfigAggregatorName"),
                    "WARDEN_SECURITY_HUB": ref("SecurityHubImport"),
                    "POWERTOOLS_SERVICE_NAME": "warden-report",
                },
                concurrency=1,
            )
        },
        "ReportsDatabase": {
            "Type": "AWS::Glue::Database",
            "Properties": {
                "CatalogId": ref("AWS::AccountId"),
                "DatabaseInput": {"Name": ref("ReportsDatabaseName"), "Description": "Warden compliance history"},
            },
        },
        "ReportsTable": _glue_table(),
    }


MEMBER_ROLE_PARAMETERS = {
    "MemberReadRoleName": ("warden-member-read", "the rules' reads and config:PutEvaluations"),
    "MemberRemediationRoleName": ("warden-member-remediation", "the remediations' reads and fixes"),
}
ROLE_NAME_PATTERN = "^[\\w+=,.@-]{1,64}$"


def _organization_parameters() -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "OrganizationId": {
            "Type": "String",
            "Default": "",
            "AllowedPattern": "^(o-[a-z0-9]{10,32})?$",
            "Description": "The AWS Organization to govern from this (central) account; empty: this account only",
        }
    }
    for name, (default, grants) in MEMBER_ROLE_PARAMETERS.items():
        parameters[name] = {
            "Type": "String",
            "Default": default,
            "AllowedPattern": ROLE_NAME_PATTERN,
            "Description": f"Organization mode: the role member.yaml creates in each member account ({grants})",
        }
    return parameters


def _alarm_parameters() -> dict[str, Any]:
    def threshold(what: str) -> dict[str, Any]:
        return {"Type": "Number", "Default": 1, "MinValue": 1, "Description": f"Alarm at this many {what}"}

    return {
        "AlarmEmail": {
            "Type": "String",
            "Default": "",
            "Description": "An e-mail address subscribed to the alarm topic (empty: subscribe yourself)",
        },
        "AlarmPeriodSeconds": {
            "Type": "Number",
            "Default": 300,
            "AllowedValues": [60, 300, 900, 3600],
            "Description": "The period every alarm sums or samples its metric over",
        },
        "DeadLetterAlarmThreshold": threshold("messages waiting in a dead-letter queue"),
        "FunctionErrorsAlarmThreshold": threshold("errors of one function in a period"),
        "FunctionThrottlesAlarmThreshold": threshold("throttled invocations of one function in a period"),
        "RemediationFailuresAlarmThreshold": threshold("findings dead-lettered by the remediation worker in a period"),
    }


def _organization_resources() -> dict[str, Any]:
    """Organization mode: the bus member accounts forward CloudTrail events to, and Config's invocations."""
    return {
        ORGANIZATION_BUS: {
            "Type": "AWS::Events::EventBus",
            "Condition": ORGANIZATION,
            "Properties": {"Name": sub("${AWS::StackName}-organization")},
        },
        "OrganizationEventBusPolicy": {
            "Type": "AWS::Events::EventBusPolicy",
            "Condition": ORGANIZATION,
            "Properties": {
                "EventBusName": ref(ORGANIZATION_BUS),
                "StatementId": "OrganizationForwardsEvents",
                "Statement": {
                    "Effect": "Allow",
                    # Any principal of the organization, and nobody else: the forwarding roles of member.yaml.
                    "Principal": "*",
                    "Action": "events:PutEvents",
                    "Resource": arn(ORGANIZATION_BUS),
                    "Condition": {"StringEquals": {"aws:PrincipalOrgID": ref("OrganizationId")}},
                },
            },
        },
        "OrganizationConfigRuleInvokePermission": {
            "Type": "AWS::Lambda::Permission",
            "Condition": ORGANIZATION,
            "Metadata": {
                "checkov": {
                    "skip": [
                        {
                            "id": "CKV_AWS_364",
                            "comment": "Config invokes an organization rule from every member account; a "
                            "permission cannot tie a service principal to an organization, so the function "
                            "rejects accounts outside it.",
                        }
                    ]
                }
            },
            "Properties": {
                "FunctionName": arn("ConfigRuleFunction"),
                "Action": "lambda:InvokeFunction",
                "Principal": "config.amazonaws.com",
            },
        },
    }


def _member_trust(principals: list[Any]) -> dict[str, Any]:
    """Only the named central roles, and only while they belong to the organization."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": principals},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": ref("OrganizationId")}},
            }
        ],
    }


def member_read_actions() -> list[str]:
    """What the Config rule service and the detector do in a member account."""
    return sorted({*READ_ACTIONS, *CONFIG_RULE_ACTIONS})


def member_remediation_actions() -> list[str]:
    """What the remediations declare, plus the reads that re-check a resource before and after a fix."""
    return sorted({*READ_ACTIONS, *(a for entry in load_remediations().all() for a in entry.permissions)})


def build_member(rules: list[Rule] | None = None) -> dict[str, Any]:
    """member.yaml: what each member account needs, for a service-managed StackSet from the central account."""
    rules = rules or load_rules().all()
    resources: dict[str, Any] = {
        "ReadRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "RoleName": ref("MemberReadRoleName"),
                "Description": "Warden's central Config rule and CloudTrail functions read this account",
                "AssumeRolePolicyDocument": _member_trust([ref("ConfigRuleRoleArn"), ref("TrailRoleArn")]),
                "Policies": [
                    {
                        "PolicyName": "warden-member-read",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                _statement("ReadConfiguration", list(READ_ACTIONS), ["*"]),
                                _statement("ReportToConfig", list(CONFIG_RULE_ACTIONS), ["*"]),
                            ],
                        },
                    }
                ],
            },
        },
        "RemediationRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "RoleName": ref("MemberRemediationRoleName"),
                "Description": "Warden's central remediation function fixes findings in this account",
                "AssumeRolePolicyDocument": _member_trust([ref("RemediationRoleArn")]),
                "Policies": [
                    {
                        "PolicyName": "warden-member-remediation",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                _statement("ReadConfiguration", list(READ_ACTIONS), ["*"]),
                                *remediation_write_statements(),
                            ],
                        },
                    }
                ],
            },
        },
        "ForwardEventsRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "Description": "EventBridge forwards Warden's CloudTrail events to the central bus",
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "events.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                            "Condition": {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}},
                        }
                    ],
                },
                "Policies": [
                    {
                        "PolicyName": "warden-forward-events",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                _statement("ForwardToCentralBus", ["events:PutEvents"], [ref("CentralEventBusArn")])
                            ],
                        },
                    }
                ],
            },
        },
    }
    for pattern in event_patterns(rules):
        resources[_trail_rule_name(pattern)] = {
            "Type": "AWS::Events::Rule",
            "Properties": {
                "Description": _trail_rule_description(pattern),
                "EventPattern": pattern,
                "State": "ENABLED",
                "Targets": [
                    {"Id": "warden-central-bus", "Arn": ref("CentralEventBusArn"), "RoleArn": arn("ForwardEventsRole")}
                ],
            },
        }
    central_role = {"Type": "String", "AllowedPattern": "^arn:aws[a-z-]*:iam::\\d{12}:role/.+$"}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Warden member account: read and remediation roles for the central stack, and CloudTrail "
        "event forwarding to its bus. Deploy with a service-managed StackSet in the central stack's region. "
        "Generated by `python -m warden.template --member`; do not edit by hand.",
        "Parameters": {
            "OrganizationId": {
                "Type": "String",
                "AllowedPattern": "^o-[a-z0-9]{10,32}$",
                "Description": "The organization (the member roles trust its principals only)",
            },
            "ConfigRuleRoleArn": {**central_role, "Description": "The central stack's ConfigRuleRoleArn output"},
            "TrailRoleArn": {**central_role, "Description": "The central stack's TrailRoleArn output"},
            "RemediationRoleArn": {**central_role, "Description": "The central stack's RemediationRoleArn output"},
            "CentralEventBusArn": {
                "Type": "String",
                "AllowedPattern": "^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/.+$",
                "Description": "The central stack's OrganizationEventBusArn output",
            },
            **{
                name: {**spec, "Description": spec["Description"].replace("Organization mode: the role", "The role")}
                for name, spec in _organization_parameters().items()
                if name in MEMBER_ROLE_PARAMETERS
            },
        },
        "Resources": resources,
    }


def build(rules: list[Rule] | None = None) -> dict[str, Any]:
    rules = rules or load_rules().all()
    read = _statement("ReadConfiguration", list(READ_ACTIONS), ["*"])
    key_use = _statement("UseWardenKey", ["kms:Decrypt", "kms:GenerateDataKey"], [arn("WardenKey")])
    publish = _statement("PublishFindings", ["sns:Publish"], [ref("FindingsTopic")])
    # Every path writes the audit ledger: appends are create-only puts; reading a missing key must say
    # NoSuchKey (which needs ListBucket), not AccessDenied.
    audit = [
        _statement("ReadAuditBucket", ["s3:GetBucketObjectLockConfiguration", "s3:ListBucket"], [arn("AuditBucket")]),
        _statement(
            "AppendAuditRecords",
            ["s3:PutObject", "s3:PutObjectRetention", "s3:GetObject"],
            [sub("${AuditBucket.Arn}/warden-audit/*")],
        ),
    ]
    resources: dict[str, Any] = {
        "WardenKey": {
            "Type": "AWS::KMS::Key",
            "Properties": {
                "Description": "Warden: findings topic, queues, table, audit bucket and function environments",
                "EnableKeyRotation": True,
                "KeyPolicy": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "AccountAdministers",
                            "Effect": "Allow",
                            "Principal": {"AWS": sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
                            "Action": "kms:*",
                            "Resource": "*",
                        },
                        {
                            "Sid": "ServicesDeliverEncryptedMessages",
                            "Effect": "Allow",
                            "Principal": {"Service": ["sns.amazonaws.com", "events.amazonaws.com"]},
                            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                            "Resource": "*",
                            "Condition": {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}},
                        },
                        {
                            # Alarm actions publish to the encrypted alarm topic as CloudWatch.
                            "Sid": "AlarmsPublishEncrypted",
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudwatch.amazonaws.com"},
                            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                            "Resource": "*",
                        },
                    ],
                },
            },
        },
        "FindingsTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": sub("${AWS::StackName}-findings"), "KmsMasterKeyId": ref("WardenKey")},
        },
        "RemediationDeadLetterQueue": _queue(),
        "RemediationQueue": _queue("RemediationDeadLetterQueue", visibility=6 * 120),
        "RemediationQueuePolicy": {
            "Type": "AWS::SQS::QueuePolicy",
            "Properties": {
                "Queues": [ref("RemediationQueue")],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "sns.amazonaws.com"},
                            "Action": "sqs:SendMessage",
                            "Resource": arn("RemediationQueue"),
                            "Condition": {"ArnEquals": {"aws:SourceArn": ref("FindingsTopic")}},
                        }
                    ],
                },
            },
        },
        "RemediationSubscription": {
            "Type": "AWS::SNS::Subscription",
            "Properties": {
                "TopicArn": ref("FindingsTopic"),
                "Protocol": "sqs",
                "Endpoint": arn("RemediationQueue"),
                "RawMessageDelivery": True,
            },
        },
        "FindingsEmailSubscription": _email_subscription(),
        "TrailEventsDeadLetterQueue": _queue(),
        "TrailEventsQueue": _queue("TrailEventsDeadLetterQueue", visibility=6 * 60),
        "AsyncFailuresQueue": _queue(),
        "IdempotencyTable": {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "TimeToLiveSpecification": {"AttributeName": "expiration", "Enabled": True},
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
                "SSESpecification": {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": ref("WardenKey")},
            },
        },
        "AccessLogBucket": {
            "Type": "AWS::S3::Bucket",
            "Metadata": {
                "checkov": {
                    "skip": [{"id": "CKV_AWS_18", "comment": "The access-log bucket itself; logging it would loop."}]
                }
            },
            "Properties": {
                "VersioningConfiguration": {"Status": "Enabled"},
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]},
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
                },
                "PublicAccessBlockConfiguration": _block_all_public_access(),
            },
        },
        "AuditBucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "ObjectLockEnabled": True,
                "ObjectLockConfiguration": {
                    "ObjectLockEnabled": "Enabled",
                    "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": ref("AuditRetentionDays")}},
                },
                "VersioningConfiguration": {"Status": "Enabled"},
                "BucketEncryption": _kms_bucket_encryption(),
                "PublicAccessBlockConfiguration": _block_all_public_access(),
                "LoggingConfiguration": {"DestinationBucketName": ref("AccessLogBucket"), "LogFilePrefix": "audit/"},
            },
        },
        "AuditBucketPolicy": _tls_only_policy("AuditBucket"),
        "ConfigRuleRole": _role(
            "warden-config-rule",
            [
                read,
                _statement("ReportToConfig", list(CONFIG_RULE_ACTIONS), ["*"]),
                publish,
                key_use,
                _statement("ReportAsyncFailures", ["sqs:SendMessage"], [arn("AsyncFailuresQueue")]),
                *audit,
                *_organization_access("MemberReadRoleName"),
            ],
        ),
        "TrailRole": _role(
            "warden-trail",
            [
                read,
                publish,
                key_use,
                _statement(
                    "ConsumeTrailEvents",
                    [
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sqs:GetQueueAttributes",
                        "sqs:ChangeMessageVisibility",
                    ],
                    [arn("TrailEventsQueue")],
                ),
                _statement("ReportAsyncFailures", ["sqs:SendMessage"], [arn("AsyncFailuresQueue")]),
                *audit,
                *_organization_access("MemberReadRoleName"),
            ],
        ),
        "RemediationRole": _role(
            "warden-remediation",
            [
                read,
                *remediation_write_statements(),
                key_use,
                _statement(
                    "ConsumeFindings",
                    [
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sqs:GetQueueAttributes",
                        "sqs:ChangeMessageVisibility",
                    ],
                    [arn("RemediationQueue")],
                ),
                _statement(
                    "DeadLetterPoisonMessages",
                    ["sqs:SendMessage"],
                    [arn("RemediationDeadLetterQueue"), arn("AsyncFailuresQueue")],
                ),
                _statement(
                    # The sweep gives messages SQS redrove without a reason their reason and audit record.
                    "AnnotateDeadLetters",
                    ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"],
                    [arn("RemediationDeadLetterQueue")],
                ),
                _statement(
                    # Claims are put and settled in transactions (which need the item actions); the hourly
                    # window is updated. Nothing is read or deleted.
                    "ClaimsAndBlastRadius",
                    ["dynamodb:PutItem", "dynamodb:UpdateItem"],
                    [arn("IdempotencyTable")],
                ),
                *audit,
                *_organization_access("MemberRemediationRoleName"),
            ],
        ),
        "ConfigRuleFunction": _function(
            "warden.rules.handler.lambda_handler",
            "ConfigRuleRole",
            "Warden rules as AWS Config custom rules",
            {
                "WARDEN_FINDINGS_TOPIC_ARN": ref("FindingsTopic"),
                "WARDEN_AUDIT_BUCKET": ref("AuditBucket"),
                "WARDEN_MEMBER_READ_ROLE": _if_organization_value(ref("MemberReadRoleName")),
                "POWERTOOLS_SERVICE_NAME": "warden-config-rule",
            },
            concurrency=10,
        ),
        "ConfigRuleInvokePermission": {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": arn("ConfigRuleFunction"),
                "Action": "lambda:InvokeFunction",
                "Principal": "config.amazonaws.com",
                "SourceAccount": ref("AWS::AccountId"),
            },
        },
        "TrailFunction": _function(
            "warden.trail.handler.lambda_handler",
            "TrailRole",
            "Warden: re-evaluate resources touched by CloudTrail management events",
            {
                "WARDEN_FINDINGS_TOPIC_ARN": ref("FindingsTopic"),
                "WARDEN_ACCOUNT_ID": ref("AWS::AccountId"),
                "WARDEN_REMEDIATION_ROLE_ARNS": arn("RemediationRole"),
                "WARDEN_SETTINGS_JSON": ref("RemediationSettings"),
                "WARDEN_AUDIT_BUCKET": ref("AuditBucket"),
                "WARDEN_MEMBER_READ_ROLE": _if_organization_value(ref("MemberReadRoleName")),
                "WARDEN_MEMBER_REMEDIATION_ROLE": _if_organization_value(ref("MemberRemediationRoleName")),
                "POWERTOOLS_SERVICE_NAME": "warden-trail",
            },
            concurrency=10,
        ),
        "RemediationFunction": _function(
            "warden.remediations.handler.lambda_handler",
            "RemediationRole",
            "Warden: remediate findings, verify, and audit every step",
            {
                "WARDEN_SETTINGS_JSON": ref("RemediationSettings"),
                "WARDEN_EXEMPTIONS_JSON": ref("Exemptions"),
                "WARDEN_IDEMPOTENCY_TABLE": ref("IdempotencyTable"),
                "WARDEN_AUDIT_BUCKET": ref("AuditBucket"),
                "WARDEN_DLQ_URL": ref("RemediationDeadLetterQueue"),
                "WARDEN_MAX_RECEIVES": str(MAX_RECEIVES),
                "WARDEN_MEMBER_REMEDIATION_ROLE": _if_organization_value(ref("MemberRemediationRoleName")),
                "POWERTOOLS_SERVICE_NAME": "warden-remediation",
            },
            # Few concurrent workers: a slower, bounded blast radius beats a fast one.
            concurrency=2,
        ),
    }
    resources["TrailFunction"]["Properties"]["Events"] = {
        "TrailEvents": {
            "Type": "SQS",
            "Properties": {
                "Queue": arn("TrailEventsQueue"),
                "BatchSize": 10,
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
            },
        }
    }
    resources["RemediationFunction"]["Properties"]["Events"] = {
        "Findings": {
            "Type": "SQS",
            "Properties": {
                "Queue": arn("RemediationQueue"),
                "BatchSize": 10,
                "MaximumBatchingWindowInSeconds": ref("RemediationBatchingWindowSeconds"),
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
            },
        },
        # Settles intents whose findings the queue gave up on, and annotates SQS-redriven dead letters.
        "Sweep": {"Type": "Schedule", "Properties": {"Schedule": "rate(15 minutes)", "Enabled": True}},
    }
    rule_arns: list[Any] = []
    for pattern in event_patterns(rules):
        name = _trail_rule_name(pattern)
        resources[name] = {
            "Type": "AWS::Events::Rule",
            "Properties": {
                "Description": _trail_rule_description(pattern),
                "EventPattern": pattern,
                "State": "ENABLED",
                "Targets": [
                    {
                        "Id": "trail-events-queue",
                        "Arn": arn("TrailEventsQueue"),
                        "DeadLetterConfig": {"Arn": arn("TrailEventsDeadLetterQueue")},
                        "RetryPolicy": {"MaximumRetryAttempts": 8, "MaximumEventAgeInSeconds": 3600},
                    }
                ],
            },
        }
        rule_arns.append(arn(name))
        # The same rule on the organization bus, for the events the member accounts forward.
        resources["Organization" + name] = {
            **resources[name],
            "Condition": ORGANIZATION,
            "Properties": {**resources[name]["Properties"], "EventBusName": ref(ORGANIZATION_BUS)},
        }
        rule_arns.append(_if_organization(arn("Organization" + name)))
    resources["TrailEventsQueuePolicy"] = {
        "Type": "AWS::SQS::QueuePolicy",
        "Properties": {
            "Queues": [ref("TrailEventsQueue"), ref("TrailEventsDeadLetterQueue")],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "events.amazonaws.com"},
                        "Action": "sqs:SendMessage",
                        "Resource": [arn("TrailEventsQueue"), arn("TrailEventsDeadLetterQueue")],
                        "Condition": {"ArnEquals": {"aws:SourceArn": rule_arns}},
                    }
                ],
            },
        },
    }
    resources.update(_reporting(key_use))
    resources["ReportFunction"]["Properties"]["Timeout"] = 900
    resources["ReportFunction"]["Properties"]["Events"] = {
        "Daily": {"Type": "Schedule", "Properties": {"Schedule": "cron(30 0 * * ? *)", "Enabled": True}}
    }
    for rule in rules:
        logical = "".join(part.title() for part in rule.id.split("-"))
        resources["ConfigRule" + logical] = _config_rule(rule)
        resources["OrganizationConfigRule" + logical] = _organization_config_rule(rule)
    resources.update(_organization_resources())
    resources.update(_alarms())
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Transform": "AWS::Serverless-2016-10-31",
        "Description": "Warden governance stack: Config rules, CloudTrail detection, remediation and audit ledger. "
        "Generated by `python -m warden.template`; do not edit by hand.",
        "Parameters": {
            "AuditRetentionDays": {
                "Type": "Number",
                "Default": 365,
                "MinValue": 1,
                "Description": "Object Lock (compliance mode) retention of every audit record",
            },
            "RemediationSettings": {
                "Type": "String",
                "Default": json.dumps(
                    # Cancelling a key deletion someone scheduled on purpose waits for a person's approval.
                    {
                        "remediation": {
                            "default_mode": "dry-run",
                            "modes": {"kms-cmk-not-scheduled-for-deletion": "approve"},
                        }
                    }
                ),
                "Description": "warden.toml as JSON: modes per rule (default dry-run), blast-radius caps, parameters",
            },
            "Exemptions": {
                "Type": "String",
                "Default": json.dumps({"exemptions": []}),
                "Description": "Exemptions file as JSON (warden/schemas/exemptions.schema.json)",
            },
            "RemediationBatchingWindowSeconds": {
                "Type": "Number",
                "Default": 0,
                "MinValue": 0,
                "MaxValue": 300,
                "Description": "How long findings may wait to share a remediation batch: a batch costs about "
                "7 calls of claims and audit whatever its size (0: each finding goes at once)",
            },
            "ReportsRetentionDays": {
                "Type": "Number",
                "Default": 400,
                "MinValue": 1,
                "Description": "How long the daily reports and their JSON Lines are kept",
            },
            "ReportsDatabaseName": {
                "Type": "String",
                "Default": "warden",
                "AllowedPattern": "^[a-z0-9_]+$",
                "Description": "Glue database for the warden_evaluations table (Athena)",
            },
            "ConfigAggregatorName": {
                "Type": "String",
                "Default": "",
                "Description": "A Config aggregator to report the whole organization from (empty: this account)",
            },
            "SecurityHubImport": {
                "Type": "String",
                "Default": "false",
                "AllowedValues": ["true", "false"],
                "Description": "Import each day's findings into AWS Security Hub (BatchImportFindings)",
            },
            **_organization_parameters(),
            **_alarm_parameters(),
            "NotificationEmail": {
                "Type": "String",
                "Default": "",
                "AllowedPattern": r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$",
                "Description": "The security team's address: findings are e-mailed there (empty: no e-mail)",
            },
            "NotificationMinimumSeverity": {
                "Type": "String",
                "Default": DEFAULT_EMAIL_SEVERITY.value,
                "AllowedValues": [s.value for s in reversed(Severity)],
                "Description": "The least severe finding that is e-mailed",
            },
        },
        "Conditions": {
            "ImportToSecurityHub": {"Fn::Equals": [ref("SecurityHubImport"), "true"]},
            SINGLE_ACCOUNT: {"Fn::Equals": [ref("OrganizationId"), ""]},
            ORGANIZATION: {"Fn::Not": [{"Condition": SINGLE_ACCOUNT}]},
            "HasAlarmEmail": {"Fn::Not": [{"Fn::Equals": [ref("AlarmEmail"), ""]}]},
            "EmailFindings": {"Fn::Not": [{"Fn::Equals": [ref("NotificationEmail"), ""]}]},
        },
        "Mappings": {
            "SeverityFilter": {s.value: {"Severities": email_filter_policy(s)["severity"]} for s in reversed(Severity)}
        },
        "Globals": {
            "Function": {
                "Runtime": RUNTIME,
                "Architectures": ["arm64"],
                "CodeUri": "build/lambda",
                "MemorySize": 512,
                "Timeout": 120,
                "Tracing": "Active",
                "Environment": {
                    "Variables": {"POWERTOOLS_METRICS_NAMESPACE": "Warden", "POWERTOOLS_LOG_LEVEL": "INFO"}
                },
            }
        },
        "Resources": resources,
        "Outputs": {
            "FindingsTopicArn": {"Value": ref("FindingsTopic")},
            "RemediationQueueUrl": {"Value": ref("RemediationQueue")},
            "AuditBucketName": {"Value": ref("AuditBucket")},
            "RemediationRoleArn": {"Value": arn("RemediationRole")},
            "ReportsBucketName": {"Value": ref("ReportsBucket")},
            # The member template's parameters (member.yaml): the roles its roles trust, the bus it forwards to.
            "ConfigRuleRoleArn": {"Value": arn("ConfigRuleRole")},
            "TrailRoleArn": {"Value": arn("TrailRole")},
            "OrganizationEventBusArn": {"Condition": ORGANIZATION, "Value": arn(ORGANIZATION_BUS)},
            "AlarmTopicArn": {"Value": ref("AlarmTopic")},
        },
    }


def render(member: bool = False) -> str:
    """template.yaml, or with `member` member.yaml."""
    import yaml

    body: str = yaml.safe_dump(build_member() if member else build(), sort_keys=False, width=120)
    command = "python -m warden.template" + (" --member" if member else "")
    return f"# Generated by `{command}`: edit warden/template.py, not this file.\n" + body


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m warden.template", description=__doc__.splitlines()[0])
    parser.add_argument("--member", action="store_true", help="member.yaml (member accounts) instead of template.yaml")
    sys.stdout.write(render(member=parser.parse_args().member))
