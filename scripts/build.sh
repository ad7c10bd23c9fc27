#!/usr/bin/env bash
# Set up a fresh virtual environment, install the generator, and build the site into site/.
# Usage: bash scripts/build.sh [curriculum build arguments, e.g. --no-pdf]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
.venv/bin/curriculum build "$@"
