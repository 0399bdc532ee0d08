"""Fault injection: findings through the worker while a fifth of its AWS calls fail (benchmarks/fault_benchmark.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "fault_benchmark.py"


@pytest.fixture(scope="module")
def fault_benchmark():
    spec = importlib.util.spec_from_file_location("fault_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("attempts", [1, 3])
def test_no_finding_is_lost_and_no_change_goes_unrecorded(fault_benchmark, attempts):
    figures = fault_benchmark.measure(30, attempts, rate=0.2, seed=8)
    assert figures["faults_injected"] > 0.15 * figures["worker_api_calls"]
    assert figures["lost"] == 0
    assert figures["changed_without_intent"] == 0  # write-ahead: every change has its intent on record
    # A change whose outcome could not be recorded in five deliveries is in the DLQ with its open intent.
    assert figures["changed_without_remediated"] == figures["changed_without_remediated_in_dlq"]
    if attempts == 3:
        assert figures["changed_without_remediated"] == 0
    assert figures["remediated_twice"] == 0
    assert figures["chain_intact"], figures["chain_problems"]
    assert figures["fixed"] + figures["dead_lettered"] >= figures["findings"]
