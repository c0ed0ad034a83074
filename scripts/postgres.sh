#!/usr/bin/env bash
# Local PostgreSQL for MoviePipeline: one data directory, one port, durable (fsync on).
#
#   scripts/postgres.sh start DATA_DIR PORT [MAX_CONNECTIONS]
#                                             initialise DATA_DIR if empty, start the server on
#                                             127.0.0.1:PORT (max_connections MAX_CONNECTIONS, default
#                                             100), create database moviepipeline; prints the
#                                             connection string on stdout
#   scripts/postgres.sh stop DATA_DIR         stop it (fast shutdown: sessions end, data is kept)
#   scripts/postgres.sh status DATA_DIR       exit 0 if running
#
# Idempotent: starting a running server only prints its connection string. Messages go to stderr,
# so  CS=$(scripts/postgres.sh start .data/pg 5432)  captures just the connection string.
# Sourcing the file defines postgres_start/postgres_stop/postgres_status without running anything.
# As root the server runs as OS user postgres (PostgreSQL refuses root) and DATA_DIR is chowned to it.
# The server listens on 127.0.0.1 only and trusts local connections: a developer setup, not a
# shared one. The socket and postgres.log live in DATA_DIR.

PG_DATABASE=moviepipeline
PG_SUPERUSER=postgres

pg__say() { echo "postgres.sh: $*" >&2; }
pg__fail() { pg__say "error: $*"; return 1; }

# Newest /usr/lib/postgresql/N/bin holding the server tools.
pg__bin_dir() {
  local dir best="" best_major=0 major
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]] || continue
    major=$(basename "$(dirname "$dir")")
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major > best_major )); then best="$dir"; best_major=$major; fi
  done
  if [[ -z "$best" ]]; then
    pg__fail "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; run scripts/install-deps.sh"
    return 1
  fi
  if (( best_major < 15 )); then
    pg__fail "PostgreSQL $best_major found; the schema needs 15 or newer"
    return 1
  fi
  echo "$best"
}

# Runs a command as the server's OS user: postgres when we are root, else ourselves.
pg__as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$PG_SUPERUSER" -- "$@"
  else
    "$@"
  fi
}

pg__abs() { realpath -m -- "$1"; }

pg__connection_string() { echo "Host=127.0.0.1;Port=$1;Database=$PG_DATABASE;Username=$PG_SUPERUSER"; }

# Port of the running server, from postmaster.pid (line 4).
pg__running_port() { sed -n 4p "$1/postmaster.pid" 2>/dev/null; }

pg__is_running() {
  local bin data=$1
  bin=$(pg__bin_dir) || return 2
  [[ -f "$data/postmaster.pid" ]] && pg__as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

postgres_status() {
  local data
  [[ $# -eq 1 ]] || { pg__fail "usage: postgres.sh status DATA_DIR"; return 2; }
  data=$(pg__abs "$1")
  if pg__is_running "$data"; then
    pg__say "running on port $(pg__running_port "$data") (data: $data)"
    return 0
  fi
  pg__say "not running (data: $data)"
  return 3
}

postgres_start() {
  local data port bin socket_path log
  [[ $# -eq 2 || $# -eq 3 ]] || { pg__fail "usage: postgres.sh start DATA_DIR PORT [MAX_CONNECTIONS]"; return 2; }
  local max_connections=${3:-100}
  [[ "$max_connections" =~ ^[1-9][0-9]{1,4}$ ]] || { pg__fail "MAX_CONNECTIONS must be a number from 10 to 99999"; return 2; }
  data=$(pg__abs "$1")
  port=$2
  if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
    pg__fail "PORT must be a number from 1 to 65535, got '$port'"
    return 2
  fi
  bin=$(pg__bin_dir) || return 1
  log="$data/postgres.log"

  # The socket lives in DATA_DIR; Unix socket paths are limited to 107 bytes.
  socket_path="$data/.s.PGSQL.$port"
  if (( ${#socket_path} > 107 )); then
    pg__fail "DATA_DIR path is too long for the server's socket ($socket_path); use a shorter path"
    return 1
  fi

  if [[ $EUID -eq 0 ]] && ! id -u "$PG_SUPERUSER" >/dev/null 2>&1; then
    pg__fail "OS user '$PG_SUPERUSER' does not exist; run scripts/install-deps.sh"
    return 1
  fi

  mkdir -p "$data" || return 1
  if [[ $EUID -eq 0 ]]; then
    if [[ "$(stat -c %U "$data")" != "$PG_SUPERUSER" ]]; then
      chown -R "$PG_SUPERUSER:$PG_SUPERUSER" "$data" || return 1
    fi
    if ! runuser -u "$PG_SUPERUSER" -- test -w "$data"; then
      pg__fail "user $PG_SUPERUSER cannot reach $data (a parent folder is not searchable by it); pick a DATA_DIR under e.g. /var/tmp or make the parents world-searchable (chmod o+x)"
      return 1
    fi
  fi
  chmod 700 "$data"

  if [[ ! -f "$data/PG_VERSION" ]]; then
    if [[ -n "$(ls -A "$data")" ]]; then
      pg__fail "$data is neither empty nor a PostgreSQL data directory; refusing to touch it"
      return 1
    fi
    pg__say "initialising a new data directory in $data"
    # Durable on purpose: no --no-sync, fsync stays on.
    local initdb_output
    if ! initdb_output=$(pg__as_owner "$bin/initdb" -D "$data" -U "$PG_SUPERUSER" -A trust -E UTF8 --locale=C --no-instructions 2>&1); then
      echo "$initdb_output" >&2
      pg__fail "initdb failed"
      return 1
    fi
    printf "\n# MoviePipeline: settings written by scripts/postgres.sh on every start.\ninclude_if_exists = 'moviepipeline.conf'\n" \
      | pg__as_owner tee -a "$data/postgresql.conf" >/dev/null
  fi

  if pg__is_running "$data"; then
    local running_port
    running_port=$(pg__running_port "$data")
    if [[ "$running_port" != "$port" ]]; then
      pg__fail "the server of $data is already running on port $running_port, not $port; stop it first"
      return 1
    fi
    # A process that holds the lock file but does not answer (still recovering, or just killed
    # and not yet reaped) is not a usable server.
    if ! pg__as_owner "$bin/pg_isready" -q -h "$data" -p "$port" -t 30; then
      pg__fail "a server process holds $data but does not accept connections; see $log, or retry in a moment"
      return 1
    fi
    pg__say "already running on 127.0.0.1:$port"
    local running_max
    running_max=$(pg__as_owner "$bin/psql" -h "$data" -p "$port" -U "$PG_SUPERUSER" -d postgres -X -tA -c "SHOW max_connections" 2>/dev/null || true)
    if [[ -n "$running_max" ]] && (( running_max < max_connections )); then
      pg__say "warning: it allows $running_max connections, fewer than the $max_connections asked for; stop it and start again to apply"
    fi
  else
    # Rewritten on every start, so a new PORT or a moved DATA_DIR takes effect.
    printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nmax_connections = %s\n" \
      "$port" "${data//\'/\'\'}" "$max_connections" \
      | pg__as_owner tee "$data/moviepipeline.conf" >/dev/null
    pg__say "starting PostgreSQL on 127.0.0.1:$port (log: $log)"
    if ! pg__as_owner "$bin/pg_ctl" start -w -t 60 -D "$data" -l "$log" >/dev/null; then
      tail -n 20 "$log" >&2 2>/dev/null
      pg__fail "PostgreSQL did not start; see $log"
      return 1
    fi
  fi

  local psql=(pg__as_owner "$bin/psql" -h "$data" -p "$port" -U "$PG_SUPERUSER" -d postgres -X -q -v ON_ERROR_STOP=1 -tA)
  if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != "1" ]]; then
    pg__say "creating database $PG_DATABASE"
    # Another caller may create it at the same moment: only a still-missing database is an error.
    if ! "${psql[@]}" -c "CREATE DATABASE $PG_DATABASE" 2>/dev/null \
      && [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != "1" ]]; then
      pg__fail "could not create database $PG_DATABASE; see $log"
      return 1
    fi
  fi

  pg__connection_string "$port"
}

postgres_stop() {
  local data bin
  [[ $# -eq 1 ]] || { pg__fail "usage: postgres.sh stop DATA_DIR"; return 2; }
  data=$(pg__abs "$1")
  bin=$(pg__bin_dir) || return 1
  if ! pg__is_running "$data"; then
    pg__say "not running (data: $data)"
    return 0
  fi
  pg__say "stopping PostgreSQL (data: $data)"
  pg__as_owner "$bin/pg_ctl" stop -w -t 60 -m fast -D "$data" >/dev/null
}

pg__main() {
  local command=${1:-}
  shift || true
  case "$command" in
    start) postgres_start "$@" ;;
    stop) postgres_stop "$@" ;;
    status) postgres_status "$@" ;;
    *)
      echo "usage: postgres.sh start DATA_DIR PORT [MAX_CONNECTIONS] | stop DATA_DIR | status DATA_DIR" >&2
      return 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  pg__main "$@"
  exit $?
fi
