#!/usr/bin/env bash
# Prepares what `make bench` needs beyond `make setup`: a Python venv with
# trafilatura (pinned in bench/requirements.txt) under bench/.venv.
# Idempotent: does nothing when the venv matches requirements.txt.
set -euo pipefail
cd "$(dirname "$0")"
want="$(sha256sum requirements.txt | cut -c1-16)"
if [ -x .venv/bin/python ] && [ "$(cat .venv/.stamp 2>/dev/null)" = "$want" ]; then
  exit 0
fi
python3 -m venv .venv
if ! .venv/bin/pip install --disable-pip-version-check -q -r requirements.txt; then
  echo "bench/setup.sh: pip could not install bench/requirements.txt (is PyPI reachable?)" >&2
  exit 1
fi
.venv/bin/python -c 'import trafilatura' >/dev/null
echo "$want" > .venv/.stamp
echo "bench/setup.sh: trafilatura $(.venv/bin/python -c 'import trafilatura; print(trafilatura.__version__)') in bench/.venv"
