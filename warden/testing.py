"""pytest plugin for rule authors: add `pytest_plugins = ["warden.testing"]` to a conftest.py.

Fixtures:
- `config_item(resource_type, configuration=..., supplementary=..., ...)`: an item from plain values.
- `config_item_from_file(path, index=0)`: an item from a real AWS Config file in any of Config's
  dialects (invoking event, GetResourceConfigHistory, SelectResourceConfig, a rule's Lambda event).
- `aws`: moto's in-process AWS for the test, with a `Clients` factory (`aws.clients`).
- `moto_item(resource_type, resource_id, rule=None)`: read a resource created in moto through
  Warden's collector, with the attributes `rule` needs.
- `evaluate_rule(rule_id, item, **parameters)`: run a registered rule, returning its Evaluation.
- `moto_server`: a moto server on 127.0.0.1 for the session (its endpoint URL).

Helpers: `inject_fault` (an AWS error for one operation), `deny_assume_role` (a member role that is missing).
"""

from __future__ import annotations

import json
import os
import random
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from warden.model import ConfigurationItem, Evaluation

FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}
ACCOUNT_ID = "123456789012"


def item_from_document(document: Any, index: int = 0, resource_type: str | None = None) -> ConfigurationItem:
    """Find the configuration item in any document AWS produces around one.

    SelectResourceConfig rows hold only the selected fields: pass `resource_type` when they lack it.
    """
    if isinstance(document, dict):
        if "invokingEvent" in document:
            document = json.loads(document["invokingEvent"])
        if "configurationItem" in document:
            document = document["configurationItem"]
        elif "data" in document and "Results" in document["data"]:  # recorded SelectResourceConfig
            document = json.loads(document["data"]["Results"][index])
        elif "Results" in document:
            document = json.loads(document["Results"][index])
        elif "data" in document and "configurationItems" in document["data"]:  # recorded history
            document = document["data"]["configurationItems"][index]
        elif "configurationItems" in document:
            document = document["configurationItems"][index]
    if resource_type and isinstance(document, dict) and "resourceType" not in document:
        configuration = document.get("configuration") or {}
        derived_id = document.get("resourceId") or configuration.get("groupId") or configuration.get("name")
        document = {**document, "resourceType": resource_type, "resourceId": derived_id}
    return ConfigurationItem.from_config(document)


def load_item(path: str | os.PathLike[str], index: int = 0, resource_type: str | None = None) -> ConfigurationItem:
    return item_from_document(json.loads(Path(path).read_text()), index, resource_type)


def make_item(
    resource_type: str,
    resource_id: str = "resource-1",
    *,
    configuration: dict[str, Any] | None = None,
    supplementary: dict[str, Any] | None = None,
    arn: str | None = None,
    region: str = "us-east-1",
    account_id: str = ACCOUNT_ID,
    status: str = "OK",
    tags: dict[str, str] | None = None,
) -> ConfigurationItem:
    return ConfigurationItem.from_config(
        {
            "resourceType": resource_type,
            "resourceId": resource_id,
            "ARN": arn or "",
            "awsRegion": region,
            "awsAccountId": account_id,
            "configuration": configuration or {},
            "supplementaryConfiguration": supplementary or {},
            "configurationItemStatus": status,
            "tags": tags or {},
        }
    )


def run_rule(rule_id: str, item: ConfigurationItem, **parameters: Any) -> Evaluation:
    from warden.registry import load_rules

    rule = load_rules().get(rule_id)
    return rule.run(item, rule.resolve_parameters(parameters))


@pytest.fixture
def config_item() -> Callable[..., ConfigurationItem]:
    return make_item


@pytest.fixture
def config_item_from_file() -> Callable[..., ConfigurationItem]:
    return load_item


@pytest.fixture
def evaluate_rule() -> Callable[..., Evaluation]:
    return run_rule


@dataclass
class MotoAccount:
    clients: Any
    region: str = "us-east-1"
    account_id: str = ACCOUNT_ID

    def client(self, service: str, region: str | None = None) -> Any:
        return self.clients.client(service, region or self.region)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoAccount]:
    """moto's in-process AWS; boto3's default session is kept between tests (about 6x faster)."""
    from moto import mock_aws

    from warden.aws import Clients

    for key, value in FAKE_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws(config={"core": {"reset_boto3_session": False}}):
        yield MotoAccount(Clients(max_attempts=2))


@pytest.fixture
def moto_item(aws: MotoAccount) -> Callable[..., ConfigurationItem]:
    from warden.collectors import collector_for
    from warden.registry import load_rules

    def read(
        resource_type: str, resource_id: str, rule: str | None = None, region: str | None = None
    ) -> ConfigurationItem:
        collector = collector_for(resource_type)
        wanted = load_rules().get(rule).attributes if rule else tuple(collector.attributes)
        names = [n for n in wanted if n in collector.attributes]
        item = collector.read(aws.clients, region or aws.region, aws.account_id, resource_id, names)
        if item is None:
            raise LookupError(f"{resource_type} {resource_id} does not exist in moto")
        return item

    return read


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def moto_server() -> Iterator[str]:
    """A moto server bound to 127.0.0.1 only; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


class _Body:
    def __init__(self, payload: bytes) -> None:
        self._payload = payload

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._payload


@dataclass
class InjectedFault:
    """Counts the calls a fault answered; `times=None` answers every call."""

    times: int | None
    answered: int = 0


def inject_fault(
    client: Any,
    operation: str,
    code: str,
    status: int = 400,
    message: str = "injected by test",
    times: int | None = None,
    when: Callable[[Any], bool] | None = None,
) -> InjectedFault:
    """Make `operation` on `client` fail with an AWS error before anything is sent.

    The fault is injected as an HTTP response at `before-send`, so botocore parses it and applies its
    retry policy exactly as for a real AWS answer (throttling is retried, AccessDenied is not).
    `when`: only requests it accepts fail (an AssumeRole naming one role ARN).
    """
    fault = InjectedFault(times)
    response = _error_response(client, code, status, message)

    def answer(request: Any, **_: Any) -> Any:
        if fault.times is not None and fault.answered >= fault.times:
            return None
        if when is not None and not when(request):
            return None
        fault.answered += 1
        return response(request)

    service_id = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(f"before-send.{service_id}.{operation}", answer)
    return fault


def deny_assume_role(clients: Any, arn: str) -> InjectedFault:
    """AssumeRole of role `arn` through `clients` answers AccessDenied, as AWS does for a role that does not
    exist or does not trust the caller. moto's AssumeRole succeeds for any role, so a test of a missing
    member role needs this; every other role is still assumed."""
    import urllib.parse

    quoted = urllib.parse.quote(arn, safe="")

    def names_the_role(request: Any) -> bool:
        body = request.body or b""
        return quoted in (body.decode() if isinstance(body, bytes) else str(body))

    message = f"User is not authorized to perform: sts:AssumeRole on resource: {arn}"
    return inject_fault(clients.client("sts"), "AssumeRole", "AccessDenied", 403, message, when=names_the_role)


def _error_response(client: Any, code: str, status: int, message: str) -> Callable[[Any], Any]:
    """An AWS error answer to a request, in the client's protocol."""
    from botocore.awsrequest import AWSResponse

    protocol = client.meta.service_model.protocol
    if protocol in ("json", "rest-json"):
        body = json.dumps({"__type": code, "message": message}).encode()
        headers = {"x-amzn-ErrorType": code, "Content-Type": "application/json"}
    elif protocol == "ec2":
        error = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
        body = f"<Response><Errors>{error}</Errors></Response>".encode()
        headers = {}
    elif protocol == "query":
        body = f"<ErrorResponse><Error><Code>{code}</Code><Message>{message}</Message></Error></ErrorResponse>".encode()
        headers = {}
    else:
        body = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>".encode()
        headers = {}

    def answer(request: Any) -> Any:
        # botocore runs every before-send handler; pointing the request at a reserved, unroutable name
        # keeps moto's handler (and any real endpoint) from acting on it, while ours supplies the answer.
        request.url = "https://fault-injected.invalid/"
        return AWSResponse(request.url, status, headers, _Body(body))

    return answer


# Each protocol's throttling answer, as the services speak it.
THROTTLING = {
    "json": ("ThrottlingException", 400),
    "rest-json": ("TooManyRequestsException", 429),
    "query": ("Throttling", 400),
    "ec2": ("RequestLimitExceeded", 503),
    "rest-xml": ("SlowDown", 503),
}


@dataclass
class RandomFaults:
    """Counts the calls a client made and the faults it was answered with."""

    calls: int = 0
    faults: int = 0


def inject_random_faults(client: Any, rate: float, rng: random.Random, counts: RandomFaults) -> None:
    """Fail a share `rate` of every call `client` makes, drawn from `rng`: throttling, 500 or 503.

    Injected at `before-send` like `inject_fault`, so the client's retry policy applies to each attempt.
    """
    throttle = THROTTLING.get(client.meta.service_model.protocol, ("Throttling", 400))
    answers = [
        _error_response(client, *fault, "injected at random")
        for fault in (throttle, ("InternalError", 500), ("ServiceUnavailable", 503))
    ]
    lock = threading.Lock()

    def answer(request: Any, **_: Any) -> Any:
        with lock:  # the ledger reads in threads: one draw at a time
            counts.calls += 1
            if rng.random() >= rate:
                return None
            counts.faults += 1
            chosen = rng.choice(answers)
        return chosen(request)

    service_id = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(f"before-send.{service_id}", answer)


def synthetic_scan_results(
    evaluations: int, accounts: int = 1, regions: int = 1, *, seed: int = 7, hostile_every: int = 0
) -> list[dict[str, Any]]:
    """Scan results (`warden.scan/v2`) for report tests and benchmarks: one result per account and region.

    Every `hostile_every`-th resource is named like an attacker would name it (markup in the id).
    """
    import random

    from warden.registry import load_rules

    rng = random.Random(seed)
    rules = load_rules().all()
    region_names = [f"{area}-{n}" for area in ("us-east", "eu-west", "ap-south", "sa-east") for n in (1, 2, 3, 4)]
    results: dict[tuple[str, str], dict[str, Any]] = {}
    for index in range(evaluations):
        account = f"{100000000000 + index % accounts:012d}"
        region = region_names[(index // accounts) % min(regions, len(region_names))]
        rule = rules[index % len(rules)]
        resource_type = rule.resource_types[0]
        resource_id = f"res-{index:06d}"
        if hostile_every and index % hostile_every == 0:
            resource_id = f'<script>alert("x{index}")</script><img src=x onerror=alert(1)>'
        compliance = rng.choices(
            ("COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE", "INSUFFICIENT_DATA"), weights=(60, 30, 8, 2)
        )[0]
        result = results.setdefault(
            (account, region),
            {
                "schema": "warden.scan/v2",
                "account_id": account,
                "regions": [region],
                "started_at": "2026-11-30T06:00:00+00:00",
                "finished_at": "2026-11-30T06:05:00+00:00",
                "partial": False,
                "evaluations": [],
                "errors": [],
                "expired_exemptions": [],
            },
        )
        service = resource_type.split("::")[1].lower() or "account"
        result["evaluations"].append(
            {
                "rule_id": rule.id,
                "controls": list(rule.controls),
                "severity": rule.severity.value,
                "resource_type": resource_type,
                "resource_id": resource_id,
                "resource_arn": f"arn:aws:{service}:{region}:{account}:{resource_id}",
                "region": region,
                "account_id": account,
                "compliance": compliance,
                "annotation": f"{rule.title} ({compliance.lower()})"[:256],
                "remediation_id": rule.remediation,
            }
        )
    return list(results.values())
