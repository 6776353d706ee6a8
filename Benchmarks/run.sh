#!/usr/bin/env bash
# Benchmarks/run.sh [--scale small|national] [--bin PATH] [--no-postgres]
#
# Generates the synthetic register (`logis generate`, resumable: a rerun reuses what is there) on
# SQLite and on PostgreSQL, then times the pre-selection of random generated dwellings beside the
# hand-written SQL for the same answer and the join over wishes (`logis bench preselection`), and
# prints a markdown table. small = one EPCI, 20,000 requests (CI); national = 1,200 EPCI,
# 2.7 million requests, 5 million dwellings (hours on SQLite: run it on PostgreSQL, --no-sqlite).
# The binary is .build/debug/logis unless --bin (or LOGIS_BIN) names another: say which in the
# figures, a debug build is several times slower on the Swift side.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=small
bin=${LOGIS_BIN:-.build/debug/logis}
sqlite=1
postgres=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --no-postgres) postgres=0; shift ;;
    --no-sqlite) sqlite=0; shift ;;
    *) echo "usage: $0 [--scale small|national] [--bin PATH] [--no-postgres] [--no-sqlite]" >&2; exit 2 ;;
  esac
done
case "$scale" in
  small) sizes=(--requests 20000 --dwellings 5000 --territories 1) ;;
  national) sizes=(--requests 2700000 --dwellings 5000000 --territories 1200) ;;
  *) echo "unknown scale: $scale (small or national)" >&2; exit 2 ;;
esac
seed=42
vacancies=${BENCH_VACANCIES:-200}
work=${BENCH_DIR:-var/bench}
mkdir -p "$work"
build=$(case "$bin" in *release*) echo release ;; *) echo debug ;; esac)

run_one() { # label, then the environment for the binary
  local label=$1
  shift
  local started ended
  started=$(date +%s%N)
  env "$@" "$bin" generate "${sizes[@]}" --seed "$seed" >"$work/$scale-$label-generate.log" 2>&1 ||
    { cat "$work/$scale-$label-generate.log" >&2; return 1; }
  ended=$(date +%s%N)
  generated="$generated
- $label: $(tail -n 1 "$work/$scale-$label-generate.log") (wall $(( (ended - started) / 1000000000 )) s)"
  env "$@" "$bin" bench preselection --vacancies "$vacancies" --seed "$seed" >"$work/$scale-$label-bench.md"
  rows="$rows
$(grep '^|' "$work/$scale-$label-bench.md")"
}

generated=""
rows=""
if [ "$sqlite" = 1 ]; then
  run_one sqlite LOGIS_SQLITE_PATH="$work/$scale.sqlite" DATABASE_URL=
fi
if [ "$postgres" = 1 ]; then
  url=${BENCH_DATABASE_URL:-}
  if [ -z "$url" ]; then
    base=$(bash scripts/start-postgres.sh)
    db="logis_gen_$scale"
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 ||
      su postgres -c "psql -qc \"CREATE DATABASE $db OWNER logis\"" >/dev/null
    url="${base%/*}/$db"
  fi
  run_one postgresql DATABASE_URL="$url"
fi

echo "### Pre-selection, scale $scale ($build build, $(date -u +%Y-%m-%d), $(nproc) cores, seed $seed, $vacancies random vacancies)"
echo
echo "| database | requests | query (top 3) | p50 ms | p95 ms | p95 ratio to hand-written |"
echo "|---|---|---|---|---|---|"
echo "${rows#?}"
echo
echo "Generation:${generated}"
