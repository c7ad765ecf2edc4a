// Package identity holds the device's agent key: the ES256 key its DPoP proofs are signed with and the
// server pins the device to. On Windows it lives in CNG (TPM first, else the software key storage
// provider), created non-exportable; elsewhere see software.go.
package identity

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"math/big"

	"keygate.io/agent/dpop"
)

// Key is the device key; its private half may be out of this process's reach (CNG, TPM).
type Key = dpop.Signer

// Name is the CNG key name, one per machine.
const Name = "Keygate BitLocker Agent"

// publicFromXY builds the P-256 public key from big-endian coordinates.
func publicFromXY(x, y []byte) *ecdsa.PublicKey {
	return &ecdsa.PublicKey{Curve: elliptic.P256(), X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
}
