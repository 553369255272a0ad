#!/usr/bin/env bash
# scripts/test.sh — the one test command of Renda (CI runs it through .ci/run).
#
# On a fresh Debian 12 machine with the .NET 10 SDK and node/npm it:
#   1. installs what is missing, via apt-get: chromium, fonts-wqy-microhei (browser suite),
#      postgresql + postgresql-contrib 15 (PostgreSQL suite);
#   2. builds Renda.slnx once, in Release, warnings as errors;
#   3. runs the suites, all of them even when one fails:
#        unit      tests/Renda.UnitTests
#        sqlite    tests/Renda.IntegrationTests on a temp SQLite file per fixture
#        postgres  tests/Renda.IntegrationTests again, on a private PostgreSQL 15 cluster this
#                  script starts on 127.0.0.1 and always stops (also on failure or Ctrl-C)
#        browser   tests/Renda.BrowserTests: Playwright for .NET on Debian's /usr/bin/chromium
#   4. ends with the line `N passed, N failed, N skipped` summed over the suites, and exits
#      non-zero if any test failed or any suite could not run.
#
# Knobs (environment):
#   RENDA_TEST_ONLY=unit,sqlite,postgres,browser   run only these suites (comma list)
#   RENDA_TEST_PG=<Npgsql connection string>       use this cluster instead of starting one
#   RENDA_TEST_PG_PORT=55432                       first port tried for the private cluster
#   RENDA_TEST_NO_BUILD=1                          skip the build (use what bin/ holds)
#   RENDA_TEST_HANG_TIMEOUT=10m                    a test host silent this long is killed (a failure)
# Test results (TRX) land in .test-work/results/; screenshots of browser tests in
# artifacts/screenshots/ (failures: tests/Renda.BrowserTests/bin/Release/net10.0/screenshots/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PG_BIN=/usr/lib/postgresql/15/bin
WORK="$ROOT/.test-work"
RESULTS="$WORK/results"

say() { printf '==> %s\n' "$*"; }
has_suite() { [[ ",$ONLY," == *",$1,"* ]]; }

ONLY="${RENDA_TEST_ONLY:-unit,sqlite,postgres,browser}"
ONLY="${ONLY// /}"
for s in ${ONLY//,/ }; do
  case "$s" in unit|sqlite|postgres|browser) ;; *) echo "RENDA_TEST_ONLY: unknown suite '$s' (use unit,sqlite,postgres,browser)" >&2; exit 2 ;; esac
done

IS_ROOT=0; [[ "$(id -u)" == 0 ]] && IS_ROOT=1
as_root() {
  if (( IS_ROOT )); then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "need root to run: $* (no sudo here)" >&2; return 1
  fi
}

# ---------------------------------------------------------------- cleanup, always
# shellcheck source=scripts/pg-private.sh
source "$ROOT/scripts/pg-private.sh"   # pg_as_owner, start_postgres, stop_postgres
cleanup() {
  local rc=$?
  stop_postgres
  return "$rc"
}
trap cleanup EXIT
trap 'echo; say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

# ---------------------------------------------------------------- 1. what the machine lacks
need=()
if has_suite browser; then
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'ok installed' || need+=(fonts-wqy-microhei)
fi
if has_suite postgres && [[ -z "${RENDA_TEST_PG:-}" ]]; then
  if [[ ! -x "$PG_BIN/initdb" || ! -f /usr/share/postgresql/15/extension/pg_trgm.control ]]; then
    need+=(postgresql postgresql-contrib)
  fi
fi
if (( ${#need[@]} )); then
  say "installing with apt-get: ${need[*]}"
  if [[ " ${need[*]} " == *" postgresql "* && ! -e /etc/postgresql-common/createcluster.d/renda-test.conf ]]; then
    # This script runs its own private cluster: the package need not create and start 'main'.
    as_root mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | as_root tee /etc/postgresql-common/createcluster.d/renda-test.conf >/dev/null
  fi
  # A failed install is not fatal here: the suite that needed it then reports itself as not run.
  mkdir -p "$WORK"
  t0=$SECONDS
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$WORK/apt.log" 2>&1 \
     && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >>"$WORK/apt.log" 2>&1; then
    say "installed in $((SECONDS - t0))s (log: $WORK/apt.log)"
  else
    tail -20 "$WORK/apt.log" >&2 || true
    say "apt-get failed (log: $WORK/apt.log): the suites that need ${need[*]} will fail"
  fi
else
  say "nothing to install (suites: $ONLY)"
fi

# ---------------------------------------------------------------- 2. build once
TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0
REPORT=()
BUILT=1
mkdir -p "$RESULTS"
if [[ "${RENDA_TEST_NO_BUILD:-0}" != 1 ]]; then
  say "dotnet build Renda.slnx -c Release"
  t0=$SECONDS
  if dotnet build Renda.slnx -c Release -nologo -clp:NoSummary -v:quiet; then
    say "build done in $((SECONDS - t0))s"
  else
    BUILT=0 TOTAL_FAILED=1
    REPORT+=("build     FAILED: no suite ran")
  fi
fi

# ---------------------------------------------------------------- 3. suites

# trx_count FILE ATTR: the number in <Counters ATTR="N"> of a TRX file (0 if absent).
trx_count() {
  local v
  v="$(grep -o "<Counters [^>]*" "$1" 2>/dev/null | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' | head -1 || true)"
  echo "${v:-0}"
}

# run_suite NAME PROJECT [VAR=VALUE ...]: dotnet test one project; tallies its TRX.
run_suite() {
  local name="$1" project="$2"; shift 2
  local dir="$RESULTS/$name" rc=0 t0=$SECONDS
  rm -rf "$dir"; mkdir -p "$dir"
  say "suite $name: dotnet test $project ${*}"
  env "$@" dotnet test "$project" --no-build -c Release --nologo \
      --results-directory "$dir" \
      --logger "trx;LogFileName=$name.trx" \
      --logger "console;verbosity=minimal" \
      --blame-hang-timeout "${RENDA_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none || rc=$?
  local trx="$dir/$name.trx" passed=0 failed=0 skipped=0
  if [[ -f "$trx" ]]; then
    passed=$(trx_count "$trx" passed)
    failed=$(( $(trx_count "$trx" failed) + $(trx_count "$trx" error) + $(trx_count "$trx" timeout) + $(trx_count "$trx" aborted) ))
    skipped=$(trx_count "$trx" notExecuted)
  fi
  if (( rc != 0 && failed == 0 )); then
    failed=1   # the suite did not run, or its host crashed: count it as a failure
    say "suite $name: dotnet test exited $rc without a failed test (run or host failure), counted as 1 failed"
  fi
  TOTAL_PASSED=$((TOTAL_PASSED + passed)) TOTAL_FAILED=$((TOTAL_FAILED + failed)) TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  local note=""; (( passed + failed + skipped == 0 )) && note="  — no tests found"
  REPORT+=("$(printf '%-9s %4d passed, %d failed, %d skipped  (%ds)%s' "$name" "$passed" "$failed" "$skipped" $((SECONDS - t0)) "$note")")
}

# suite_not_run NAME REASON: a suite that could not even start counts as one failure.
suite_not_run() {
  say "suite $1 could not run: $2"
  TOTAL_FAILED=$((TOTAL_FAILED + 1))
  REPORT+=("$(printf '%-9s NOT RUN: %s' "$1" "$2")")
}

if (( ! BUILT )); then ONLY=""; fi
if has_suite unit; then
  run_suite unit tests/Renda.UnitTests/Renda.UnitTests.csproj
fi
if has_suite sqlite; then
  run_suite sqlite tests/Renda.IntegrationTests/Renda.IntegrationTests.csproj RENDA_TEST_PROVIDER=sqlite
fi
if has_suite postgres; then
  if [[ -n "${RENDA_TEST_PG:-}" ]]; then
    PG_CS="$RENDA_TEST_PG"
    say "PostgreSQL: using RENDA_TEST_PG from the environment"
  elif ! start_postgres; then
    PG_CS=""
  fi
  if [[ -n "${PG_CS:-}" ]]; then
    run_suite postgres tests/Renda.IntegrationTests/Renda.IntegrationTests.csproj RENDA_TEST_PROVIDER=postgres "RENDA_TEST_PG=$PG_CS"
  else
    suite_not_run postgres "the PostgreSQL cluster did not start"
  fi
  cleanup || true   # stop the cluster now, so nothing prints after the summary line
fi
if has_suite browser; then
  if [[ -x /usr/bin/chromium ]]; then
    rm -rf artifacts/screenshots tests/Renda.BrowserTests/bin/Release/net10.0/screenshots
    run_suite browser tests/Renda.BrowserTests/Renda.BrowserTests.csproj
  else
    suite_not_run browser "/usr/bin/chromium is missing"
  fi
fi

# ---------------------------------------------------------------- 4. summary (last line)
echo
say "summary"
for line in "${REPORT[@]}"; do echo "    $line"; done
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
(( TOTAL_FAILED == 0 ))
