#!/usr/bin/env bash
# Configures the demo realm through the admin API (as an operator would), then escrows the demo devices
# through the real device-agent API (client credentials of 'bitlocker-agent').
set -euo pipefail
BASE=${1:-http://localhost:8080}
DIR="$(cd "$(dirname "$0")" && pwd)"
ADMIN=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
  "$BASE/realms/master/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' --data @"$DIR/demo-config.json" "$BASE/admin/realms/demo/bitlocker/config")
echo "    configured realm demo: HTTP $code"
TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=bitlocker-agent -d client_secret=demo-agent-secret \
  "$BASE/realms/demo/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
for f in "$DIR"/devices/*.json; do
  id=$(basename "$f" .json)
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data @"$f" "$BASE/realms/demo/devices/security/bitlocker/escrow/devices/$id")
  echo "    escrowed device $id: HTTP $code"
done
