#!/usr/bin/env bash
# API fuzzing of Logis with schemathesis, from its own OpenAPI document.
#
#   bash Tests/fuzz/schemathesis.sh [path/to/logis]     # default: .build/debug/logis
#
# Starts the binary on a free port (fresh SQLite file and files folder, demo data), signs in the
# demo applicant, registering agent, bailleur, réservataire and CALEOL member, declares two
# vacancies and holds a CALEOL session (one dwelling decided, so an offer is made; one left to
# vote on) (Tests/fuzz/prepare.py), then runs schemathesis five times against /api/openapi.json
# with `--checks all`: as the applicant on everything outside /api/v1/guichet, /api/v1/dwellings,
# /api/v1/vacancies and /api/v1/caleol (the anonymous routes and /api/v1/offers included), as the
# agent on /api/v1/guichet, as the CALEOL member on /api/v1/caleol, as the bailleur on
# /api/v1/dwellings, /api/v1/vacancies, /api/v1/caleol and /api/v1/offers, as the réservataire on
# /api/v1/vacancies.
# Fails on any schemathesis failure or error, on any 5xx in the server's log, and if the server
# died.
# Needs `pip install schemathesis==4.32.5` (the configuration format is that version's).
#
# Environment: FUZZ_EXAMPLES (examples per operation and phase, default 30), FUZZ_SEED (default
# fixed, so CI is reproducible; set another to explore), FUZZ_PORT (default: a free one),
# FUZZ_SERVER_DIR (where the server runs, default the repository: it reads Resources/ and Public/
# there; point it at an export of the commit a binary was built from to fuzz that binary).
# Output: var/fuzz/ (configurations, server log, JUnit and NDJSON reports).
set -uo pipefail

bin="${1:-.build/debug/logis}"
if [[ ! -x "$bin" ]]; then
  echo "schemathesis.sh: logis binary not found or not executable: $bin" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
if ! command -v schemathesis >/dev/null; then
  echo "schemathesis.sh: schemathesis is not installed (pip install schemathesis==4.32.5)" >&2
  exit 2
fi

examples="${FUZZ_EXAMPLES:-30}"
seed="${FUZZ_SEED:-20261128}"
port="${FUZZ_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
out="$repo_root/var/fuzz"
rm -rf "$out"
mkdir -p "$out/data" "$out/reports"
url="http://127.0.0.1:$port"

# The server's working directory holds Resources/ (the OpenAPI document, views) and Public/.
(cd "${FUZZ_SERVER_DIR:-$repo_root}" && exec env -u DATABASE_URL -u LOGIS_PUBLIC_URL \
  LOGIS_SQLITE_PATH="$out/data/logis.sqlite" LOGIS_FILES_DIR="$out/data/files" \
  LOGIS_RULES_DIR="$out/data/rules" LOGIS_BCRYPT_COST=4 LOGIS_TRUSTED_PROXIES=127.0.0.1 \
  "$bin" serve --demo --hostname 127.0.0.1 --port "$port" </dev/null >"$out/server.log" 2>&1) &
server=$!
stop_server() {
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server" 2>/dev/null
  fi
  wait "$server" 2>/dev/null
}
trap stop_server EXIT

healthy() {
  python3 -c 'import sys, urllib.request; sys.exit(urllib.request.urlopen(sys.argv[1], timeout=3).status != 200)' \
    "$url/healthz" 2>/dev/null
}
for _ in $(seq 240); do
  healthy && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "schemathesis.sh: logis exited before answering /healthz:" >&2
    tail -50 "$out/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
healthy || { echo "schemathesis.sh: logis did not answer /healthz within 120 s" >&2; exit 1; }

python3 Tests/fuzz/prepare.py "$url" "$out" || exit 1

failed=0
summary=()
# One worker per run: with more, hypothesis describes its lambdas (ast.parse) in several threads at
# once and Python 3.11.7 fails the coverage phase with "AST constructor recursion depth mismatch"
# (seen on the caleol, then the reservataire schemas; the API was not at fault).
run() {  # run NAME SCHEMATHESIS-FILTER-ARGS…
  local name=$1
  shift
  local started=$SECONDS
  echo "== schemathesis as $name"
  schemathesis --config-file "$out/$name.toml" run "$url/api/openapi.json" \
    --checks all --max-examples "$examples" --seed "$seed" --no-color --workers 1 \
    --report junit,ndjson --report-dir "$out/reports" \
    --report-junit-path "$out/reports/$name.xml" --report-ndjson-path "$out/reports/$name.ndjson" \
    "$@" 2>&1 | tee "$out/$name.log"
  local status=${PIPESTATUS[0]}
  local cases
  cases=$(grep -A1 '^Test cases:' "$out/$name.log" | tail -1 | sed 's/^ *//')
  summary+=("$name: exit $status, ${cases:-no test case line}, $((SECONDS - started)) s")
  [[ $status -eq 0 ]] || failed=1
  if ! healthy; then
    echo "schemathesis.sh: the server no longer answers /healthz after the $name run" >&2
    failed=1
  fi
}

run applicant --exclude-path-regex '^/api/v1/(guichet/|dwellings|residences|vacancies|caleol/)'
previous=applicant
# The CALEOL member votes on the undecided dwelling before the bailleur's run may decide it.
for role in agent caleol bailleur reservataire; do
  if ! kill -0 "$server" 2>/dev/null; then
    summary+=("$role: not run, the server died during the $previous run")
    failed=1
    continue
  fi
  case $role in
    agent) run agent --include-path-regex '^/api/v1/guichet/' ;;
    caleol) run caleol --include-path-regex '^/api/v1/caleol/' ;;
    bailleur) run bailleur --include-path-regex '^/api/v1/(dwellings|residences|vacancies|caleol/|offers)' ;;
    reservataire) run reservataire --include-path-regex '^/api/v1/vacancies' ;;
  esac
  previous=$role
done

server_errors=$(grep -cE '^\[ [A-Z]+ \] [A-Z]+ [^ ]+ 5[0-9][0-9] ' "$out/server.log")
crashed=0
if ! kill -0 "$server" 2>/dev/null || grep -q 'Fatal error\|crashed:' "$out/server.log"; then
  crashed=1
  failed=1
  echo "== the server crashed; from its log (var/fuzz/server.log):"
  grep -m3 'Fatal error\|Program crashed' "$out/server.log"
  grep -m1 -A14 ' crashed:$' "$out/server.log"
fi
if [[ $server_errors -gt 0 ]]; then
  failed=1
  echo "== 5xx answers in the server log:"
  grep -E '^\[ [A-Z]+ \] [A-Z]+ [^ ]+ 5[0-9][0-9] ' "$out/server.log" | sed -E 's/ [0-9.]+ seconds.*//' | sort | uniq -c | head -20
  grep -E 'unexpected error' "$out/server.log" | sed 's/ \[request-id.*//' | sort | uniq -c | head -20
fi

echo "== fuzzing summary (seed $seed, $examples examples per operation and phase)"
printf '%s\n' "${summary[@]}"
echo "5xx in the server log: $server_errors; server crashed: $crashed"
if [[ $failed -ne 0 ]]; then
  echo "API fuzzing: FAILED (reports in var/fuzz/)"
  exit 1
fi
echo "API fuzzing: no failure"
