"""Claims on findings: one delivery at a time, at most once, a batch in one DynamoDB call."""

from __future__ import annotations

from collections import Counter

import pytest
from warden.remediations.claims import Claims, Standing, WindowBudget

TABLE = "claims"
START = ("123456789012-us-east-1", 7)


@pytest.fixture
def dynamodb(aws):
    client = aws.client("dynamodb")
    client.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return client


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def claims(dynamodb, clock):
    return Claims(dynamodb, TABLE, clock=clock)


def _calls(client) -> Counter[str]:
    seen: Counter[str] = Counter()
    client.meta.events.register("before-call.dynamodb", lambda model, **_: seen.update([model.name]))
    return seen


def _item(dynamodb, finding):
    return dynamodb.get_item(TableName=TABLE, Key={"id": {"S": f"finding#{finding}"}})["Item"]


def test_a_batch_is_claimed_in_one_call_and_settled_in_another(dynamodb, claims):
    calls = _calls(dynamodb)
    findings = [f"f{i}" for i in range(10)]
    got = claims.claim({f: START for f in findings}, in_progress_ms=60_000)
    assert {c.standing for c in got.values()} == {Standing.CLAIMED} and len({c.attempt for c in got.values()}) == 1
    attempt = got["f0"].attempt
    claims.settle(attempt, {f: {"outcome": "REMEDIATED", "record_id": f"r-{f}"} for f in findings[:9]}, ["f9"])
    assert calls == Counter({"TransactWriteItems": 2})
    assert _item(dynamodb, "f3")["status"]["S"] == "COMPLETED" and _item(dynamodb, "f3")["record_id"]["S"] == "r-f3"
    assert _item(dynamodb, "f9")["status"]["S"] == "RELEASED"
    assert (_item(dynamodb, "f9")["stream"]["S"], _item(dynamodb, "f9")["after_seq"]["N"]) == (START[0], "7")


def test_a_claim_held_by_a_running_delivery_is_busy_and_a_completed_one_is_a_duplicate(claims):
    first = claims.claim({"held": START, "done": START}, in_progress_ms=60_000)
    claims.settle(first["done"].attempt, {"done": {"outcome": "SKIPPED", "record_id": "r-1"}})
    again = claims.claim({"held": START, "done": START, "new": START}, in_progress_ms=60_000)
    assert again["held"].standing is Standing.BUSY
    assert again["done"].standing is Standing.COMPLETED
    assert again["done"].result == {"outcome": "SKIPPED", "record_id": "r-1"}
    assert again["new"].standing is Standing.CLAIMED  # the others' refusal does not cost it its claim


def test_an_abandoned_claim_is_taken_over_and_keeps_where_the_first_attempt_began(claims, clock):
    first = claims.claim({"f": START}, in_progress_ms=60_000)["f"]
    clock.now += 61  # past the first delivery's deadline: it crashed or timed out
    second = claims.claim({"f": ("123456789012-us-east-1", 40)}, in_progress_ms=60_000)["f"]
    assert second.standing is Standing.CLAIMED and second.attempt != first.attempt
    assert second.previous["attempt"] == first.attempt and second.previous["after_seq"] == "7"
    claims.settle(second.attempt, {}, ["f"])  # released for a retry
    third = claims.claim({"f": ("123456789012-us-east-1", 90)}, in_progress_ms=60_000)["f"]
    assert third.standing is Standing.CLAIMED and third.previous["attempt"] == second.attempt
    assert third.previous["after_seq"] == "7"  # every attempt since the first is still in reach


def test_the_delivery_that_lost_its_claim_cannot_settle_it(dynamodb, claims, clock):
    slow = claims.claim({"f": START}, in_progress_ms=1_000)["f"]
    clock.now += 2
    taker = claims.claim({"f": START}, in_progress_ms=60_000)["f"]
    claims.settle(slow.attempt, {"f": {"outcome": "REMEDIATED", "record_id": "late"}})
    item = _item(dynamodb, "f")
    assert (item["status"]["S"], item["attempt"]["S"]) == ("IN_PROGRESS", taker.attempt)
    assert claims.claim({"f": START}, in_progress_ms=60_000)["f"].standing is Standing.BUSY


def test_a_completed_claim_past_its_time_to_live_is_claimed_afresh(claims, clock):
    done = claims.claim({"f": START}, in_progress_ms=60_000)["f"]
    claims.settle(done.attempt, {"f": {"outcome": "REMEDIATED", "record_id": "r"}})
    clock.now += 24 * 3600 + 1  # DynamoDB's TTL may not have deleted it yet
    again = claims.claim({"f": ("123456789012-us-east-1", 50)}, in_progress_ms=60_000)["f"]
    assert again.standing is Standing.CLAIMED and again.previous is None


def _window_changes(dynamodb, rule):
    items = dynamodb.scan(TableName=TABLE)["Items"]
    return [int(i["changes"]["N"]) for i in items if i["id"]["S"].startswith(f"budget#{rule}#")]


def test_the_hourly_window_is_reserved_with_the_claims_and_what_was_not_spent_given_back(dynamodb, clock):
    window = WindowBudget(dynamodb, TABLE, limit=5)
    claims = Claims(dynamodb, TABLE, window=window, clock=clock)
    calls = _calls(dynamodb)
    got = claims.claim({f"f{i}": START for i in range(3)}, in_progress_ms=60_000, reserve={"rule-a": 3})
    assert _window_changes(dynamodb, "rule-a") == [3]
    assert [window.take("rule-a") for _ in range(2)] == [True, True]  # spent without a call
    claims.settle(got["f0"].attempt, {f"f{i}": {"outcome": "REMEDIATED", "record_id": "r"} for i in range(3)})
    assert (calls["TransactWriteItems"], calls["UpdateItem"]) == (2, 0)
    assert _window_changes(dynamodb, "rule-a") == [2]  # the unspent change is given back


def test_a_nearly_full_window_grants_what_is_left_and_the_rest_is_capped(dynamodb, clock):
    window = WindowBudget(dynamodb, TABLE, limit=5)
    claims = Claims(dynamodb, TABLE, window=window, clock=clock)
    first = claims.claim({"a": START}, in_progress_ms=60_000, reserve={"rule-a": 4})
    claims.settle(first["a"].attempt, {"a": {"outcome": "REMEDIATED", "record_id": "r"}})  # 4 held, none spent
    assert _window_changes(dynamodb, "rule-a") == [0]
    assert [window.take("rule-a") for _ in range(4)] == [True] * 4  # nothing held: one update each
    got = claims.claim({"b": START, "c": START}, in_progress_ms=60_000, reserve={"rule-a": 2})
    assert {c.standing for c in got.values()} == {Standing.CLAIMED}  # a full window does not refuse the claims
    assert [window.take("rule-a") for _ in range(2)] == [True, False]
    assert _window_changes(dynamodb, "rule-a") == [5]


def test_a_transaction_conflict_is_waited_out_and_tried_again(dynamodb, clock):
    import botocore.exceptions

    waits: list[float] = []
    claims = Claims(dynamodb, TABLE, clock=clock, sleep=waits.append)
    conflicts = [1]

    def conflict(params, **_):
        if conflicts[0]:
            conflicts[0] -= 1
            error = {"Code": "TransactionCanceledException", "Message": "conflict"}
            reasons = [{"Code": "TransactionConflict"}] * 2
            raise botocore.exceptions.ClientError(
                {"Error": error, "CancellationReasons": reasons}, "TransactWriteItems"
            )

    dynamodb.meta.events.register_first("before-call.dynamodb.TransactWriteItems", conflict)
    got = claims.claim({"a": START, "b": START}, in_progress_ms=60_000)
    assert {c.standing for c in got.values()} == {Standing.CLAIMED}
    assert len(waits) == 1 and 0 <= waits[0] <= 0.2
