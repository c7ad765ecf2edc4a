#!/usr/bin/env bash
# Starts the BitLocker Key Gate demo: Keycloak 26.7.3 on http://localhost:8080 with the extension,
# an embedded H2 database, the 'demo' realm, seeded devices, a ticketing simulator and a mail catcher;
# with Samba installed (and run as root), also an Active Directory domain controller for realm 'demo-ad'.
# Ctrl-C stops everything. State lives in .demo/ (delete it to start over).
set -euo pipefail
cd "$(dirname "$0")"

KC_VERSION=26.7.3
DEMO_DIR="$PWD/.demo"
KC_HOME="$DEMO_DIR/keycloak-$KC_VERSION"

echo "==> Building the extension (mvn package)"
mvn -B -q package -DskipTests

if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  echo "==> Fetching Keycloak $KC_VERSION from Maven Central"
  mkdir -p "$DEMO_DIR"
  mvn -B -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -DoutputDirectory="$DEMO_DIR"
  (cd "$DEMO_DIR" && unzip -q -o "keycloak-quarkus-dist-$KC_VERSION.zip" && rm "keycloak-quarkus-dist-$KC_VERSION.zip")
fi

echo "==> Installing the provider bundle"
rm -f "$KC_HOME"/providers/keygate-*.jar
cp distribution/target/providers/*.jar "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp distribution/src/demo/demo-realm.json "$KC_HOME/data/import/"
# The second realm, 'demo-entra', is the same realm on the Entra ID key source (the Graph simulator).
sed -e '0,/"realm": "demo"/s//"realm": "demo-entra"/' -e 's#/realms/demo/#/realms/demo-entra/#g' \
    -e 's/8e5d2c4a-1f3b-4a6e-9c7d-2b8f0e1a3c5d/8e5d2c4a-1f3b-4a6e-9c7d-2b8f0e1a3c5e/g' -e 's/"default-roles-demo"/"default-roles-demo-entra"/g' \
    distribution/src/demo/demo-realm.json > "$KC_HOME/data/import/demo-entra-realm.json"
# The third, 'demo-ad', takes its keys from Active Directory: a throwaway Samba AD DC that binds 127.0.0.2
# (root adds it to lo), kept in .demo/ad. Without Samba the demo runs as before and says how to add it.
AD_HINT=""
if ! command -v samba-tool >/dev/null || ! { command -v samba >/dev/null || [ -x /usr/sbin/samba ]; }; then
  AD_HINT="Realm 'demo-ad' (Active Directory) needs Samba: as root, apt-get install samba samba-ad-dc samba-ad-provision ldap-utils ldb-tools"
elif [ "$(id -u)" != 0 ] && ! ip -o addr show dev lo 2>/dev/null | grep -q ' 127\.0\.0\.2/'; then
  AD_HINT="Realm 'demo-ad' (Active Directory) needs 127.0.0.2 on lo for Samba: run the demo as root"
fi
if [ -z "$AD_HINT" ]; then
  sed -e '0,/"realm": "demo"/s//"realm": "demo-ad"/' -e 's#/realms/demo/#/realms/demo-ad/#g' \
      -e 's/8e5d2c4a-1f3b-4a6e-9c7d-2b8f0e1a3c5d/8e5d2c4a-1f3b-4a6e-9c7d-2b8f0e1a3c5f/g' -e 's/"default-roles-demo"/"default-roles-demo-ad"/g' \
      distribution/src/demo/demo-realm.json > "$KC_HOME/data/import/demo-ad-realm.json"
else
  rm -f "$KC_HOME/data/import/demo-ad-realm.json"
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

SIM_JAR=$(ls simulators/target/keygate-simulators-*-demo.jar 2>/dev/null | head -1 || true)
if [ -n "$SIM_JAR" ]; then
  echo "==> Starting the simulators (Jira Cloud :8091, ServiceNow :8092, Microsoft Graph https :8093) and the mail catcher (SMTP :3025)"
  rm -f "$DEMO_DIR/graph-simulator.pem"
  java -Dgraph.pem="$DEMO_DIR/graph-simulator.pem" -jar "$SIM_JAR" > "$DEMO_DIR/simulators.log" 2>&1 &
  pids+=($!)
  # Keycloak trusts the Graph simulator's certificate (truststore-paths): wait until it is written.
  for _ in $(seq 1 60); do [ -s "$DEMO_DIR/graph-simulator.pem" ] && break; sleep 0.5; done
fi
TRUSTED="$DEMO_DIR/graph-simulator.pem"

AD_PID=""
if [ -z "$AD_HINT" ] && [ -n "$SIM_JAR" ]; then
  echo "==> Starting an Active Directory domain controller (Samba, ldaps://127.0.0.2:636; .demo/ad, log .demo/ad.log)"
  java -cp "$SIM_JAR" io.keygate.bitlocker.simulators.ad.DemoDomain "$DEMO_DIR/ad" > "$DEMO_DIR/ad.log" 2>&1 &
  AD_PID=$!
  pids+=("$AD_PID")
  # Keycloak trusts the domain controller's CA (written first, before the domain is provisioned and started).
  for _ in $(seq 1 60); do [ -s "$DEMO_DIR/ad/tls/server.pem" ] && break; sleep 0.5; done
  if [ -s "$DEMO_DIR/ad/tls/server.pem" ]; then TRUSTED="$TRUSTED,$DEMO_DIR/ad/tls/ca.pem"; fi
fi

# --hostname: links in e-mails are built only on a configured hostname, never on a request's Host header.
echo "==> Starting Keycloak on http://localhost:8080 (admin console: admin / admin)"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KC_HOME/bin/kc.sh" start-dev --http-port=8080 --hostname=http://localhost:8080 --import-realm --log-level=INFO,io.keygate:DEBUG \
  --truststore-paths="$TRUSTED" &
pids+=($!)

until curl -sf -o /dev/null http://localhost:8080/realms/demo; do
  if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "Keycloak did not start" >&2; exit 1; fi
  sleep 2
done

AD_LINE="$AD_HINT"
if [ -n "$AD_PID" ]; then
  # Provisioning (first run only) and Keycloak's start overlap; the realm is configured once the domain answers.
  for _ in $(seq 1 300); do [ -e "$DEMO_DIR/ad/ready" ] || ! kill -0 "$AD_PID" 2>/dev/null && break; sleep 1; done
  if [ -e "$DEMO_DIR/ad/ready" ]; then
    AD_LINE="Realm 'demo-ad' (same users): keys from Active Directory (Samba on ldaps://127.0.0.2:636, OU 'BitLocker Demo')"
  else
    AD_LINE="Realm 'demo-ad': the Active Directory domain controller did not start, see .demo/ad.log"
    AD_PID=""
  fi
fi

bash distribution/src/demo/seed-devices.sh http://localhost:8080 ${AD_PID:+demo-ad}

cat <<MSG

==> BitLocker Key Gate demo is up: http://localhost:8080  (realm 'demo')
    Users (password 'demo'): helpdesk, keyadmin, auditor, approver, olivia, oscar
    Console (helpdesk, keyadmin, auditor, approver): http://localhost:8080/realms/demo/devices/security/bitlocker/console/
    Account console with "Device recovery keys" (olivia, oscar): http://localhost:8080/realms/demo/account/
    API: http://localhost:8080/realms/demo/devices/security/bitlocker/keys
    Realm 'demo-entra' (same users): keys from Entra ID through the Graph simulator (https://127.0.0.1:8093)
    $AD_LINE
    E-mails the realm sends are printed to .demo/simulators.log
    Ctrl-C stops the demo.
MSG
wait "${pids[-1]}"
