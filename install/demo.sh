#!/usr/bin/env bash
# The main job on the embedded default: a central server on H2 and a kiosk in this terminal with a
# simulated rating panel whose buttons are the keyboard's 1-4 keys, already provisioned and syncing.
# Needs only a JDK 17 and Maven. Data stays in ./demo-data (delete it to start afresh).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${HAILONG_PORT:-8080}"
ADMIN="${HAILONG_ADMIN_TOKEN:-demo-admin-token}"
DATA="${DEMO_DATA:-$PWD/demo-data}"
TERMINAL="T-DEMO-01"
AGENCY="000.00.15.H12"
BASE="http://127.0.0.1:$PORT"

stale() {
  [[ ! -f sync/target/hailong-sync.jar || ! -f kiosk/target/hailong-kiosk.jar ]] && return 0
  [[ -n "$(find pom.xml hardware kiosk sync -path '*/target' -prune -o -newer kiosk/target/hailong-kiosk.jar \
      -type f -print -quit)" ]]
}
if stale; then
  echo "Building (about a minute the first time)..."
  mvn -B -q package -DskipTests
fi
mkdir -p "$DATA"

echo "Starting the central server on $BASE (log: $DATA/server.log)..."
HAILONG_PORT="$PORT" HAILONG_HOST=127.0.0.1 HAILONG_ADMIN_TOKEN="$ADMIN" \
  HAILONG_DB_URL="jdbc:h2:file:$DATA/server/hailong-sync;WRITE_DELAY=0" \
  HAILONG_SECRET_KEY_FILE="$DATA/server/terminal-secrets.key" \
  java -jar sync/target/hailong-sync.jar >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true' EXIT

if ! SECRET="$(java install/DemoSetup.java "$BASE" "$ADMIN" "$TERMINAL" "$AGENCY" 1)"; then
  echo "The server did not start; its log says:"; tail -20 "$DATA/server.log"; exit 1
fi

TODAY="$(TZ=Asia/Ho_Chi_Minh date +%F)"
REPORT="$BASE/api/v1/reports/satisfaction?from=$TODAY&to=$TODAY&groupBy=day"
cat <<MSG

Terminal $TERMINAL is provisioned. The kiosk starts now: press 1-4 to rate, Ctrl+X to quit.
F2 shows the technical details, F3 the officer screen (PIN ${HAILONG_OFFICER_PIN:-1234}), F4 the survey.
Dashboard: $BASE/dashboard  (log in with the operator token "$ADMIN")
Satisfaction report (operator token "$ADMIN"):
  $REPORT
  curl -H 'Authorization: Bearer $ADMIN' '$REPORT'
MSG
sleep 2

# HAILONG_PANEL_PORT=sim: a simulated NMEA panel in-process, its buttons pressed by the keys 1-4; presses go
# through the same serial driver as a real panel's. Set it to a device (/dev/ttyUSB0) for real hardware.
HAILONG_SERVER_URL="$BASE" HAILONG_TERMINAL_ID="$TERMINAL" HAILONG_TERMINAL_SECRET="$SECRET" \
  HAILONG_DATA_DIR="$DATA/kiosk" HAILONG_PANEL_PORT="${HAILONG_PANEL_PORT:-sim}" \
  HAILONG_OFFICER_PIN="${HAILONG_OFFICER_PIN:-1234}" \
  bash install/kiosk.sh || true

echo
echo "Satisfaction report for today ($REPORT):"
java install/DemoReport.java "$REPORT" "$ADMIN" || true
