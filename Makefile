# Two commands for a fresh machine: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# checkov pins an old boto3, so it lives in its own environment, never in the project's.
CHECKOV_VENV := .venv-checkov
# Cloud Custodian, for the benchmark's side-by-side run, in its own environment too.
CUSTODIAN_VENV := .venv-custodian

.PHONY: demo test bench bench-pipeline bench-report bench-faults fuzz lint install template package clean browser

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(CHECKOV_VENV)/.installed:
	test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet checkov
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/warden demo --output-dir out

# The HTML report's browser tests use Debian's Chromium (CI runs as root on a fresh machine).
CHROMIUM := /usr/bin/chromium
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: install Debian's chromium package to run the HTML report's browser tests" >&2; fi

# pytest exits 5 when it collects nothing: for this project that means collection broke, so it fails.
test: $(STAMP) $(CHECKOV_VENV)/.installed browser
	WARDEN_CHECKOV=$(CHECKOV_VENV)/bin/checkov $(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check .

$(CUSTODIAN_VENV)/.installed:
	test -x $(CUSTODIAN_VENV)/bin/python || $(PYTHON) -m venv $(CUSTODIAN_VENV)
	$(CUSTODIAN_VENV)/bin/python -m pip install --quiet c7n
	touch $@

bench: $(STAMP) $(CUSTODIAN_VENV)/.installed
	$(BIN)/python benchmarks/scan_benchmark.py --resources 1000 --mixed 5000 --json out/scan-benchmark.json

bench-report: $(STAMP) browser
	$(BIN)/python benchmarks/report_benchmark.py --evaluations 100000 --json out/report-benchmark.json

bench-pipeline: $(STAMP)
	$(BIN)/python benchmarks/pipeline_benchmark.py --findings 1000 --json out/pipeline-benchmark.json

# 200 findings through the worker with 20 % of its AWS calls failing, at 1 and 3 attempts per call.
bench-faults: $(STAMP)
	$(BIN)/python benchmarks/fault_benchmark.py --findings 200 --json out/fault-benchmark.json

# 10,000 mutated real payloads per Lambda handler on moto; prints unexpected exceptions, poison loops and
# published findings the worker rejects (each target 0). FUZZ_EXAMPLES=N for another count.
FUZZ_EXAMPLES ?= 10000
fuzz: $(STAMP)
	WARDEN_FUZZ_PROFILE=thorough WARDEN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -p no:logging tests/fuzz

# template.yaml (central stack) and member.yaml (member accounts) are generated from the rule and remediation registries.
# Generated aside and moved into place, so a failed generation never leaves a truncated template.yaml.
template: $(STAMP)
	$(BIN)/python -m warden.template > template.yaml.tmp && mv template.yaml.tmp template.yaml || { rm -f template.yaml.tmp; exit 1; }
	$(BIN)/python -m warden.template --member > member.yaml.tmp && mv member.yaml.tmp member.yaml || { rm -f member.yaml.tmp; exit 1; }

# The Lambda code for `sam deploy`: Warden's packages and runtime dependencies only (no dev tools).
# Wheels are fetched for the functions' platform (arm64, Python 3.12), not this machine's.
package:
	rm -rf build/lambda && mkdir -p build/lambda
	$(PYTHON) -m pip install --quiet --target build/lambda --platform manylinux2014_aarch64 \
		--implementation cp --python-version 3.12 --only-binary=:all: boto3 aws-lambda-powertools jsonschema rfc8785
	$(PYTHON) -m warden.packaging build/lambda

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) out build *.egg-info
