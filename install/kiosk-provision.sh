#!/usr/bin/env bash
# Provisions an installed Hài Lòng kiosk (after install/kiosk-install.sh), as root:
#   sudo kiosk-provision.sh --server URL --terminal ID --secret SECRET|-
#   sudo kiosk-provision.sh --server URL --terminal ID --operator-token TOKEN|- --agency CODE --counter N
# The first form takes the secret the operator gave you ('-': read it from standard input, so it stays out of
# the process list and the shell history); the second asks the server for one with an ADMIN operator token
# (POST /api/v1/admin/terminals; for a terminal already provisioned this rotates its secret).
# Options: --panel PATH (default /dev/hailong-panel), --panel-protocol nmea|digits, --no-panel (touch only),
#          --panel-seconds N (how long the panel is listened to, default 10).
# Then it checks, before it reports success: the server accepts this terminal's signed heartbeat (kiosk jar
# 'check'), and the panel answers (hailong-hardware.jar monitor for 10 s; press a button meanwhile to see it).
# Only when both pass is /etc/hailong/kiosk.yml changed and the kiosk (re)started; otherwise nothing changes.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"   # beside it in install/, and in /opt/hailong/lib once installed

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

server="" terminal="" secret="" token="" agency="" counter=""
panel="/dev/hailong-panel" protocol="nmea" panel_seconds=10 no_panel=""
while (($#)); do
  case "$1" in
    --server) server="${2:-}"; shift 2 ;;
    --terminal) terminal="${2:-}"; shift 2 ;;
    --secret) secret="${2:-}"; shift 2 ;;
    --operator-token) token="${2:-}"; shift 2 ;;
    --agency) agency="${2:-}"; shift 2 ;;
    --counter) counter="${2:-}"; shift 2 ;;
    --panel) panel="${2:-}"; shift 2 ;;
    --panel-protocol) protocol="${2:-}"; shift 2 ;;
    --panel-seconds) panel_seconds="${2:-}"; shift 2 ;;
    --no-panel) no_panel=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
[[ "$server" =~ ^https?://[^[:space:]/]+(/[^[:space:]]*)?$ ]] \
  || die "--server wants the central server's address, e.g. http://10.0.0.5:8080; got '$server'"
case "$server" in *"|"* | *"&"* | *"'"* | *\\*) die "--server holds a character a URL of the server cannot: $server" ;; esac
server="${server%/}"
[[ "$terminal" =~ ^[A-Za-z0-9._-]{1,64}$ ]] \
  || die "--terminal wants the terminal id: 1-64 of A-Z a-z 0-9 . _ - (e.g. T-0042); got '$terminal'"
[[ -n "$secret" && -n "$token" ]] && die "give either --secret or --operator-token, not both"
[[ -z "$secret" && -z "$token" ]] && die "give --secret (from the operator) or --operator-token with --agency and --counter"
[[ "$protocol" == nmea || "$protocol" == digits ]] || die "--panel-protocol is nmea or digits; got '$protocol'"
[[ "$panel" =~ ^/[A-Za-z0-9._/-]+$ ]] || die "--panel wants the panel's device path, e.g. /dev/hailong-panel; got '$panel'"
[[ "$panel_seconds" =~ ^[0-9]+$ && "$panel_seconds" -gt 0 ]] || die "--panel-seconds wants a number of seconds"
require_root

read_secret_line() {  # PROMPT: one line from standard input, not echoed on a terminal
  local value
  if [[ -t 0 ]]; then read -r -s -p "$1: " value; echo >&2; else read -r value || true; fi
  printf '%s' "$value"
}
[[ "$secret" == - ]] && secret="$(read_secret_line "Khóa bí mật của máy / terminal secret")"
[[ "$token" == - ]] && token="$(read_secret_line "Mã quản trị / operator token")"

config="$ROOT/etc/hailong/kiosk.yml"
kiosk_jar="$ROOT/opt/hailong/hailong-kiosk.jar"
hardware_jar="$ROOT/opt/hailong/hailong-hardware.jar"
[[ -f "$config" && -f "$kiosk_jar" ]] || die "the kiosk is not installed here: run install/kiosk-install.sh first"
command -v curl >/dev/null || [[ -z "$token" ]] || die "curl is needed to fetch the secret: apt-get install curl"

if [[ -n "$token" ]]; then
  [[ "$agency" =~ ^[A-Za-z0-9._-]{1,64}$ ]] || die "--agency wants the agency code of this counter, e.g. 000.00.15.H12; got '$agency'"
  [[ "$counter" =~ ^[A-Za-z0-9._-]{1,32}$ ]] || die "--counter wants the counter number or code, e.g. 3; got '$counter'"
  say "Asking $server for terminal $terminal's secret..."
  answer="$(mktemp)"
  trap 'rm -f "$answer"' EXIT
  status="$(curl -sS -o "$answer" -w '%{http_code}' -X POST "$server/api/v1/admin/terminals" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "{\"terminalId\":\"$terminal\",\"agencyCode\":\"$agency\",\"counter\":\"$counter\"}" 2>&1)" \
    || die "cannot reach $server: $status"
  if [[ "$status" != 201 ]]; then
    detail="$(sed -n 's/.*"detail":"\([^"]*\)".*/\1/p' "$answer")"
    die "the server answered HTTP $status: ${detail:-$(head -c 300 "$answer")}"
  fi
  secret="$(sed -n 's/.*"secret":"\([^"]*\)".*/\1/p' "$answer")"
  [[ -n "$secret" ]] || die "the server's answer holds no secret: $(head -c 300 "$answer")"
fi
[[ "$secret" =~ ^[A-Za-z0-9_=+/-]{8,200}$ ]] || die "that secret does not look like one the server gives (base64 text); paste it again"

# The candidate configuration: the installed one with this terminal's values; it replaces it only if the checks pass.
owner="$(stat -c %u:%g "$config")"
candidate="$(mktemp --suffix=.yml "$ROOT/etc/hailong/.kiosk-new.XXXXXX")"
trap 'rm -f "$candidate" "${answer:-}"' EXIT
chmod 600 "$candidate"
chown "$owner" "$candidate"
sed -e "s|^\(  server-url:\).*|\1 '$server'|" \
    -e "s|^\(  terminal-id:\).*|\1 '$terminal'|" \
    -e "s|^\(  terminal-secret:\).*|\1 '$secret'|" \
    -e "s|^\(    port:\) \${HAILONG_PANEL_PORT:.*|\1 \${HAILONG_PANEL_PORT:$([[ -n "$no_panel" ]] || printf '%s' "$panel")}|" \
    -e "s|^\(    protocol:\) \${HAILONG_PANEL_PROTOCOL:.*|\1 \${HAILONG_PANEL_PROTOCOL:$protocol}|" \
    "$config" >"$candidate"

as_kiosk_user() {  # the checks run as the kiosk's user, as the service does (not in a staging root)
  if staged; then "$@"; else runuser -u hailong -- "$@"; fi
}

failed=""
say "Checking the server..."
if ! as_kiosk_user env MICRONAUT_CONFIG_FILES="$candidate" HAILONG_DATA_DIR="$ROOT/var/lib/hailong/kiosk" \
    java -jar "$kiosk_jar" check; then
  failed=1
fi

if [[ -z "$no_panel" ]]; then
  staged || systemctl stop hailong-kiosk.service 2>/dev/null || true   # the kiosk would hold the port
  say "Listening to the panel on $panel for $panel_seconds s (press a button to see it)..."
  heard="$(mktemp)"
  as_kiosk_user timeout "$panel_seconds" java -jar "$hardware_jar" monitor --port "$panel" --mode "$protocol" \
    >"$heard" 2>"$heard.err" || true
  presses="$(grep -c '"button"' "$heard" || true)"
  if grep -q '"panel":"OK"' "$heard"; then
    say "panel OK: $panel answered ($presses presses seen)"
  else
    say "panel NOT OK: $panel did not answer in $panel_seconds s: $(grep -h -m1 -E '"panel"|error|cannot' "$heard" "$heard.err" \
      || echo 'nothing heard') (is it plugged in? 'ls -l /dev/hailong-panel'; --panel-usb of kiosk-install.sh)" >&2
    failed=1
  fi
  rm -f "$heard" "$heard.err"
fi

if [[ -n "$failed" ]]; then
  die "provisioning NOT done: fix what is above and run this again; $config is unchanged"
fi
mv -f "$candidate" "$config"
if staged; then
  say "Terminal $terminal provisioned (staging root: the kiosk is not started)."
else
  systemctl daemon-reload
  systemctl enable hailong-kiosk.service >/dev/null 2>&1 || true
  systemctl restart hailong-kiosk.service
  say "Terminal $terminal provisioned; the kiosk is running on tty1 (systemctl status hailong-kiosk)."
fi
