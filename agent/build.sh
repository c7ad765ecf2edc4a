#!/usr/bin/env bash
# Builds and checks the Windows agent the way CI does (./test.sh runs it before the Maven legs):
#   go vet + go test (Linux), GOOS=windows go vet + build, the Linux build the Java integration test runs
#   (target/keygate-agent), the MSI (wixl) inspected with msiinfo, Authenticode-signed with osslsigncode under a
#   throwaway test certificate made here, and the signature verified.
#   SIGN_CERT=cert.pem SIGN_KEY=key.pem ./build.sh   signs with the organisation's certificate instead.
set -euo pipefail
cd "$(dirname "$0")"
version=${AGENT_VERSION:-1.0.0}
out=target
mkdir -p "$out"
export CGO_ENABLED=0

echo "--> go vet, go test"
go vet ./...
go test ./...
echo "--> GOOS=windows go vet, go build"
GOOS=windows GOARCH=amd64 go vet ./...
GOOS=windows GOARCH=amd64 go build -ldflags "-s -w" -o "$out/keygate-agent.exe" ./cmd/keygate-agent
go build -o "$out/keygate-agent" ./cmd/keygate-agent

# The signing certificate: the organisation's, or a throwaway one made now (it proves the steps, not the publisher).
cert=${SIGN_CERT:-} key=${SIGN_KEY:-}
if [ -z "$cert" ]; then
  cert=$out/test-signing.crt key=$out/test-signing.key
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=Keygate test code signing" \
    -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=digitalSignature" -keyout "$key" -out "$cert" 2>/dev/null
fi
sign() { # in out
  rm -f "$2"
  osslsigncode sign -certs "$cert" -key "$key" -h sha256 -n "Keygate BitLocker Agent" -in "$1" -out "$2" >/dev/null
  osslsigncode verify -CAfile "$cert" -in "$2" | grep -q "Signature verification: ok" || {
    echo "the signature of $2 does not verify" >&2; exit 1; }
}

echo "--> Authenticode: keygate-agent.exe"
mkdir -p "$out/package"
sign "$out/keygate-agent.exe" "$out/package/keygate-agent.exe"
# The check can fail: one byte changed after signing and the signature no longer verifies.
cp "$out/package/keygate-agent.exe" "$out/tampered.exe"
printf 'X' | dd of="$out/tampered.exe" bs=1 seek=4096 conv=notrunc status=none
if osslsigncode verify -CAfile "$cert" -in "$out/tampered.exe" >/dev/null 2>&1; then
  echo "a tampered executable still verifies" >&2; exit 1
fi
echo "--> MSI (wixl)"
(cd "$out/package" && rm -f unsigned.msi && wixl -a x64 -D Version="$version" -o unsigned.msi ../../packaging/agent.wxs 2>/dev/null)
msi=$out/package/unsigned.msi
# What the MSI must do: install the service (LocalSystem, automatic, `run`), start it, and write the settings.
expect() { # table regex
  msiinfo export "$msi" "$1" | tr -d '\r' | grep -P "$2" >/dev/null || { echo "MSI: table $1 has no row matching $2" >&2; exit 1; }
}
expect ServiceInstall '^AgentService\tKeygateBitLockerAgent\t.*\t16\t2\t1\t.*LocalSystem\t\trun\t'
expect ServiceControl '^AgentServiceControl\tKeygateBitLockerAgent\t163\t'
for value in 'RealmUrl\t\[REALMURL\]' 'ClientId\t\[CLIENTID\]' 'ClientSecret\t\[CLIENTSECRET\]'; do
  expect Registry "^\w+\t2\tSOFTWARE\\\\Keygate\\\\BitLocker Agent\\\\\t$value\tAgent$"
done
expect Property '^MsiHiddenProperties\tCLIENTSECRET$'
expect LaunchCondition '^Installed OR REALMURL\t'
expect Component '^Agent\t\{3EA79C94-89F8-48D0-8EDD-982086C4143E\}\tINSTALLDIR\t256\t' # 64-bit: HKLM's 64-bit view
expect File '^AgentExe\tAgent\tkeygate-agent.exe\t'
msiinfo suminfo "$msi" | grep 'Template: x64' >/dev/null || { echo "MSI: not an x64 package" >&2; exit 1; }
echo "--> Authenticode: keygate-agent.msi"
sign "$msi" "$out/keygate-agent.msi"
echo "agent: $out/keygate-agent (Linux, tests), $out/keygate-agent.msi (signed, $(stat -c %s "$out/keygate-agent.msi") bytes)"
