//go:build windows

package identity

import (
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"
	"syscall"
	"unsafe"
)

// Providers in the order they are tried: the TPM, then the software key storage provider.
var providers = []string{"Microsoft Platform Crypto Provider", "Microsoft Software Key Storage Provider"}

var (
	ncrypt                  = syscall.NewLazyDLL("ncrypt.dll")
	procOpenStorageProvider = ncrypt.NewProc("NCryptOpenStorageProvider")
	procOpenKey             = ncrypt.NewProc("NCryptOpenKey")
	procCreatePersistedKey  = ncrypt.NewProc("NCryptCreatePersistedKey")
	procSetProperty         = ncrypt.NewProc("NCryptSetProperty")
	procFinalizeKey         = ncrypt.NewProc("NCryptFinalizeKey")
	procExportKey           = ncrypt.NewProc("NCryptExportKey")
	procSignHash            = ncrypt.NewProc("NCryptSignHash")
	procFreeObject          = ncrypt.NewProc("NCryptFreeObject")
)

const (
	machineKeyFlag   = 0x20       // NCRYPT_MACHINE_KEY_FLAG: the service runs as LocalSystem
	overwriteKeyFlag = 0x80       // NCRYPT_OVERWRITE_KEY_FLAG
	nteBadKeyset     = 0x80090016 // NTE_BAD_KEYSET: no key of that name yet
	eccPublicMagic   = 0x31534345 // BCRYPT_ECDSA_PUBLIC_P256_MAGIC "ECS1"
)

type cngKey struct {
	handle   uintptr
	provider string
	public   *ecdsa.PublicKey
}

// Open opens the machine's agent key, creating it non-exportable the first time: in the TPM where the
// Platform Crypto Provider works, else in the software key storage provider. There is no file: path must
// be empty (the Linux build's option has no meaning here).
func Open(path string) (Key, error) {
	if path != "" {
		return nil, fmt.Errorf("the Windows agent keeps its key in CNG, never in a file (-key-file %q)", path)
	}
	var errs []error
	// An existing key wins wherever it lives: the device stays pinned to it.
	for _, p := range providers {
		if k, err := openKey(p, false); err == nil {
			return k, nil
		} else if err != errNoKey {
			errs = append(errs, err)
		}
	}
	for _, p := range providers {
		k, err := openKey(p, true)
		if err == nil {
			return k, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("no CNG provider could hold the agent key: %v", errs)
}

var errNoKey = fmt.Errorf("no agent key yet")

func openKey(provider string, create bool) (*cngKey, error) {
	var prov uintptr
	if r, _, _ := procOpenStorageProvider.Call(uintptr(unsafe.Pointer(&prov)), uintptr(unsafe.Pointer(utf16(provider))), 0); r != 0 {
		return nil, fmt.Errorf("%s: NCryptOpenStorageProvider 0x%x", provider, uint32(r))
	}
	// The provider stays open with the key it hands out: the key handle is used for the life of the process.
	k, err := keyIn(prov, provider, create)
	if err != nil {
		procFreeObject.Call(prov)
	}
	return k, err
}

func keyIn(prov uintptr, provider string, create bool) (*cngKey, error) {
	var key uintptr
	if !create {
		r, _, _ := procOpenKey.Call(prov, uintptr(unsafe.Pointer(&key)), uintptr(unsafe.Pointer(utf16(Name))), 0, machineKeyFlag)
		if uint32(r) == nteBadKeyset {
			return nil, errNoKey
		} else if r != 0 {
			return nil, fmt.Errorf("%s: NCryptOpenKey 0x%x", provider, uint32(r))
		}
	} else {
		r, _, _ := procCreatePersistedKey.Call(prov, uintptr(unsafe.Pointer(&key)), uintptr(unsafe.Pointer(utf16("ECDSA_P256"))), uintptr(unsafe.Pointer(utf16(Name))), 0,
			machineKeyFlag|overwriteKeyFlag)
		if r != 0 {
			return nil, fmt.Errorf("%s: NCryptCreatePersistedKey 0x%x", provider, uint32(r))
		}
		// Export policy 0: the private key can never be exported, not even in plain text by an administrator.
		var policy uint32
		if r, _, _ := procSetProperty.Call(key, uintptr(unsafe.Pointer(utf16("Export Policy"))), uintptr(unsafe.Pointer(&policy)), 4, 0); r != 0 {
			procFreeObject.Call(key)
			return nil, fmt.Errorf("%s: NCryptSetProperty(Export Policy) 0x%x", provider, uint32(r))
		}
		if r, _, _ := procFinalizeKey.Call(key, 0); r != 0 {
			procFreeObject.Call(key)
			return nil, fmt.Errorf("%s: NCryptFinalizeKey 0x%x", provider, uint32(r))
		}
	}
	pub, err := exportPublic(key)
	if err != nil {
		procFreeObject.Call(key)
		return nil, fmt.Errorf("%s: %w", provider, err)
	}
	return &cngKey{handle: key, provider: provider, public: pub}, nil
}

// exportPublic reads the ECCPUBLICBLOB: BCRYPT_ECCKEY_BLOB {magic, cbKey} then X and Y.
func exportPublic(key uintptr) (*ecdsa.PublicKey, error) {
	buf := make([]byte, 8+64)
	var size uint32
	r, _, _ := procExportKey.Call(key, 0, uintptr(unsafe.Pointer(utf16("ECCPUBLICBLOB"))), 0, uintptr(unsafe.Pointer(&buf[0])),
		uintptr(len(buf)), uintptr(unsafe.Pointer(&size)), 0)
	if r != 0 {
		return nil, fmt.Errorf("NCryptExportKey(ECCPUBLICBLOB) 0x%x", uint32(r))
	}
	if size != 72 || binary.LittleEndian.Uint32(buf[0:4]) != eccPublicMagic || binary.LittleEndian.Uint32(buf[4:8]) != 32 {
		return nil, fmt.Errorf("the agent key is not an ECDSA P-256 key")
	}
	return publicFromXY(buf[8:40], buf[40:72]), nil
}

func (k *cngKey) Public() *ecdsa.PublicKey { return k.public }

// SignDigest asks CNG for the signature: for ECDSA it answers r||s, JWS's form already.
func (k *cngKey) SignDigest(digest []byte) ([]byte, error) {
	sig := make([]byte, 64)
	var size uint32
	r, _, _ := procSignHash.Call(k.handle, 0, uintptr(unsafe.Pointer(&digest[0])), uintptr(len(digest)),
		uintptr(unsafe.Pointer(&sig[0])), uintptr(len(sig)), uintptr(unsafe.Pointer(&size)), 0)
	if r != 0 {
		return nil, fmt.Errorf("NCryptSignHash 0x%x", uint32(r))
	}
	return sig[:size], nil
}

func (k *cngKey) String() string { return "CNG key in " + k.provider }

// utf16 is s for a wide-string parameter; the conversion to uintptr stays in each Call so the buffer is
// kept alive for the call (Proc.Call is go:uintptrescapes).
func utf16(s string) *uint16 {
	p, err := syscall.UTF16PtrFromString(s)
	if err != nil {
		panic(err)
	}
	return p
}
