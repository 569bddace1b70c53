#!/usr/bin/env bash
# Runs every test: unit, @MicronautTest over loopback HTTP on H2 files, the serial driver on socat
# pseudo-terminals, the packaged jars end to end (tmux), then the server's suite again on PostgreSQL.
# Installs what the tests need with apt-get when missing (socat, tmux, curl, shellcheck, logrotate, systemd,
# chromium and chromium-driver for the dashboard's browser test, and PostgreSQL if none answers on
# 127.0.0.1:5432), as root or through sudo, and says so. Needs a JDK 17 and Maven. DiskFullTest mounts a small
# tmpfs and the installer tests add system users inside a staging root, so the tests run as root (as CI does).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib/postgres.sh
source install/lib/postgres.sh
require_tools socat tmux curl shellcheck logrotate systemd-analyze pg_dump chromium chromedriver
pg -c 'DROP DATABASE IF EXISTS hailong_test' -c 'CREATE DATABASE hailong_test'

mvn -B verify "$@"

echo "Running the server's tests again on PostgreSQL (database hailong_test), with two server processes on it"
mvn -B -pl sync verify -Dit.test=TwoServersIT "-DargLine=-Dhailong.test.db-url=jdbc:postgresql://127.0.0.1:5432/hailong_test \
-Dhailong.test.db-user=$PG_USER -Dhailong.test.db-password=$PGPASSWORD"
