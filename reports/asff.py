"""AWS Security Finding Format: findings for Security Hub's BatchImportFindings, and the import itself.

Every finding is checked against botocore's own BatchImportFindings input shape before it is sent, so
a malformed finding fails here with the reason instead of inside a partial import.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import botocore.exceptions
import botocore.session
import botocore.validate
from warden.reports.model import EXEMPT, FAILED, NOT_APPLICABLE, NOT_EVALUATED, PASSED, Report, Row

from warden.model import WardenError

SCHEMA_VERSION = "2018-10-08"
BATCH_SIZE = 100  # BatchImportFindings accepts at most 100 findings a call
FINDING_TYPE = "Software and Configuration Checks/Industry and Regulatory Standards"
COMPLIANCE_STATUS = {PASSED: "PASSED", FAILED: "FAILED", EXEMPT: "FAILED", NOT_EVALUATED: "NOT_AVAILABLE"}


class AsffError(WardenError):
    pass


def product_arn(account_id: str, region: str, partition: str = "aws") -> str:
    """A custom integration's default product: findings an account imports about itself."""
    return f"arn:{partition}:securityhub:{region}:{account_id}:product/{account_id}/default"


# ASFF spells some services and types its own way; the rest follow from the CloudFormation name.
ASFF_WORDS = {
    "DynamoDB": "DynamoDb",
    "ElasticLoadBalancingV2": "Elbv2",
    "ElasticLoadBalancing": "Elb",
    "DBInstance": "DbInstance",
    "DBCluster": "DbCluster",
    "DBSnapshot": "DbSnapshot",
    "DBClusterSnapshot": "DbClusterSnapshot",
}


def resource_type(cloudformation_type: str) -> str:
    """`AWS::S3::Bucket` → `AwsS3Bucket`, `AWS::EC2::SecurityGroup` → `AwsEc2SecurityGroup`."""
    parts = [p for p in cloudformation_type.split("::") if p] or ["AWS", "Account"]
    if len(parts) == 1:
        parts.append("Account")
    words = [ASFF_WORDS.get(p, p.capitalize() if p.isupper() and len(p) > 2 else p) for p in parts]
    return "".join(words)


def finding(row: Row, report: Report) -> dict[str, Any]:
    rule = report.rules.get(row.rule_id, {})
    partition = row.resource_arn.split(":")[1]
    passed = row.status == PASSED
    out: dict[str, Any] = {
        "SchemaVersion": SCHEMA_VERSION,
        "Id": f"warden/{row.rule_id}/{row.account_id}/{row.region}/{row.resource_arn}",
        "ProductArn": product_arn(row.account_id, row.region, partition),
        "GeneratorId": f"warden/{row.rule_id}",
        "AwsAccountId": row.account_id,
        "Types": [FINDING_TYPE],
        "CreatedAt": report.generated_at,
        "UpdatedAt": report.generated_at,
        "Severity": {"Label": "INFORMATIONAL" if passed else row.severity},
        "Title": (rule.get("title") or row.rule_id)[:256],
        "Description": (row.annotation or rule.get("description") or row.rule_id)[:1024],
        "ProductFields": {"warden/rule_id": row.rule_id, "warden/status": row.status},
        "Resources": [
            {
                "Type": resource_type(row.resource_type),
                "Id": row.resource_arn,
                "Partition": partition,
                "Region": row.region,
            }
        ],
        "Compliance": {"Status": COMPLIANCE_STATUS[row.status]},
        "Workflow": {"Status": "RESOLVED" if passed else "SUPPRESSED" if row.status == EXEMPT else "NEW"},
        "RecordState": "ACTIVE",
    }
    if row.controls:
        out["Compliance"]["SecurityControlId"] = row.controls[0]
        out["Compliance"]["RelatedRequirements"] = list(row.controls)
    if row.remediation_id:
        out["Remediation"] = {"Recommendation": {"Text": f"Warden remediation {row.remediation_id}"}}
    if row.exemption:
        out["Note"] = {
            "Text": f"exempt: {row.exemption.get('reason', '')} (expires {row.exemption.get('expires', '-')})"[:512],
            "UpdatedBy": str(row.exemption.get("owner") or "warden")[:512],
            "UpdatedAt": report.generated_at,
        }
    return out


def findings(report: Report) -> list[dict[str, Any]]:
    out = [finding(row, report) for row in report.rows if row.status != NOT_APPLICABLE]
    validate(out)
    return out


@cache
def _input_shape() -> Any:
    model = botocore.session.get_session().get_service_model("securityhub")
    return model.operation_model("BatchImportFindings").input_shape


def validate(batch: Sequence[dict[str, Any]]) -> None:
    """Raise AsffError unless botocore would accept these findings as BatchImportFindings input."""
    report = botocore.validate.ParamValidator().validate({"Findings": list(batch)}, _input_shape())
    if report.has_errors():
        raise AsffError(f"invalid ASFF: {report.generate_report()}")


def render_asff(report: Report) -> str:
    return json.dumps(findings(report), indent=1) + "\n"


@dataclass
class ImportResult:
    batches: int = 0
    imported: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)  # {Id, ErrorCode, ErrorMessage}

    @property
    def ok(self) -> bool:
        return not self.failed


def import_findings(securityhub: Any, batch: Sequence[dict[str, Any]]) -> ImportResult:
    """BatchImportFindings in batches of at most 100; every rejected finding is reported, never dropped."""
    result = ImportResult()
    for start in range(0, len(batch), BATCH_SIZE):
        chunk = list(batch[start : start + BATCH_SIZE])
        result.batches += 1
        try:
            answer = securityhub.batch_import_findings(Findings=chunk)
        except botocore.exceptions.ClientError as exc:
            error = exc.response.get("Error", {})
            result.failed += [
                {"Id": f["Id"], "ErrorCode": error.get("Code", "ClientError"), "ErrorMessage": error.get("Message", "")}
                for f in chunk
            ]
            continue
        result.imported += int(answer.get("SuccessCount", 0))
        result.failed += list(answer.get("FailedFindings", []))
    return result
