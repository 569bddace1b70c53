#!/usr/bin/env bash
# hailong-sync-restore FILE.tar: restores a backup made by hailong-sync-backup, as root.
# Khôi phục dữ liệu máy chủ từ bản sao lưu. Stops the server, keeps what the database holds now beside it
# (H2: the file renamed *.before-restore-STAMP; PostgreSQL: a pg_dump in the backup directory), puts the
# backup's database and terminal-secrets key in place, and starts the server again. Terminals then re-send
# whatever they sent after the backup was taken: nothing they still hold is lost.
# Reads /etc/hailong/sync.env (HAILONG_SYNC_ENV to use another); HAILONG_NO_SYSTEMD=1 leaves starting and
# stopping the server to you.
set -euo pipefail
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then usage; exit 0; fi
if [[ $# -ne 1 ]]; then usage >&2; die "give one backup file: hailong-sync-restore /var/backups/hailong/hailong-sync-STAMP.tar"; fi
backup="$1"
[[ -f "$backup" ]] || die "no backup file $backup"
env_file="${HAILONG_SYNC_ENV:-/etc/hailong/sync.env}"
[[ -r "$env_file" ]] || die "cannot read $env_file: run as root on the server (sudo $0 FILE)"
# shellcheck disable=SC1090 # the server's own environment file
source "$env_file"
jar="${HAILONG_SYNC_JAR:-/opt/hailong/hailong-sync.jar}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$backup" || die "$backup is not a backup of hailong-sync-backup (tar failed)"
stamp="$(date +%Y%m%d-%H%M%S)"
url="${HAILONG_DB_URL:-}"
systemd() { [[ "${HAILONG_NO_SYSTEMD:-}" == 1 ]] || systemctl "$@"; }

if [[ "$url" == jdbc:postgresql:* ]]; then
  [[ -f "$work/database.dump" ]] || die "$backup holds no PostgreSQL dump (it is an H2 backup?)"
  uri="${url#jdbc:}"; uri="${uri%%\?*}"
  export PGPASSWORD="${HAILONG_DB_PASSWORD:-}"
  systemd stop hailong-sync.service
  keep="${HAILONG_BACKUP_DIR:-/var/backups/hailong}/before-restore-$stamp.dump"
  install -d -m 700 "$(dirname "$keep")"
  pg_dump --format=custom --no-owner --username="${HAILONG_DB_USER:-}" --file="$keep" "$uri" \
    || die "could not save the current database first; nothing restored"
  pg_restore --clean --if-exists --no-owner --single-transaction --username="${HAILONG_DB_USER:-}" \
    --dbname="$uri" "$work/database.dump" || die "pg_restore failed; the database is as it was (single transaction)"
  echo "the database as it was is kept in $keep"
else
  [[ -f "$work/database.zip" ]] || die "$backup holds no H2 database (it is a PostgreSQL backup?)"
  path="${url#jdbc:h2:file:}"; path="${path%%;*}"
  [[ -n "$path" && "$path" != "$url" ]] || die "HAILONG_DB_URL in $env_file is not an H2 file URL: '$url'"
  dir="$(dirname "$path")"; name="$(basename "$path")"
  systemd stop hailong-sync.service
  owner="$(stat -c %u:%g "$dir")"
  if [[ -f "$dir/$name.mv.db" ]]; then
    mv "$dir/$name.mv.db" "$dir/$name.mv.db.before-restore-$stamp"
    echo "the database as it was is kept in $dir/$name.mv.db.before-restore-$stamp"
  fi
  java -cp "$jar" org.h2.tools.Restore -file "$work/database.zip" -dir "$dir" -db "$name" \
    || die "H2 could not restore $backup; the previous file is $dir/$name.mv.db.before-restore-$stamp"
  chown "$owner" "$dir/$name.mv.db"
fi
key="${HAILONG_SECRET_KEY_FILE:-}"
if [[ -f "$work/terminal-secrets.key" && -n "$key" ]]; then
  if [[ -f "$key" ]] && ! cmp -s "$key" "$work/terminal-secrets.key"; then
    mv "$key" "$key.before-restore-$stamp"
  fi
  install -m 600 -o "$(stat -c %u "$(dirname "$key")")" "$work/terminal-secrets.key" "$key"
fi
systemd start hailong-sync.service
echo "restored $backup"
