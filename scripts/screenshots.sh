#!/usr/bin/env bash
# Takes the documentation's screenshots again: runs the browser tests that take them (a real Keycloak,
# Debian's headless Chromium; English, and German for a user whose locale is de) and copies every PNG the
# README and docs/*.md show from integration-tests/target/screenshots into docs/screenshots.
# A picture the docs show that no test took fails the run, so the docs show only what a test saw.
#
#   scripts/screenshots.sh                 build and install the modules first, then the browser tests
#   scripts/screenshots.sh --no-build      the modules are installed already (e.g. right after ./test.sh)
#   scripts/screenshots.sh -- ARGS…        extra Maven arguments (e.g. -- -o -Dmaven.repo.local=…)
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
maven_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=false ;;
    --) shift; maven_args=("$@"); break ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "Unknown option: $1 (see scripts/screenshots.sh --help)" >&2; exit 2 ;;
  esac
  shift
done

# The classes whose screenshots the docs show (a quarter of an hour on two busy cores).
tests=HelpdeskConsoleTest,ConsoleWorkflowsTest,ConsoleAccessibilityTest,CampaignConsoleTest,AccountPageTest,ConsoleLanguageTest

if $build; then
  mvn -B install -DskipTests ${maven_args[@]+"${maven_args[@]}"}
fi
rm -rf integration-tests/target/screenshots
mvn -B verify -pl integration-tests -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
  ${maven_args[@]+"${maven_args[@]}"}

shown=$(grep -oh 'screenshots/[A-Za-z0-9._-]*\.png' README.md docs/*.md | sed 's|^screenshots/||' | sort -u)
missing=0
for name in $shown; do
  if [ -f "integration-tests/target/screenshots/$name" ]; then
    cp "integration-tests/target/screenshots/$name" "docs/screenshots/$name"
  else
    echo "No test took $name (shown in the docs)" >&2
    missing=1
  fi
done
# Pictures no page shows any more leave the repository.
for file in docs/screenshots/*.png; do
  grep -qx "$(basename "$file")" <<<"$shown" || rm -v "$file"
done
echo "==> $(wc -w <<<"$shown") screenshots refreshed in docs/screenshots"
exit $missing
