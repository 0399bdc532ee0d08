"""CloudTrail events that change a function, shared by the function rules.

Lambda's event names carry its API version; requests name the function by name or ARN, and the
collector reads either (Config's resource id is the name).
"""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

SOURCE = "lambda.amazonaws.com"
FUNCTION = "AWS::Lambda::Function"
CONFIGURATION_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateFunction20150331", "UpdateFunctionConfiguration20150331v2"),
        FUNCTION,
        "{responseElements.functionName}",
    ),
)
PERMISSION_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("AddPermission20150331v2", "RemovePermission20150331v2"),
        FUNCTION,
        "{requestParameters.functionName}",
    ),
)
