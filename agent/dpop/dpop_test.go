package dpop_test

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"keygate.io/agent/dpop"
	"keygate.io/agent/identity"
)

func decode(t *testing.T, part string, into interface{}) {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatal(err)
	}
}

func TestAProofIsAnES256JWTOverTheRequestThatItsOwnKeyVerifies(t *testing.T) {
	key, _ := identity.NewInMemory()
	now := time.Unix(1_700_000_000, 0)
	proof, err := dpop.Proof(key, "PUT", "https://id.example.com/realms/corp/devices/security/bitlocker/escrow/devices/x", "the-token", now)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(proof, ".")
	if len(parts) != 3 {
		t.Fatalf("not a compact JWS: %q", proof)
	}
	var header struct {
		Typ, Alg string
		JWK      map[string]string
	}
	var claims map[string]interface{}
	decode(t, parts[0], &header)
	decode(t, parts[1], &claims)
	if header.Typ != "dpop+jwt" || header.Alg != "ES256" || header.JWK["kty"] != "EC" || header.JWK["crv"] != "P-256" {
		t.Errorf("header %+v", header)
	}
	if _, private := header.JWK["d"]; private {
		t.Error("the proof carries the private key")
	}
	ath := sha256.Sum256([]byte("the-token"))
	want := map[string]interface{}{"htm": "PUT", "htu": "https://id.example.com/realms/corp/devices/security/bitlocker/escrow/devices/x",
		"iat": float64(now.Unix()), "ath": base64.RawURLEncoding.EncodeToString(ath[:])}
	for k, v := range want {
		if claims[k] != v {
			t.Errorf("claim %s = %v, want %v", k, claims[k], v)
		}
	}
	if jti, _ := claims["jti"].(string); len(jti) < 16 {
		t.Errorf("jti %q", jti)
	}

	// The signature verifies with the key in the header (what the server does), r||s form.
	x, _ := base64.RawURLEncoding.DecodeString(header.JWK["x"])
	y, _ := base64.RawURLEncoding.DecodeString(header.JWK["y"])
	pub := &ecdsa.PublicKey{Curve: key.Public().Curve, X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if len(sig) != 64 || !ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		t.Error("the proof's signature does not verify with its own jwk")
	}
	digest[0] ^= 1
	if ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		t.Error("the signature verifies over other content")
	}
}

func TestEveryProofHasItsOwnJTIAndTheTokenEndpointsHasNoATH(t *testing.T) {
	key, _ := identity.NewInMemory()
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		proof, _ := dpop.Proof(key, "POST", "https://id.example.com/token", "", time.Now())
		var claims map[string]interface{}
		decode(t, strings.Split(proof, ".")[1], &claims)
		if _, ok := claims["ath"]; ok {
			t.Fatal("ath without an access token")
		}
		jti := claims["jti"].(string)
		if seen[jti] {
			t.Fatal("jti reused")
		}
		seen[jti] = true
	}
}

func TestTheThumbprintIsRFC7638sOverTheCanonicalJWK(t *testing.T) {
	key, _ := identity.NewInMemory()
	jwk := dpop.PublicJWK(key.Public())
	canonical := `{"crv":"P-256","kty":"EC","x":"` + jwk.X + `","y":"` + jwk.Y + `"}`
	sum := sha256.Sum256([]byte(canonical))
	if got, want := dpop.Thumbprint(key.Public()), base64.RawURLEncoding.EncodeToString(sum[:]); got != want {
		t.Errorf("thumbprint %s, want %s", got, want)
	}
	if len(jwk.X) != 43 || len(jwk.Y) != 43 {
		t.Errorf("coordinates not padded to 32 bytes: %+v", jwk)
	}
}

// RFC 9449's own example: the proof key of §4.1 and the jkt of §6.1.
func TestTheThumbprintOfRFC9449sExampleKey(t *testing.T) {
	x, _ := base64.RawURLEncoding.DecodeString("l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs")
	y, _ := base64.RawURLEncoding.DecodeString("9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA")
	key, _ := identity.NewInMemory()
	pub := &ecdsa.PublicKey{Curve: key.Public().Curve, X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
	if got := dpop.Thumbprint(pub); got != "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" {
		t.Errorf("thumbprint %s", got)
	}
}
