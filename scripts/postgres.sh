# A private PostgreSQL server for the tests and the benchmark: installed from Debian's packages when
# missing, initialised and started on a port of its own as the postgres user (it refuses to run as root).
# Source this file, then: start_postgres PORT DATA_DIR DATABASE…   /   stop_postgres DATA_DIR
# Every database is owned by role keygate (password keygate).

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true
}

start_postgres() {
  local port=$1 data=$2
  shift 2
  if [ -z "$(postgres_bin)" ]; then
    echo "==> Installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql
  fi
  local bin
  bin=$(postgres_bin)
  stop_postgres "$data"
  rm -rf "$data"
  install -d -o postgres -g postgres "$data"
  runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300" \
    -l "$data/server.log" -w start
  local sql=(-c "CREATE ROLE keygate LOGIN PASSWORD 'keygate'")
  for db in "$@"; do
    sql+=(-c "CREATE DATABASE $db OWNER keygate")
  done
  runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q "${sql[@]}"
}

stop_postgres() {
  local data=$1 bin
  bin=$(postgres_bin)
  if [ -n "$bin" ] && [ -f "$data/postmaster.pid" ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast stop || true
  fi
}
