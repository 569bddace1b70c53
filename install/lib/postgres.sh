# shellcheck shell=bash
# Shared by install/test.sh and install/bench.sh: installs missing Debian packages (as root or through sudo,
# saying so) and makes sure a PostgreSQL server answers on 127.0.0.1:5432, starting a local cluster if none does.
# After sourcing: pg (psql as $PG_USER on database postgres), PG_USER, PGPASSWORD, require_tools TOOL...
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
apt_updated=""
install_packages() {
  echo "Installing what the tests need: $* (apt-get)"
  if [[ -z "$apt_updated" ]]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# require_tools TOOL...: installs the Debian package of each missing tool, and fails clearly if it cannot.
require_tools() {
  local missing=() p
  for p in "$@"; do
    command -v "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ((${#missing[@]})); then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sed -e 's/^psql$/postgresql-client/' -e 's/^pg_dump$/postgresql-client/' -e 's/^systemd-analyze$/systemd/' -e 's/^chromedriver$/chromium-driver/')
    install_packages "${missing[@]}"
  fi
  for p in "$@"; do
    command -v "$p" >/dev/null 2>&1 || { echo "$p is required and could not be installed" >&2; exit 1; }
  done
}
require_tools psql

# PostgreSQL for the server's PostgreSQL run: the one on 127.0.0.1:5432 (trust auth), or a local cluster.
PG_USER="${HAILONG_TEST_PG_USER:-postgres}"
export PGPASSWORD="${HAILONG_TEST_PG_PASSWORD:-}"
pg() { psql -h 127.0.0.1 -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if ! pg -c 'select 1' >/dev/null 2>&1; then
  echo "No PostgreSQL answers on 127.0.0.1:5432: starting one for the PostgreSQL tests"
  command -v pg_ctlcluster >/dev/null 2>&1 || install_packages postgresql
  version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
  if ! pg -c 'select 1' >/dev/null 2>&1; then
    # a fresh cluster wants a password over TCP: give the postgres role one for the tests
    export PGPASSWORD=hailong-test
    $SUDO -u postgres psql -qc "ALTER USER postgres PASSWORD 'hailong-test'" 2>/dev/null \
      || su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'hailong-test'\""
  fi
  pg -c 'select 1' >/dev/null || { echo "PostgreSQL could not be reached on 127.0.0.1:5432" >&2; exit 1; }
fi
