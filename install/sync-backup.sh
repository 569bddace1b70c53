#!/usr/bin/env bash
# hailong-sync-backup [DIRECTORY]: backs up the Hài Lòng central server while it runs, as root.
# Sao lưu máy chủ trung tâm khi đang chạy. Writes DIRECTORY/hailong-sync-YYYYmmdd-HHMMSS.tar (mode 600; default
# directory /var/backups/hailong) holding the database (H2: the server's online BACKUP TO, through
# POST /api/v1/admin/backup; PostgreSQL: pg_dump) and the key of the terminal secrets, without which a restored
# database on another machine cannot authenticate its terminals. Restore with hailong-sync-restore FILE.
# Reads /etc/hailong/sync.env (HAILONG_SYNC_ENV to use another). A daily backup from cron:
#   echo '30 2 * * * root /usr/local/sbin/hailong-sync-backup' > /etc/cron.d/hailong-sync-backup
set -euo pipefail
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }
env_file="${HAILONG_SYNC_ENV:-/etc/hailong/sync.env}"
[[ -r "$env_file" ]] || die "cannot read $env_file: run as root on the server (sudo $0)"
# shellcheck disable=SC1090 # the server's own environment file
source "$env_file"
target="${1:-/var/backups/hailong}"
install -d -m 700 "$target"
stamp="$(date +%Y%m%d-%H%M%S)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
url="${HAILONG_DB_URL:-}"

if [[ "$url" == jdbc:postgresql:* ]]; then
  uri="${url#jdbc:}"; uri="${uri%%\?*}"
  PGPASSWORD="${HAILONG_DB_PASSWORD:-}" pg_dump --format=custom --no-owner --username="${HAILONG_DB_USER:-}" \
    --file="$work/database.dump" "$uri" || die "pg_dump of $uri failed (see above)"
else
  answer="$(curl -sS --fail-with-body -X POST -H "Authorization: Bearer ${HAILONG_ADMIN_TOKEN:-}" \
    "http://127.0.0.1:${HAILONG_PORT:-8080}/api/v1/admin/backup")" \
    || die "the server did not make the backup (is it running? systemctl status hailong-sync): $answer"
  file="$(sed -n 's/.*"file":"\([^"]*\)".*/\1/p' <<<"$answer")"
  [[ -f "$file" ]] || die "the server wrote $file, which is not here: $answer"
  mv "$file" "$work/database.zip"
fi
key="${HAILONG_SECRET_KEY_FILE:-}"
if [[ -n "$key" && -f "$key" ]]; then
  cp "$key" "$work/terminal-secrets.key"
elif [[ -z "${HAILONG_SECRET_KEY:-}" ]]; then
  echo "warning: no terminal-secrets key file at '${key}': terminals may need provisioning again after a restore" >&2
fi
out="$target/hailong-sync-$stamp.tar"
(umask 077 && tar -C "$work" -cf "$out.part" .)
mv "$out.part" "$out"
echo "$out"
