# Starts a throwaway PostgreSQL cluster from Debian's packages on 127.0.0.1 and exports NIANBAO_TEST_PG_URL.
# Sourced by .ci/run; developers can source it too.
start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; return 1; }
  PGTEST_DIR=$(mktemp -d /tmp/nianbao-pg.XXXXXX)
  chown postgres:postgres "$PGTEST_DIR"
  local port=55432
  su postgres -s /bin/sh -c "$bin/initdb -D $PGTEST_DIR/data -A trust -U postgres >/dev/null"
  su postgres -s /bin/sh -c "$bin/pg_ctl -D $PGTEST_DIR/data -o '-k $PGTEST_DIR -p $port -c listen_addresses=127.0.0.1' -l $PGTEST_DIR/log -w start >/dev/null"
  su postgres -s /bin/sh -c "$bin/createdb -h 127.0.0.1 -p $port nianbao_test"
  export NIANBAO_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/nianbao_test"
  PGTEST_BIN=$bin
}
stop_postgres() {
  [ -n "${PGTEST_DIR:-}" ] || return 0
  su postgres -s /bin/sh -c "$PGTEST_BIN/pg_ctl -D $PGTEST_DIR/data -m fast stop >/dev/null" || true
  rm -rf "$PGTEST_DIR"
}
