#!/usr/bin/env bash
# Installs the Hài Lòng central server on Debian 12 as a systemd service, as root:
#   sudo install/server-install.sh [--port 8080] [--host ADDRESS]                  H2 (embedded) in /var/lib/hailong/sync
#   sudo install/server-install.sh --db-url jdbc:postgresql://127.0.0.1:5432/hailong [--db-user hailong] [--db-password P]
#   sudo install/server-install.sh --uninstall [--purge]     remove; --purge also deletes config, data and logs
# Run again to upgrade in place: the jar is replaced, configuration, admin token and data are kept.
# With a PostgreSQL URL on this host (127.0.0.1 or localhost) the role and database are created when missing
# (as the postgres superuser; a password is generated unless given). The admin token is generated at the first
# install and shown once; it is kept in /etc/hailong/sync.env (root only). Logs: /var/log/hailong/sync.log,
# rotated daily by logrotate. Backups: hailong-sync-backup; restore: hailong-sync-restore (see README).
# The jar comes from the build (mvn -B package -DskipTests) or HAILONG_SYNC_JAR.
# DESTDIR=/some/dir installs into a staging root (see install/lib/common.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

port=8080 host="" db_url="" db_user="hailong" db_password="" mode=install purge=""
while (($#)); do
  case "$1" in
    --port) port="${2:-}"; shift 2 ;;
    --host) host="${2:-}"; shift 2 ;;
    --db-url) db_url="${2:-}"; shift 2 ;;
    --db-user) db_user="${2:-}"; shift 2 ;;
    --db-password) db_password="${2:-}"; shift 2 ;;
    --uninstall) mode=uninstall; shift ;;
    --purge) purge=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
[[ "$port" =~ ^[0-9]+$ && "$port" -ge 1 && "$port" -le 65535 ]] || die "--port wants a TCP port (1-65535); got '$port'"
[[ -z "$db_url" || "$db_url" =~ ^jdbc:postgresql://[^/?[:space:]]+/[a-z_][a-z0-9_]*(\?.*)?$ ]] \
  || die "--db-url wants jdbc:postgresql://HOST:PORT/DATABASE (H2 needs no URL); got '$db_url'"
[[ "$db_user" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "--db-user wants a PostgreSQL role name (a-z 0-9 _); got '$db_user'"
[[ -n "$purge" && "$mode" != uninstall ]] && die "--purge goes with --uninstall"
require_root

UNIT=/etc/systemd/system/hailong-sync.service
ENV_FILE=/etc/hailong/sync.env

if [[ "$mode" == uninstall ]]; then
  if [[ -e "$ROOT$UNIT" ]]; then
    staged || systemctl stop hailong-sync.service 2>/dev/null || true
    service disable hailong-sync.service
  fi
  rm -f "$ROOT$UNIT" "$ROOT/opt/hailong/hailong-sync.jar" "$ROOT/etc/logrotate.d/hailong-sync" \
    "$ROOT/usr/local/sbin/hailong-sync-backup" "$ROOT/usr/local/sbin/hailong-sync-restore"
  rmdir "$ROOT/opt/hailong" 2>/dev/null || true
  staged || systemctl daemon-reload
  if [[ -n "$purge" ]]; then
    rm -rf "$ROOT/etc/hailong/sync.yml" "$ROOT$ENV_FILE" "$ROOT/var/lib/hailong/sync" "$ROOT/var/log/hailong"
    rmdir "$ROOT/etc/hailong" "$ROOT/var/lib/hailong" 2>/dev/null || true
    say "Hài Lòng server removed, with its configuration, data and logs (a PostgreSQL database is left as it is)."
  else
    say "Hài Lòng server removed. Kept: /etc/hailong/sync.yml, sync.env, the data in /var/lib/hailong/sync and"
    say "the logs (--uninstall --purge deletes them)."
  fi
  exit 0
fi

jar="${HAILONG_SYNC_JAR:-$here/../sync/target/hailong-sync.jar}"
[[ -f "$jar" ]] || die "$jar is missing: build first with  mvn -B package -DskipTests  (or set HAILONG_SYNC_JAR)"

apt_install openjdk-17-jre-headless logrotate curl
[[ -n "$db_url" ]] && apt_install postgresql-client
ensure_user hailong-sync /var/lib/hailong/sync
owner="$(owner_of hailong-sync)"
adm_gid="$(awk -F: '$1 == "adm" { print $3 }' "$ROOT/etc/group")"
[[ -n "$adm_gid" ]] || die "group adm does not exist (is this Debian?)"
upgrade=""
[[ -e "$ROOT$ENV_FILE" ]] && upgrade=1
if [[ -n "$upgrade" ]] && ! staged; then
  systemctl stop hailong-sync.service 2>/dev/null || true
fi

# PostgreSQL on this host: the role and database, when missing
if [[ -n "$db_url" && -z "$upgrade" ]]; then
  pg_host="$(sed -E 's|^jdbc:postgresql://([^:/]+).*|\1|' <<<"$db_url")"
  pg_port="$(sed -nE 's|^jdbc:postgresql://[^:/]+:([0-9]+)/.*|\1|p' <<<"$db_url")"
  pg_db="$(sed -E 's|^jdbc:postgresql://[^/]+/([^?]+).*|\1|' <<<"$db_url")"
  [[ -n "$db_password" ]] || db_password="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  if [[ "$pg_host" == 127.0.0.1 || "$pg_host" == localhost || "$pg_host" == "[::1]" ]]; then
    pg_super() {
      if ! staged && id postgres >/dev/null 2>&1 && [[ -z "${HAILONG_PG_SUPERUSER:-}" ]]; then
        runuser -u postgres -- psql -p "${pg_port:-5432}" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
      else
        psql -h "$pg_host" -p "${pg_port:-5432}" -U "${HAILONG_PG_SUPERUSER:-postgres}" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
      fi
    }
    command -v psql >/dev/null || die "psql is missing: apt-get install postgresql-client"
    pg_super -c 'select 1' >/dev/null || die "cannot reach PostgreSQL on $pg_host:${pg_port:-5432} as its superuser"
    if [[ "$(pg_super -c "select 1 from pg_roles where rolname = '$db_user'")" != 1 ]]; then
      pg_super -c "CREATE ROLE $db_user LOGIN PASSWORD '$db_password'" >/dev/null
      say "Created PostgreSQL role $db_user"
    else
      pg_super -c "ALTER ROLE $db_user PASSWORD '$db_password'" >/dev/null
      say "PostgreSQL role $db_user exists: its password is set to the one in $ENV_FILE"
    fi
    if [[ "$(pg_super -c "select 1 from pg_database where datname = '$pg_db'")" != 1 ]]; then
      pg_super -c "CREATE DATABASE $pg_db OWNER $db_user ENCODING 'UTF8' TEMPLATE template0" >/dev/null
      say "Created PostgreSQL database $pg_db"
    fi
  else
    say "PostgreSQL on $pg_host: the database $pg_db and role $db_user must exist (tables are created at start)."
  fi
fi

put 0644 0:0 "$jar" /opt/hailong/hailong-sync.jar
put 0755 0:0 "$here/sync-backup.sh" /usr/local/sbin/hailong-sync-backup
put 0755 0:0 "$here/sync-restore.sh" /usr/local/sbin/hailong-sync-restore
put 0644 0:0 "$here/files/hailong-sync.logrotate" /etc/logrotate.d/hailong-sync
directory 0755 0:0 /etc/hailong
directory 0750 "$owner" /var/lib/hailong
directory 0700 "$owner" /var/lib/hailong/sync
directory 0700 "$owner" /var/lib/hailong/sync/backups
directory 2750 "${owner%%:*}:$adm_gid" /var/log/hailong
if [[ ! -e "$ROOT/var/log/hailong/sync.log" ]]; then
  install -m 0640 /dev/null "$ROOT/var/log/hailong/sync.log"
  chown "${owner%%:*}:$adm_gid" "$ROOT/var/log/hailong/sync.log"
fi
if [[ ! -e "$ROOT/etc/hailong/sync.yml" ]]; then
  put 0640 "0:${owner##*:}" "$here/sync.yml" /etc/hailong/sync.yml
fi

token=""
if [[ -z "$upgrade" ]]; then
  token="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  env_new="$(mktemp)"
  {
    echo "# Hài Lòng central server: its secrets and database. Root only (mode 600): systemd reads it, and so do"
    echo "# hailong-sync-backup and hailong-sync-restore (values in double quotes, for both)."
    echo "# The operator token with role ADMIN (mã quản trị). Change it here, then: systemctl restart hailong-sync"
    echo "HAILONG_ADMIN_TOKEN=\"$token\""
    echo "HAILONG_PORT=\"$port\""
    echo "HAILONG_HOST=\"$host\""
    if [[ -n "$db_url" ]]; then
      echo "HAILONG_DB_URL=\"$db_url\""
      echo "HAILONG_DB_USER=\"$db_user\""
      echo "HAILONG_DB_PASSWORD=\"$db_password\""
    else
      echo "HAILONG_DB_URL=\"jdbc:h2:file:/var/lib/hailong/sync/hailong-sync;WRITE_DELAY=0\""
    fi
    echo "# The key that encrypts terminal secrets in the database; keep it with the backups (they include it)."
    echo "HAILONG_SECRET_KEY_FILE=\"/var/lib/hailong/sync/terminal-secrets.key\""
    echo "HAILONG_BACKUP_DIR=\"/var/lib/hailong/sync/backups\""
  } >"$env_new"
  put 0600 0:0 "$env_new" "$ENV_FILE"
  rm -f "$env_new"
fi
put 0644 0:0 "$here/files/hailong-sync.service" "$UNIT"
service enable hailong-sync.service

if ! staged; then
  systemctl daemon-reload
  systemctl restart hailong-sync.service
  for _ in $(seq 1 60); do
    # shellcheck disable=SC1090 # the file just written
    curl -fsS "http://127.0.0.1:$(source "$ENV_FILE" && echo "$HAILONG_PORT")/health" >/dev/null 2>&1 && break
    sleep 1
  done
  systemctl is-active --quiet hailong-sync.service \
    || die "the server did not start: journalctl -u hailong-sync; tail /var/log/hailong/sync.log"
fi
if [[ -n "$token" ]]; then
  say "Hài Lòng server installed${ROOT:+ into the staging root $ROOT}."
  say "Admin token (shown once; kept in $ENV_FILE, readable by root only):"
  say "  $token"
else
  say "Hài Lòng server upgraded${ROOT:+ in the staging root $ROOT}; configuration, admin token and data kept."
fi
