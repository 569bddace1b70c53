#!/usr/bin/env bash
# Installs the Hài Lòng kiosk on a Debian 12 counter terminal, as root:
#   sudo install/kiosk-install.sh [--panel-usb VID:PID] [--panel-serial SERIAL]   install, or upgrade in place
#   sudo install/kiosk-install.sh --uninstall [--purge]   remove; --purge also deletes config and data
# Then provision it: sudo install/kiosk-provision.sh --help
#
# Installs: system user hailong (group dialout, for the panel), openjdk-17-jre-headless, the jars under
# /opt/hailong, /etc/hailong/kiosk.yml (mode 600, kept on upgrade), the data directory /var/lib/hailong/kiosk
# (kept on upgrade and uninstall), the udev rule naming the panel /dev/hailong-panel, and hailong-kiosk.service,
# which shows the citizen screen full screen on tty1 instead of the login prompt and restarts it if it dies.
# The jars come from the build (mvn -B package -DskipTests) or HAILONG_KIOSK_JAR / HAILONG_HARDWARE_JAR.
# DESTDIR=/some/dir installs into a staging root (see install/lib/common.sh).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

panel_usb="1a86:7523"   # the CH340 USB-serial chip of the common rating panels
panel_serial=""
mode=install
purge=""
while (($#)); do
  case "$1" in
    --panel-usb) panel_usb="${2:-}"; shift 2 ;;
    --panel-serial) panel_serial="${2:-}"; shift 2 ;;
    --uninstall) mode=uninstall; shift ;;
    --purge) purge=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
[[ "$panel_usb" =~ ^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$ ]] \
  || die "--panel-usb wants the adapter's USB VID:PID as lsusb shows it, e.g. 1a86:7523; got '$panel_usb'"
[[ -z "$panel_serial" || "$panel_serial" =~ ^[A-Za-z0-9._-]+$ ]] \
  || die "--panel-serial wants the adapter's serial number (udevadm info -a -n /dev/ttyUSB0 | grep serial); got '$panel_serial'"
[[ -n "$purge" && "$mode" != uninstall ]] && die "--purge goes with --uninstall"
require_root

UNIT=/etc/systemd/system/hailong-kiosk.service
RULE=/etc/udev/rules.d/99-hailong-panel.rules

if [[ "$mode" == uninstall ]]; then
  if [[ -e "$ROOT$UNIT" ]]; then
    staged || systemctl stop hailong-kiosk.service 2>/dev/null || true
    service disable hailong-kiosk.service
  fi
  rm -f "$ROOT$UNIT" "$ROOT$RULE" "$ROOT/opt/hailong/hailong-kiosk.jar" "$ROOT/opt/hailong/hailong-hardware.jar" \
    "$ROOT/opt/hailong/kiosk.sh" "$ROOT/opt/hailong/kiosk.jvm-options" "$ROOT/opt/hailong/kiosk-provision.sh" \
    "$ROOT/opt/hailong/lib/common.sh"
  rmdir "$ROOT/opt/hailong/lib" "$ROOT/opt/hailong" 2>/dev/null || true
  if ! staged; then
    systemctl daemon-reload
    udevadm control --reload 2>/dev/null || true
    systemctl start getty@tty1.service 2>/dev/null || true
  fi
  if [[ -n "$purge" ]]; then
    rm -rf "$ROOT/etc/hailong/kiosk.yml" "$ROOT/var/lib/hailong/kiosk"
    rmdir "$ROOT/etc/hailong" "$ROOT/var/lib/hailong" 2>/dev/null || true
    say "Hài Lòng kiosk removed, with its configuration and data."
  else
    say "Hài Lòng kiosk removed. Kept: /etc/hailong/kiosk.yml and the ratings in /var/lib/hailong/kiosk"
    say "(--uninstall --purge deletes them; ratings not yet sent to the server are lost then)."
  fi
  exit 0
fi

kiosk_jar="${HAILONG_KIOSK_JAR:-$here/../kiosk/target/hailong-kiosk.jar}"
hardware_jar="${HAILONG_HARDWARE_JAR:-$here/../hardware/target/hailong-hardware.jar}"
for jar in "$kiosk_jar" "$hardware_jar"; do
  [[ -f "$jar" ]] || die "$jar is missing: build first with  mvn -B package -DskipTests  (or set HAILONG_KIOSK_JAR / HAILONG_HARDWARE_JAR)"
done

upgrade=""
[[ -e "$ROOT/opt/hailong/hailong-kiosk.jar" ]] && upgrade=1
apt_install openjdk-17-jre-headless
ensure_user hailong /var/lib/hailong dialout
owner="$(owner_of hailong)"
if [[ -n "$upgrade" ]] && ! staged; then
  systemctl stop hailong-kiosk.service 2>/dev/null || true
fi

put 0644 0:0 "$kiosk_jar" /opt/hailong/hailong-kiosk.jar
put 0644 0:0 "$hardware_jar" /opt/hailong/hailong-hardware.jar
put 0755 0:0 "$here/kiosk.sh" /opt/hailong/kiosk.sh
put 0644 0:0 "$here/kiosk.jvm-options" /opt/hailong/kiosk.jvm-options
put 0755 0:0 "$here/kiosk-provision.sh" /opt/hailong/kiosk-provision.sh
put 0644 0:0 "$here/lib/common.sh" /opt/hailong/lib/common.sh
directory 0755 0:0 /etc/hailong
if [[ -e "$ROOT/etc/hailong/kiosk.yml" ]]; then
  # an upgrade keeps the provisioned configuration; its mode and owner are mended if someone changed them
  chmod 600 "$ROOT/etc/hailong/kiosk.yml"
  chown "$owner" "$ROOT/etc/hailong/kiosk.yml"
else
  put 0600 "$owner" "$here/files/kiosk.yml" /etc/hailong/kiosk.yml
fi
directory 0750 "$owner" /var/lib/hailong
directory 0700 "$owner" /var/lib/hailong/kiosk
# the class-data archive belongs to the old jar: the next start makes one for the new
rm -f "$ROOT/var/lib/hailong/kiosk/kiosk-classes.jsa"

serial_match=""
[[ -n "$panel_serial" ]] && serial_match=", ATTRS{serial}==\"$panel_serial\""
rule="$(mktemp)"
sed -e "s/@VENDOR@/${panel_usb%%:*}/" -e "s/@PRODUCT@/${panel_usb##*:}/" -e "s/@SERIAL@/$serial_match/" \
  "$here/files/hailong-panel.rules.in" >"$rule"
put 0644 0:0 "$rule" "$RULE"
rm -f "$rule"
put 0644 0:0 "$here/files/hailong-kiosk.service" "$UNIT"
service enable hailong-kiosk.service

if ! staged; then
  udevadm control --reload
  udevadm trigger --subsystem-match=tty
  systemctl daemon-reload
  # shellcheck disable=SC2016 # a literal ${: the secret is still the template's placeholder
  if grep -q '^ *terminal-secret: *\${' /etc/hailong/kiosk.yml; then
    say "Installed. Next: provision this terminal (it starts the kiosk when the checks pass):"
    say "  sudo /opt/hailong/kiosk-provision.sh --help"
  else
    systemctl restart hailong-kiosk.service
    say "Upgraded; configuration and data kept; the kiosk is restarted on tty1."
  fi
else
  say "Installed into the staging root $ROOT${upgrade:+ (upgrade: configuration and data kept)}."
fi
