#!/usr/bin/env bash
# Starts a private MariaDB server on 127.0.0.1 for the MySQL half of the repository tests,
# unless one already answers there. Its data lives in a temporary folder; the server runs
# until the machine stops (or `tests/start-mariadb.sh --stop`).
#   port 3307, user gbtest / password gbtest, may create and drop databases named gbtest_*
# Prints the GB_TEST_MYSQL value the tests read.
set -euo pipefail

port=${GB_TEST_MYSQL_PORT:-3307}
base=${GB_TEST_MYSQL_DIR:-/tmp/gembalance-mariadb}
socket="$base/mysqld.sock"

if [[ "${1:-}" == "--stop" ]]; then
  [[ -f "$base/mysqld.pid" ]] && kill "$(cat "$base/mysqld.pid")" 2>/dev/null || true
  exit 0
fi

answers() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P "$port" -u gbtest -pgbtest ping >/dev/null 2>&1; }

if ! answers; then
  command -v mariadbd >/dev/null || command -v /usr/sbin/mariadbd >/dev/null || {
    echo "start-mariadb: mariadb-server is not installed (packaging/install-deps.sh --test installs it)" >&2; exit 1; }
  user=$(id -un)
  if [[ ! -d "$base/data/mysql" ]]; then
    mkdir -p "$base/data"
    mariadb-install-db --no-defaults --user="$user" --datadir="$base/data" --auth-root-authentication-method=normal \
      --skip-test-db >"$base/install.log" 2>&1
  fi
  /usr/sbin/mariadbd --no-defaults --user="$user" --datadir="$base/data" --bind-address=127.0.0.1 --port="$port" \
    --socket="$socket" --pid-file="$base/mysqld.pid" --skip-name-resolve --innodb-buffer-pool-size=64M \
    --innodb-flush-log-at-trx-commit=2 --log-error="$base/error.log" >/dev/null 2>&1 &
  disown
  for _ in $(seq 1 300); do
    mariadb-admin --no-defaults -S "$socket" -u root ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb --no-defaults -S "$socket" -u root <<'SQL'
CREATE USER IF NOT EXISTS 'gbtest'@'127.0.0.1' IDENTIFIED BY 'gbtest';
CREATE USER IF NOT EXISTS 'gbtest'@'localhost' IDENTIFIED BY 'gbtest';
GRANT ALL PRIVILEGES ON `gbtest\_%`.* TO 'gbtest'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `gbtest\_%`.* TO 'gbtest'@'localhost';
FLUSH PRIVILEGES;
SQL
  answers || { echo "start-mariadb: the server did not come up; see $base/error.log" >&2; exit 1; }
fi
echo "host=127.0.0.1;port=$port;user=gbtest;password=gbtest"
