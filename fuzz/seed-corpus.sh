#!/usr/bin/env bash
# Fills fuzz/corpus/{html_pipeline,wire_decode} with seeds, at run time (the
# corpora are not committed): the test fixtures, the small pages of the
# Readability corpus in shared/ and the first 64 KiB of a few larger ones;
# wire_decode gets the same pages as the browser would send them.
#
#   bash fuzz/seed-corpus.sh [READABILITY_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=..
READABILITY="${1:-$ROOT/../shared/corpus/readability}"
[ -d "$READABILITY" ] || READABILITY=/work/shared/corpus/readability
HTML=corpus/html_pipeline
WIRE=corpus/wire_decode
mkdir -p "$HTML" "$WIRE"

n=0
for f in "$ROOT"/tests/fixtures/*/*.html; do
    cp "$f" "$HTML/fixture-$(basename "$f")"; n=$((n + 1))
done
if [ -d "$READABILITY" ]; then
    # Small pages whole, then eight of the larger ones cut at 64 KiB.
    for f in "$READABILITY"/*/source.html; do
        name="readability-$(basename "$(dirname "$f")").html"
        size=$(stat -c %s "$f")
        if [ "$size" -le 65536 ]; then
            cp "$f" "$HTML/$name"; n=$((n + 1))
        fi
    done
    for f in $(ls -S "$READABILITY"/*/source.html | awk 'NR % 12 == 0' | head -8); do
        head -c 65536 "$f" > "$HTML/readability-cut-$(basename "$(dirname "$f")").html"; n=$((n + 1))
    done
else
    echo "seed-corpus: no Readability corpus at $READABILITY, fixtures only" >&2
fi
# Regression inputs are seeds too.
for f in "$ROOT"/tests/regressions/html_pipeline/*; do
    [ -f "$f" ] && cp "$f" "$HTML/regression-$(basename "$f")"
done
echo "seed-corpus: $n html seeds in fuzz/$HTML"

cargo run --quiet --release --example seeds -- "$WIRE" "$HTML"/fixture-* "$HTML"/readability-*
for f in "$ROOT"/tests/regressions/wire_decode/*; do
    [ -f "$f" ] && cp "$f" "$WIRE/regression-$(basename "$f")"
done
echo "seed-corpus: $(ls "$WIRE" | wc -l) wire seeds in fuzz/$WIRE"
