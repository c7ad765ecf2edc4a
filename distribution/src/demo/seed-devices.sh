#!/usr/bin/env bash
# Escrows the demo devices through the real device-agent API (client credentials of 'bitlocker-agent').
set -euo pipefail
BASE=${1:-http://localhost:8080}
DIR="$(cd "$(dirname "$0")" && pwd)"
TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=bitlocker-agent -d client_secret=demo-agent-secret \
  "$BASE/realms/demo/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
for f in "$DIR"/devices/*.json; do
  id=$(basename "$f" .json)
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data @"$f" "$BASE/realms/demo/devices/security/bitlocker/escrow/devices/$id")
  echo "    escrowed device $id: HTTP $code"
done
