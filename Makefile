# ipsecux.iosxe developer entry points. `make test` and `make demo` set themselves up from a fresh clone.
# Details, timings and the offline fixes: docs/dev/toolchain.md.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# pytest options and suites (testpaths) live in pyproject.toml [tool.pytest.ini_options]; `--durations=30` lists the
# slowest tests before the summary (where the suite's time goes: docs/performance.md, section 7); the last line
# `make test` prints is pytest's summary. The suites run on PYTEST_WORKERS pytest-xdist workers: the tests that
# run ansible on one, the router tests beside them (tests/xdist_groups.py, docs/dev/README.md "Test workers").
# On this 2-core machine: one process 26.1 min of pytest, two workers 13.4 min, every test passing; three
# workers with the ansible tests in two lanes took 10.3 min but lost a strongSwan rekey ping to the load once
# (docs/performance.md, section 7). PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder)
# the router's sources and the collection (ansible_collections.ipsecux.iosxe) as the architecture checks see them
ARCH_PATH := refrouter/src:.collections

.PHONY: help setup test lint ruff imports types ansible-lint sanity pytest demo bench clean distclean image

help:
	@echo "make setup         create/update .venv, .collections and ansible-test's offline bootstrap"
	@echo "make test          setup, ruff, import contracts, mypy, ansible-test sanity, ansible-lint, pytest"
	@echo "make lint          ruff, import contracts, mypy and ansible-lint"
	@echo "make imports       the import-linter contracts (docs/architecture.md)"
	@echo "make types         mypy, strict: refrouter.state, refrouter.ike and the collection's module_utils"
	@echo "make sanity        ansible-test sanity for the collection"
	@echo "make pytest        the pytest suites only (testpaths in pyproject.toml)"
	@echo "make demo          run the demo (scripts/demo.sh)"
	@echo "make bench         run the benchmarks (bench/run.py)"
	@echo "make clean         remove .collections, setup stamps, test output and tool caches"
	@echo "make distclean     clean, plus .venv and every download under .cache"

setup:
	@scripts/setup.sh

test: setup
	$(BIN)/ruff check .
	PYTHONPATH=$(ARCH_PATH) $(BIN)/lint-imports
	$(MAKE) --no-print-directory types
	scripts/sanity.sh
	scripts/ansible_lint.sh
	$(BIN)/pytest $(PYTEST_PARALLEL) --durations=30

lint: setup ruff imports types ansible-lint

ruff: setup
	$(BIN)/ruff check .

imports: setup
	PYTHONPATH=$(ARCH_PATH) $(BIN)/lint-imports

# Two runs because the two trees resolve differently: refrouter from refrouter/src, the collection as
# ansible_collections.ipsecux.iosxe from .collections (where `make setup` links this repository in).
types: setup
	$(BIN)/mypy -p refrouter.state -p refrouter.ike
	cd .collections && ../$(BIN)/mypy --config-file ../pyproject.toml -p ansible_collections.ipsecux.iosxe.plugins.module_utils

ansible-lint: setup
	scripts/ansible_lint.sh

sanity: setup
	scripts/sanity.sh

pytest: setup
	$(BIN)/pytest $(PYTEST_PARALLEL) --durations=30

demo: setup
	bash scripts/demo.sh

bench: setup
	$(BIN)/python bench/run.py

# The reference router's container image, localhost/refrouter:latest (docs/containers.md).
image:
	refrouter/container/build-image.sh

clean:
	rm -rf .collections .cache/stamps .cache/ansible-test-home/.ansible/test/venv tests/output \
		.pytest_cache .hypothesis .ruff_cache .import_linter_cache .cache/mypy
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) .cache
