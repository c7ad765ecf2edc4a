#!/usr/bin/env bash
# Configures the demo realm through the admin API (as an operator would), then escrows the demo devices
# through the real device-agent API, the way an agent does: DPoP-bound client credentials of 'bitlocker-agent'.
set -euo pipefail
BASE=${1:-http://localhost:8080}
DIR="$(cd "$(dirname "$0")" && pwd)"
ADMIN=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
  "$BASE/realms/master/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' --data @"$DIR/demo-config.json" "$BASE/admin/realms/demo/bitlocker/config")
echo "    configured realm demo: HTTP $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' --data @"$DIR/demo-entra-config.json" "$BASE/admin/realms/demo-entra/bitlocker/config")
echo "    configured realm demo-entra (Entra ID through the Graph simulator): HTTP $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $ADMIN" "$BASE/admin/realms/demo-entra/bitlocker/sync")
echo "    asked realm demo-entra to synchronise from Entra ID now: HTTP $code"
# demo.sh passes 'demo-ad' when the demo's Active Directory domain controller is up.
if [ "${2:-}" = demo-ad ]; then
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' --data @"$DIR/demo-ad-config.json" "$BASE/admin/realms/demo-ad/bitlocker/config")
  echo "    configured realm demo-ad (Active Directory on the Samba domain controller): HTTP $code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $ADMIN" "$BASE/admin/realms/demo-ad/bitlocker/sync")
  echo "    asked realm demo-ad to synchronise from Active Directory now: HTTP $code"
fi
# Each device's agent has its own EC key (kept in .demo/agents across restarts): a DPoP-bound token of the
# 'bitlocker-agent' client and a DPoP proof on every check-in bind the device to it (escrow.deviceBinding).
ROOT="$(cd "$DIR/../../.." && pwd)"
SIM=$(ls "$ROOT"/simulators/target/keygate-simulators-*-demo.jar | head -1)
java -cp "$SIM" io.keygate.bitlocker.simulators.agent.DeviceAgent "$BASE" demo bitlocker-agent demo-agent-secret \
  "$ROOT/.demo/agents" "$DIR"/devices/*.json
