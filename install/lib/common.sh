# shellcheck shell=bash
# Shared by install/kiosk-install.sh and install/server-install.sh (sourced, not run).
#
# DESTDIR: install into a staging root instead of / (the tests do; a packager may). There nothing outside it is
# touched: no apt-get, no systemctl start, no udevadm; the system user is added to DESTDIR/etc/passwd (which must
# exist) and files get that user's numeric owner.
ROOT="${DESTDIR:-}"
ROOT="${ROOT%/}"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

staged() { [[ -n "$ROOT" ]]; }

require_root() {
  staged && return 0
  [[ $(id -u) -eq 0 ]] || die "run this as root (sudo $0): it adds a system user and services"
}

# apt_install PACKAGE...: on the real system only.
apt_install() {
  if staged; then
    say "(staging root: not installing the Debian packages $*)"
    return 0
  fi
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  say "Installing ${missing[*]} (apt-get)..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
    || die "apt-get could not install ${missing[*]}: check the network or the apt sources, then run again"
}

# ensure_user NAME HOME [GROUP...]: a system user with its own group, no login shell; extra groups added.
ensure_user() {
  local name="$1" home="$2"; shift 2
  local root_args=()
  staged && root_args=(--root "$ROOT")
  if ! grep -q "^$name:" "$ROOT/etc/passwd"; then
    useradd "${root_args[@]}" --system --user-group --home-dir "$home" --no-create-home \
      --shell /usr/sbin/nologin "$name" 2>/dev/null || die "could not add the system user $name"
    say "Added system user $name"
  fi
  local group
  for group in "$@"; do
    grep -q "^$group:" "$ROOT/etc/group" || die "group $group does not exist (is this Debian?)"
    usermod "${root_args[@]}" -a -G "$group" "$name" 2>/dev/null || die "could not add $name to group $group"
  done
}

# owner_of NAME: uid:gid of NAME in the (staging) root's passwd, numeric so it works in a staging root.
owner_of() {
  awk -F: -v u="$1" '$1 == u { print $3 ":" $4; found = 1 } END { exit !found }' "$ROOT/etc/passwd" \
    || die "no user $1 in $ROOT/etc/passwd"
}

# put MODE OWNER SOURCE TARGET: installs SOURCE at $ROOT/TARGET with MODE and OWNER (uid:gid), creating parents.
put() {
  local mode="$1" owner="$2" source="$3" target="$ROOT$4"
  install -D -m "$mode" "$source" "$target"
  chown "$owner" "$target"
}

# directory MODE OWNER PATH
directory() {
  install -d -m "$1" "$ROOT$3"
  chown "$2" "$ROOT$3"
}

# service ACTION UNIT...: systemctl on the real system; in a staging root only 'enable' (its symlinks) applies.
service() {
  local action="$1"; shift
  if staged; then
    if [[ "$action" == enable || "$action" == disable ]]; then
      systemctl --root="$ROOT" "$action" "$@" >/dev/null 2>&1 || die "systemctl --root $action $* failed"
    fi
    return 0
  fi
  systemctl "$action" "$@"
}
