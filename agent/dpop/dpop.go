// Package dpop makes the DPoP proofs (RFC 9449) that bind the agent's token and check-ins to its device
// key, and the key's RFC 7638 thumbprint, which an administrator pins for a re-imaged device (SPEC §3).
package dpop

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Signer is a P-256 key that signs SHA-256 digests, answering r||s (64 bytes, the JWS form of ES256).
// On Windows the private half never leaves CNG; nothing here needs it.
type Signer interface {
	Public() *ecdsa.PublicKey
	SignDigest(digest []byte) ([]byte, error)
}

var b64 = base64.RawURLEncoding

// JWK is the public key as the proof header carries it (members in RFC 7638's order).
type JWK struct {
	Crv string `json:"crv"`
	Kty string `json:"kty"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

// PublicJWK is the JWK of a P-256 public key, coordinates padded to 32 bytes.
func PublicJWK(pub *ecdsa.PublicKey) JWK {
	x := make([]byte, 32)
	y := make([]byte, 32)
	pub.X.FillBytes(x)
	pub.Y.FillBytes(y)
	return JWK{Crv: "P-256", Kty: "EC", X: b64.EncodeToString(x), Y: b64.EncodeToString(y)}
}

// Thumbprint is the RFC 7638 SHA-256 thumbprint of the key, base64url without padding: the `jkt` the
// server pins a device to.
func Thumbprint(pub *ecdsa.PublicKey) string {
	// encoding/json writes struct members in declaration order, without spaces: RFC 7638's canonical form.
	canonical, _ := json.Marshal(PublicJWK(pub))
	sum := sha256.Sum256(canonical)
	return b64.EncodeToString(sum[:])
}

type header struct {
	Typ string `json:"typ"`
	Alg string `json:"alg"`
	JWK JWK    `json:"jwk"`
}

type claims struct {
	JTI string `json:"jti"`
	HTM string `json:"htm"`
	HTU string `json:"htu"`
	IAT int64  `json:"iat"`
	ATH string `json:"ath,omitempty"`
}

// Proof is a DPoP proof for one request: method, URL (without query or fragment), and the access token it
// travels with (empty at the token endpoint, where there is none yet).
func Proof(key Signer, method, url, accessToken string, now time.Time) (string, error) {
	c := claims{JTI: newJTI(), HTM: method, HTU: url, IAT: now.Unix()}
	if accessToken != "" {
		sum := sha256.Sum256([]byte(accessToken))
		c.ATH = b64.EncodeToString(sum[:])
	}
	h, err := json.Marshal(header{Typ: "dpop+jwt", Alg: "ES256", JWK: PublicJWK(key.Public())})
	if err != nil {
		return "", err
	}
	p, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	input := b64.EncodeToString(h) + "." + b64.EncodeToString(p)
	digest := sha256.Sum256([]byte(input))
	sig, err := key.SignDigest(digest[:])
	if err != nil {
		return "", fmt.Errorf("signing the DPoP proof: %w", err)
	}
	if len(sig) != 64 {
		return "", fmt.Errorf("signing the DPoP proof: %d-byte signature, want 64", len(sig))
	}
	return input + "." + b64.EncodeToString(sig), nil
}

func newJTI() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // no randomness: nothing safe to do
	}
	return hex.EncodeToString(b)
}
