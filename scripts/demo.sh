#!/usr/bin/env bash
# `make demo`: two sites configured and verified by the collection, then a hardening report; see scripts/demo.py.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/demo.py "$@"
