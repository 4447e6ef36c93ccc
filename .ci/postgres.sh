# Starts a throwaway PostgreSQL cluster from Debian's packages on 127.0.0.1 and exports NIANBAO_TEST_PG_URL.
# Sourced by .ci/run; developers can source it too (`source .ci/postgres.sh && start_postgres`).
start_postgres() {
  local bin port
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; return 1; }
  PGTEST_DIR=$(mktemp -d /tmp/nianbao-pg.XXXXXX)
  PGTEST_BIN=$bin
  chown postgres:postgres "$PGTEST_DIR"
  su postgres -s /bin/sh -c "cd / && $bin/initdb -D $PGTEST_DIR/data -A trust -U postgres >/dev/null" || return 1
  # The first free port from 55432 on: another cluster may already be listening there.
  for port in $(seq 55432 55452); do
    if su postgres -s /bin/sh -c "cd / && $bin/pg_ctl -D $PGTEST_DIR/data -o '-k $PGTEST_DIR -p $port -c listen_addresses=127.0.0.1' -l $PGTEST_DIR/log -w start >/dev/null 2>&1"; then
      su postgres -s /bin/sh -c "cd / && $bin/createdb -h 127.0.0.1 -p $port nianbao_test" || return 1
      export NIANBAO_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/nianbao_test"
      return 0
    fi
  done
  echo "PostgreSQL did not start:" >&2
  cat "$PGTEST_DIR/log" >&2
  return 1
}

stop_postgres() {
  [ -n "${PGTEST_DIR:-}" ] || return 0
  su postgres -s /bin/sh -c "cd / && $PGTEST_BIN/pg_ctl -D $PGTEST_DIR/data -m fast stop >/dev/null" || true
  rm -rf "$PGTEST_DIR"
}
