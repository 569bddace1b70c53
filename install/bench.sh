#!/usr/bin/env bash
# Runs every benchmark (not part of the tests): builds the jars, then the *Benchmark classes of each module
# through the Maven profile "bench". Each prints "BENCH ..." lines: the figure, the reference measured in the
# same run, their ratio and the target. All lines are collected in target/benchmarks.txt and printed at the end.
# The packaged server runs with the heap of the installed service (-Xmx1g, install/files/hailong-sync.service).
# Needs what install/test.sh needs (socat, and PostgreSQL on 127.0.0.1:5432 or a local cluster it starts).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib/postgres.sh
source install/lib/postgres.sh
require_tools socat
pg -c 'DROP DATABASE IF EXISTS hailong_bench' -c 'CREATE DATABASE hailong_bench' \
   -c 'DROP DATABASE IF EXISTS hailong_bench_ref' -c 'CREATE DATABASE hailong_bench_ref' \
   -c 'DROP DATABASE IF EXISTS hailong_bench_rerated' -c 'CREATE DATABASE hailong_bench_rerated' \
   -c 'DROP DATABASE IF EXISTS hailong_bench_rerated_ref' -c 'CREATE DATABASE hailong_bench_rerated_ref' \
   -c 'DROP DATABASE IF EXISTS hailong_bench_surveys' -c 'CREATE DATABASE hailong_bench_surveys' \
   -c 'DROP DATABASE IF EXISTS hailong_bench_surveys_ref' -c 'CREATE DATABASE hailong_bench_surveys_ref' \
   -c 'DROP DATABASE IF EXISTS hailong_bench_scale' -c 'CREATE DATABASE hailong_bench_scale' \
   -c 'DROP DATABASE IF EXISTS hailong_bench_apology' -c 'CREATE DATABASE hailong_bench_apology'

rm -f target/benchmarks.txt
mkdir -p target
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), $(java -version 2>&1 | head -1)"
  echo "# disk of the data directories: $(df -h --output=source,fstype "$PWD" | tail -1)"
} > target/benchmarks.txt
start=$(date +%s)
mvn -B -Pbench verify "$@" "-DargLine=-Dhailong.bench.pg-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench \
-Dhailong.bench.pg-ref-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench_ref \
-Dhailong.bench.pg-rerated-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench_rerated \
-Dhailong.bench.pg-rerated-ref-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench_rerated_ref \
-Dhailong.bench.pg-surveys-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench_surveys \
-Dhailong.bench.pg-surveys-ref-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench_surveys_ref \
-Dhailong.bench.pg-scale-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench_scale \
-Dhailong.bench.pg-apology-url=jdbc:postgresql://127.0.0.1:5432/hailong_bench_apology \
-Dhailong.bench.ratings=${HAILONG_BENCH_RATINGS:-300000} -Dhailong.bench.surveys=${HAILONG_BENCH_SURVEYS:-30000} \
-Dhailong.bench.dossiers=${HAILONG_BENCH_DOSSIERS:-50000} \
-Dhailong.bench.pg-user=$PG_USER -Dhailong.bench.pg-password=$PGPASSWORD \
-Dhailong.test.server-heap=1g -Dhailong.test.server-start-seconds=900" \
  || echo "# a benchmark failed (see the Maven output above): its figures are missing" >> target/benchmarks.txt
echo "# all benchmarks: $(( $(date +%s) - start )) s" >> target/benchmarks.txt
echo
echo "=== Benchmarks (target/benchmarks.txt) ==="
cat target/benchmarks.txt
