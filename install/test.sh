#!/usr/bin/env bash
# Runs every test: unit, @MicronautTest over loopback HTTP, the end-to-end run of the real server jar, and
# the demo under tmux. Installs the Debian packages the tests need (socat for serial pseudo-terminals, tmux) with apt-get when missing,
# as root or through sudo, and says so. Needs a JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(socat tmux)
missing=()
for p in "${PACKAGES[@]}"; do
  command -v "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing what the tests need: ${missing[*]} (apt-get)"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for p in "${PACKAGES[@]}"; do
  command -v "$p" >/dev/null 2>&1 || { echo "$p is required by the tests and could not be installed" >&2; exit 1; }
done

exec mvn -B verify "$@"
