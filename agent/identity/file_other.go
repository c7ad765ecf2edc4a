//go:build !windows

package identity

import (
	"crypto/ecdsa"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Open loads the agent key kept at path (PKCS#8, mode 0600), creating it the first time.
//
// This is the Linux build only, which exists to run the agent's logic in tests and CI against a real
// Keycloak: Linux has no BitLocker and no CNG, and a test needs `thumbprint` and a later check-in to use
// the same key. A file readable by root is NOT the Windows agent's protection; the Windows build keeps the
// key non-exportable in CNG (cng_windows.go) and has no file option at all.
func Open(path string) (Key, error) {
	if path == "" {
		return nil, errors.New("the Linux build keeps its key in a file: give -key-file")
	}
	if der, err := os.ReadFile(path); err == nil {
		parsed, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			return nil, fmt.Errorf("unreadable agent key %s: %w", path, err)
		}
		priv, ok := parsed.(*ecdsa.PrivateKey)
		if !ok || priv.Curve.Params().Name != "P-256" {
			return nil, fmt.Errorf("agent key %s is not a P-256 key", path)
		}
		return softwareKey{priv}, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	key, err := NewInMemory()
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key.(softwareKey).priv)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	// Written aside, then linked into place: two agents starting at once for one device end up with one key,
	// and neither reads a half-written file.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".agent-key-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(der); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, os.ErrExist) {
		return Open(path)
	} else if err != nil {
		return nil, err
	}
	return key, nil
}
