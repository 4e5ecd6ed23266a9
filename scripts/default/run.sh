#!/usr/bin/env bash
# The measurements behind the optimizer `default` (docs/benchmarks.md, "The default"): every task against
# the best fixed SGD and Adam steps in hindsight, the default's configuration from every α0, and the
# raw-scale CSV twins. Writes JSON, charts and the printed tables into OUT (default: default-matrix/).
#   scripts/default/run.sh [OUT] [RUNS]        e.g. scripts/default/run.sh /tmp/dm 5
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:-default-matrix}"
R="${2:-5}"
mkdir -p "$OUT"
bench() { # bench NAME ARGS...: one bench run, its table in NAME.txt
  local name="$1"; shift
  echo "== $name: ./driftwise bench $*" | tee "$OUT/$name.txt"
  "$ROOT/driftwise" bench "$@" --threads 2 --quiet --json "$OUT/$name.json" --charts "$OUT/charts-$name" | tee -a "$OUT/$name.txt"
}
SWEEP=(--sweep alpha0 --sweep-values 1e-6,1e-4,1e-2,1e-1)
bench T1 T1 --runs "$R" --methods default,sgd,adam,idbd "${SWEEP[@]}"
bench T2 T2 --runs "$R" --methods default,sgd,adam,idbd,sgd-hd "${SWEEP[@]}"
bench T3 T3 --runs "$R" --methods default,sgd,adam "${SWEEP[@]}"
bench T5 T5 --runs "$R" --samples 300000 --methods default,sgd,adam "${SWEEP[@]}"
bench T6 T6 --runs "$R" --samples 300000 --methods default,sgd,adam "${SWEEP[@]}"
bench T7 T7 --runs "$R" --samples 300000 --methods default,sgd,adam "${SWEEP[@]}"
bench T7-mlp T7-mlp --runs 2 --samples 100000 --methods 'default,sgd(lr=0.03125),adam(lr=0.001),adam(lr=0.000244)'
# raw-scale CSVs and their twins (scripts/raw-scale/make_csvs.py)
DATA="$OUT/raw"
[[ -f "$DATA/stretches-plus1e6.csv" ]] || python3 "$ROOT/scripts/raw-scale/make_csvs.py" "$DATA"
for f in onehot-money onehot-money-prescaled; do
  bench "csv-$f" --csv "$DATA/$f.csv" --target label --task binary --methods 'default,sgd,adam,sgd(lr=0.01)'
done
for f in daily daily-shifted daily-y1000; do
  bench "csv-$f" --csv "$DATA/$f.csv" --target y --task regression --methods 'default,sgd,adam,sgd(lr=0.01)'
done
bench csv-segments --csv "$DATA/segments.csv" --target class --task multiclass --methods 'default,sgd,adam,sgd(lr=0.01)'
for f in stretches stretches-plus1e6; do
  bench "csv-$f" --csv "$DATA/$f.csv" --target y --task regression --methods 'default,sgd,adam,sgd(lr=0.01)'
done
for f in stretches; do
  bench "csv-$f-raw" --csv "$DATA/$f.csv" --target y --task regression --standardize false --methods 'default,sgd,adam,sgd(lr=0.01)'
done
