#!/usr/bin/env bash
# One command for issue 7: build the bench in Release, generate a province at SCALE into a SQLite file,
# then run T1/T2 (load), T3 (search) and, with SCORING=1, the scoring recompute (T5).
# Output goes to the terminal and to artifacts/bench/run-<UTC time>.txt.
#
#   bench/run.sh                 # SCALE=0.01 (50,000 opinions; a few minutes)
#   SCALE=1 bench/run.sh         # full size: 100,000 representatives, 5,000,000 opinions (long)
#   RUNS=3 DURATION=10 CONCURRENCY=32 SCALE=0.1 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${SCALE:-0.01}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10}"
CONCURRENCY="${CONCURRENCY:-32}"
DB="artifacts/bench/province-${SCALE}.db"
mkdir -p artifacts/bench
LOG="artifacts/bench/run-$(date -u +%Y%m%dT%H%M%SZ).txt"

dotnet build bench/Renda.Bench -c Release -v q -nologo >/dev/null
BENCH=(dotnet bench/Renda.Bench/bin/Release/net10.0/Renda.Bench.dll)
{
  echo "# bench/run.sh $(date -u +%FT%TZ) SCALE=$SCALE RUNS=$RUNS DURATION=$DURATION CONCURRENCY=$CONCURRENCY"
  echo "# $(nproc) cores, $(free -g | awk '/Mem:/ {print $2 " GB"}'), $(dotnet --version)"
  if [[ "${SKIP_GENERATE:-0}" != 1 || ! -f "$DB" ]]; then
    "${BENCH[@]}" generate --scale "$SCALE" --db "$DB"
  fi
  "${BENCH[@]}" search --db "$DB" --runs "$RUNS"
  "${BENCH[@]}" load --db "$DB" --runs "$RUNS" --duration "$DURATION" --concurrency "$CONCURRENCY"
  if [[ "${SCORING:-0}" == 1 ]]; then
    "${BENCH[@]}" scoring --reps "$(awk -v s="$SCALE" 'BEGIN { printf "%d", 100000 * s }')" --runs "$RUNS"
  fi
} 2>&1 | tee "$LOG"
echo "log: $LOG"
