#!/usr/bin/env bash
# Set up a fresh virtual environment and run the whole test suite.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet ".[test]"
.venv/bin/python -m ruff check generator tests bench
.venv/bin/python -m ruff format --check generator tests bench
.venv/bin/python -m mypy generator
.venv/bin/python -m pytest "$@"
