package identity

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"math/big"
)

// softwareKey is a P-256 key held by Go's crypto: the Linux build's key and the tests'.
type softwareKey struct{ priv *ecdsa.PrivateKey }

// NewInMemory is a fresh key that lives as long as the process (tests; an agent that must not persist one).
func NewInMemory() (Key, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return softwareKey{priv}, nil
}

func (k softwareKey) Public() *ecdsa.PublicKey { return &k.priv.PublicKey }

func (k softwareKey) SignDigest(digest []byte) ([]byte, error) {
	r, s, err := ecdsa.Sign(rand.Reader, k.priv, digest)
	if err != nil {
		return nil, err
	}
	return rawSignature(r, s), nil
}

// rawSignature is r||s, each padded to 32 bytes (JWS ES256, RFC 7518 §3.4).
func rawSignature(r, s *big.Int) []byte {
	out := make([]byte, 64)
	r.FillBytes(out[:32])
	s.FillBytes(out[32:])
	return out
}

func (k softwareKey) String() string { return fmt.Sprintf("software P-256 key") }
