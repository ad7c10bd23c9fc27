#!/usr/bin/env bash
# Set up a fresh virtual environment, install the generator, and build the site into site/.
# Usage: bash scripts/build.sh [curriculum build arguments, e.g. --no-pdf or --strict]
set -euo pipefail
cd "$(dirname "$0")/.."

# What the machine needs before anything else, each with its one-line fix.
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  echo "error: Python's venv module is missing; install it with: sudo apt-get install python3-venv" >&2
  exit 1
fi
case " $* " in
  *" --no-pdf "*) ;;
  *) if ! ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0"; then
       echo "error: the PDFs need the Pango library; install it with: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" >&2
       echo "       (or build without PDFs: bash scripts/build.sh --no-pdf)" >&2
       exit 1
     fi ;;
esac

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .

# In GitHub Actions, the located problems also go to the run's summary page.
status=0
.venv/bin/curriculum build "$@" 2> >(tee .build-log.txt >&2) || status=$?
sleep 0.2
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    if [ "$status" = 0 ]; then echo "### The site was built"; else echo "### The curriculum has problems; nothing was published"; fi
    if grep -Eq "^[^ ]+:[0-9]+:[0-9]+: (error|warning): " .build-log.txt; then
      echo; echo '```'; grep -E "^[^ ]+:[0-9]+:[0-9]+: (error|warning): " .build-log.txt; echo '```'
    fi
  } >> "$GITHUB_STEP_SUMMARY"
fi
rm -f .build-log.txt
exit "$status"
