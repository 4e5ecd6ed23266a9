#!/usr/bin/env bash
# The default against the best fixed steps on two streams it was not tuned on (docs/benchmarks.md, "The default"):
# a drifting linear regression at input scale 50 and a drifting random-RBF classification, 120,000 samples each.
#   scripts/default/untuned.sh [OUT]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:-untuned}"
mkdir -p "$OUT"
for s in reg rbf; do
  "$ROOT/driftwise" gen --scenario "$ROOT/scripts/default/untuned/$s.json" --count 120000 --out "$OUT/$s-gen.csv"
  # keep the features and the target; drop the generator's bookkeeping columns (stream_id, seq, concept_id, …)
  python3 - "$OUT/$s-gen.csv" "$OUT/$s.csv" <<'PY'
import csv, sys
rows = csv.reader(open(sys.argv[1]))
header = next(rows)
keep = [i for i, c in enumerate(header) if c.startswith("f") or c == "target"]
out = csv.writer(open(sys.argv[2], "w", newline=""))
out.writerow([header[i] for i in keep])
for r in rows:
    out.writerow([r[i] for i in keep])
PY
done
B=("$ROOT/driftwise" bench --threads 2 --quiet)
"${B[@]}" --csv "$OUT/reg.csv" --target target --task regression --methods default,sgd,adam,autostep | tee "$OUT/reg.txt"
for from in 80000 80500 81000 82000 84000 90000; do # the default's recovery from the drift at 80,000
  "${B[@]}" --csv "$OUT/reg.csv" --target target --task regression --score-from "$from" --methods 'default,sgd(lr=0.125)' \
    | grep -E '^(default|sgd)' | sed "s/^/score-from $from: /"
done
"${B[@]}" --csv "$OUT/rbf.csv" --target target --task multiclass --methods default,sgd,adam | tee "$OUT/rbf.txt"
"${B[@]}" --csv "$OUT/rbf.csv" --target target --task multiclass --model mlp:10-32-4 --methods default,adam | tee "$OUT/rbf-mlp.txt"
