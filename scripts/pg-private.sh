#!/usr/bin/env bash
# A private PostgreSQL 15 cluster on 127.0.0.1, for scripts/test.sh and the benchmarks.
# Source it, then:   start_postgres   (sets PG_CS, PG_DATA, PG_TMP, PG_STARTED=1)
#                    stop_postgres    (stops it and removes its directory; safe to call twice)
# e.g.  source scripts/pg-private.sh && start_postgres && trap stop_postgres EXIT
#       RENDA_BENCH_PG="$PG_CS" dotnet run -c Release --project bench/Renda.Bench -- scoring --provider postgres
# RENDA_TEST_PG_PORT picks the first port to try (default 55432).
# PG_KEEP_DIR=DIR keeps the cluster in DIR (created once, reused, never removed): the benchmarks' generated province.
# PG_DURABLE=1 starts it with PostgreSQL's default durability (fsync, synchronous_commit, full_page_writes on);
# without it the tests' cluster trades durability for speed.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_TMP="${PG_TMP:-}" PG_DATA="${PG_DATA:-}" PG_STARTED="${PG_STARTED:-0}"
if [[ -z "${IS_ROOT:-}" ]]; then IS_ROOT=0; [[ "$(id -u)" == 0 ]] && IS_ROOT=1; fi
declare -F say >/dev/null || say() { printf '==> %s\n' "$*"; }

pg_as_owner() {
  # initdb refuses root: as root, the cluster belongs to the postgres user.
  if (( IS_ROOT )); then su postgres -s /bin/bash -c "cd / && $(printf '%q ' "$@")"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_postgres: a private PostgreSQL 15 cluster on 127.0.0.1; sets PG_CS.
start_postgres() {
  local port="${RENDA_TEST_PG_PORT:-55432}" last
  last=$((port + 100))
  while port_in_use "$port"; do
    port=$((port + 1))
    (( port <= last )) || { echo "no free port near ${RENDA_TEST_PG_PORT:-55432}" >&2; return 1; }
  done
  if [[ -n "${PG_KEEP_DIR:-}" ]]; then
    mkdir -p "$PG_KEEP_DIR" && PG_TMP="$(cd "$PG_KEEP_DIR" && pwd)" || return 1
  else
    PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/renda-pg.XXXXXX")" || return 1
  fi
  PG_DATA="$PG_TMP/data"
  chmod 755 "$PG_TMP" || return 1
  if (( IS_ROOT )); then chown postgres:postgres "$PG_TMP" || return 1; fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    say "PostgreSQL 15: initdb $PG_DATA"
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
      || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  fi
  local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [[ "${PG_DURABLE:-0}" == 1 ]] && speed="-c shared_buffers=1GB -c max_wal_size=4GB"
  say "PostgreSQL 15: starting on 127.0.0.1:$port"
  PG_STARTED=1
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/server.log" -w -t 300 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP $speed" \
      start >/dev/null || { cat "$PG_TMP/server.log" >&2; return 1; }
  PG_CS="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Timeout=30;Command Timeout=120"
}

# stop_postgres: stops the cluster start_postgres started and removes its directory.
stop_postgres() {
  if (( PG_STARTED )); then
    say "stopping PostgreSQL ($PG_DATA)"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || {
      local pid; pid="$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
      [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
    }
    PG_STARTED=0
  fi
  if [[ -n "$PG_TMP" && -d "$PG_TMP" && -z "${PG_KEEP_DIR:-}" ]]; then rm -rf "$PG_TMP"; fi
  PG_TMP=""
}
