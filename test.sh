#!/usr/bin/env bash
# Runs every test of the project, the way CI does (.ci/run calls exactly this):
#   first  Agent       the Windows agent (agent/build.sh): go vet and test, Windows build, signed MSI, and the
#                      Linux build that leg 1's GoAgentTest runs (seconds)
#   then   Alert rules promtool checks and tests the Prometheus alert rules the release archive ships (a second)
#   leg 1  H2          unit tests, then the integration tests against a real Keycloak 26.7.3 on its
#                      embedded H2 database, the console's browser tests in Debian's headless Chromium
#   leg 2  PostgreSQL  the integration tests again on a private PostgreSQL server, with the two-node
#                      cluster test and a small run of the fleet benchmark (-Pbenchmark-smoke)
# What the legs need from Debian's packages is installed when this runs as root; otherwise the script
# names the packages to install and stops. Prints one summary line per leg; exits non-zero if any failed.
#
#   ./test.sh                  everything
#   ./test.sh --h2-only        leg 1 only (no PostgreSQL needed)
#   ./test.sh --no-browser     without the console's browser tests (no Chromium needed)
#   ./test.sh -- ARGS…         extra Maven arguments for every leg (e.g. -- -Dtest=StepUpTest -Dsurefire.failIfNoSpecifiedTests=false)
set -euo pipefail
cd "$(dirname "$0")"

h2_only=false
browser=true
maven_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --h2-only) h2_only=true ;;
    --no-browser) browser=false ;;
    --) shift; maven_args=("$@"); break ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "Unknown option: $1 (see ./test.sh --help)" >&2; exit 2 ;;
  esac
  shift
done

# --- What this machine must have -----------------------------------------------------------------
missing_tools=()
command -v java >/dev/null || missing_tools+=("a JDK 17 or newer (java)")
command -v mvn >/dev/null || missing_tools+=("Apache Maven 3.8+ (mvn)")
command -v npm >/dev/null || missing_tools+=("Node.js 20 with npm (the console and account page are built with them)")
if [ ${#missing_tools[@]} -gt 0 ]; then
  printf 'Missing: %s\n' "${missing_tools[@]}" >&2
  exit 1
fi

# Debian packages per leg: a program that must exist, and the package that brings it.
needed=()
need() { [ -x "$1" ] || needed+=("$2"); }
if $browser; then
  need /usr/bin/chromium chromium
  need /usr/bin/chromedriver chromium-driver
fi
# The Active Directory key source's tests provision a throwaway Samba AD DC on 127.0.0.2 (added to lo as root).
need /usr/sbin/samba samba
need /usr/share/samba/setup/ad-schema samba-ad-provision
need /usr/bin/ldapsearch ldap-utils
need /usr/bin/ldbadd ldb-tools
# promtool checks the Prometheus alert rules the release archive ships.
need /usr/bin/promtool prometheus
dpkg -s samba-ad-dc >/dev/null 2>&1 || needed+=(samba-ad-dc)
# The Windows agent (agent/build.sh): Go, and the MSI and Authenticode tools its package is built and checked with.
need /usr/bin/go golang-go
need /usr/bin/wixl wixl
need /usr/bin/msiinfo msitools
need /usr/bin/osslsigncode osslsigncode
if ! $h2_only && [ -z "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" ]; then
  needed+=(postgresql)
fi
if ! $h2_only && [ "$(id -u)" -ne 0 ]; then
  echo "The PostgreSQL leg starts a private server as the postgres user, which needs root: run as root, or ./test.sh --h2-only." >&2
  exit 1
fi
if [ ${#needed[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "These tests need Debian's packages: ${needed[*]}" >&2
    echo "Install them (sudo apt-get install -y ${needed[*]}) or run this script as root, which installs them." >&2
    exit 1
  fi
  echo "==> Installing from Debian's packages: ${needed[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${needed[@]}"
fi

# --- The legs ---------------------------------------------------------------------------------------
summary=()
failed=0
marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
# The tests a leg's Maven run reported failing (its surefire and failsafe reports written since the leg
# began), so that the summary at the very end of a long log names them.
failed_tests() {
  find . -path '*/target/*-reports/*.txt' -newer "$marker" -print0 2>/dev/null \
    | xargs -0 -r grep -hE '<<< (FAILURE|ERROR)!' \
    | grep -v -- '-- in ' | sed -E 's/( --)? +Time elapsed.*<<< /  /; s/^/               /' | sort -u | head -20 || true
}
run_leg() {
  local name=$1 started=$SECONDS
  shift
  echo "==> Test leg: $name"
  touch "$marker"
  if "$@"; then
    summary+=("$(printf '%-12s passed in %d s' "$name" $((SECONDS - started)))")
  else
    summary+=("$(printf '%-12s FAILED after %d s (see the Maven output above)' "$name" $((SECONDS - started)))")
    local tests
    tests=$(failed_tests)
    [ -z "$tests" ] || summary+=("$tests")
    failed=1
  fi
}

# The agent's Go tests, Windows build, signed MSI, and the Linux build the H2 leg's GoAgentTest runs.
run_leg "Agent" agent/build.sh

# The alert rules the release archive ships: valid, and each fires when its promtool test says (under a second).
rules=distribution/src/monitoring/prometheus/bitlocker-keygate-alerts
run_leg "Alert rules" sh -c "promtool check rules $rules.yml && promtool test rules $rules.test.yml"

h2_args=()
$browser || h2_args+=(-Dbitlocker.it.skipBrowser='**/console/**')
run_leg "H2" mvn -B verify ${h2_args[@]+"${h2_args[@]}"} ${maven_args[@]+"${maven_args[@]}"}

if ! $h2_only; then
  PG_PORT=${KEYGATE_TEST_PG_PORT:-55432}
  PG_DATA=/tmp/keygate-test-pg
  source scripts/postgres.sh
  trap 'stop_postgres "$PG_DATA"; rm -f "$marker"' EXIT
  postgres_leg() {
    start_postgres "$PG_PORT" "$PG_DATA" keygate keygate_cluster || return 1
    # The unit tests touch no database (leg 1 ran them); the console's pages, a node's own restart and the
    # classes about step-up, ticket checks, e-mail, input validation and roles do not depend on the shared
    # database either (their release and audit paths run here in the other classes). The cluster test and the
    # benchmark's smoke run need it.
    # The console and the account page are not built again: leg 1 built them into this checkout's target/
    # folders from the same lockfiles, and a second npm install would only ask the registry once more (in CI
    # one such install never answered and the run hit its time limit).
    KC_TEST_DATABASE=remote KC_TEST_DATABASE_VENDOR=postgres \
    KC_TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keygate" \
    KC_TEST_DATABASE_USER=keygate KC_TEST_DATABASE_PASSWORD=keygate \
    KEYGATE_CLUSTER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keygate_cluster" \
      mvn -B verify -Pbenchmark-smoke -Dkeygate.skipUnitTests='**/*' -Dconsole.skip=true \
        -Dbitlocker.it.skipBrowser='**/console/**' -Dbitlocker.it.skipRestart='**/*AcrossRestartTest*' \
        -Dbitlocker.it.skipDatabaseAgnostic='%regex[.*/(StepUpTest|TicketJustifiedReleaseTest|NotificationTest|HostileInputTest|RoleMatrixTest|RealmApiAuthenticationTest|GoAgentTest|MonitoringTest|ProviderBundleTest)\.class]' \
        ${maven_args[@]+"${maven_args[@]}"}
  }
  run_leg "PostgreSQL" postgres_leg
fi

echo
echo "==> Summary"
printf '%s\n' "${summary[@]}"
exit $failed
