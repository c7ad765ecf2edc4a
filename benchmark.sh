#!/usr/bin/env bash
# The fleet benchmark (docs/benchmarks.md): Keycloak 26.7.3 with the extension on a private PostgreSQL,
# 100,000 devices / 200,000 keys and 1,000,000 audit entries, every request next to userinfo. Prints one
# table and writes it to integration-tests/target/benchmark/report.md; then a campaign released at two
# clustered nodes (report-two-nodes.md). Sizes can be overridden, e.g.
#   ./benchmark.sh -Dbenchmark.devices=20000 -Dbenchmark.audit=200000
# Needs what the tests need (JDK 17+, Maven, Node.js for the console build) and root for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

PG_PORT=${BENCHMARK_PG_PORT:-55442}
PG_DATA=/tmp/keygate-benchmark-pg
trap 'stop_postgres "$PG_DATA"' EXIT
start_postgres "$PG_PORT" "$PG_DATA" keygate_benchmark keygate_benchmark_cluster

export KC_TEST_DATABASE=remote KC_TEST_DATABASE_VENDOR=postgres \
  KC_TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keygate_benchmark" \
  KC_TEST_DATABASE_USER=keygate KC_TEST_DATABASE_PASSWORD=keygate
mvn -B verify -Pbenchmark -pl integration-tests -am -Dtest=FleetBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"

# Agents' check-ins again with Keycloak on a newer JDK, where one is installed beside the build's (BENCHMARK_JDK, else
# the newest in /usr/lib/jvm): DPoP's ES256 verification is much cheaper there. Written to report-check-ins-jdkN.md.
NEWER_JDK=${BENCHMARK_JDK:-$(ls -d /usr/lib/jvm/*-2[1-9]-* /usr/lib/jvm/*-2[1-9] 2>/dev/null | sort -V | tail -1 || true)}
if [ -n "$NEWER_JDK" ] && [ -x "$NEWER_JDK/bin/java" ]; then
  JAVA_HOME="$NEWER_JDK" mvn -B verify -Pbenchmark -pl integration-tests -Dtest=FleetBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.only=checkIns \
    -Dbenchmark.report="report-check-ins-$(basename "$NEWER_JDK").md" "$@"
fi

# A campaign released at both nodes of a two-node cluster on a database of its own (issue 25's cluster figure).
KEYGATE_CLUSTER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keygate_benchmark_cluster" \
  mvn -B verify -Pbenchmark -pl integration-tests -Dtest=TwoNodeCampaignBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"
