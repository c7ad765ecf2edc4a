//go:build windows

package config

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"unsafe"

	"keygate.io/agent/internal/powershell"
)

// RegistryKey is where the MSI writes the settings (HKLM).
const RegistryKey = `SOFTWARE\Keygate\BitLocker Agent`

var (
	advapi32           = syscall.NewLazyDLL("advapi32.dll")
	procRegSetValueEx  = advapi32.NewProc("RegSetValueExW")
	procRegDeleteValue = advapi32.NewProc("RegDeleteValueW")
	crypt32            = syscall.NewLazyDLL("crypt32.dll")
	procProtectData    = crypt32.NewProc("CryptProtectData")
	procUnprotectData  = crypt32.NewProc("CryptUnprotectData")
	kernel32           = syscall.NewLazyDLL("kernel32.dll")
	procLocalFree      = kernel32.NewProc("LocalFree")
)

const (
	cryptProtectUIForbidden = 0x1
	regBinary               = 3
)

// Load reads the installer's settings from HKLM. The client secret arrives in plain text (ClientSecret,
// written by the MSI); the first start seals it with DPAPI under the service's account (LocalSystem:
// only that account on this machine can open it), keeps it as ClientSecretProtected and deletes the plain
// value.
func Load() (*Config, error) {
	var key syscall.Handle
	if err := syscall.RegOpenKeyEx(syscall.HKEY_LOCAL_MACHINE, utf16(RegistryKey), 0,
		syscall.KEY_READ|syscall.KEY_SET_VALUE, &key); err != nil {
		return nil, fmt.Errorf(`HKLM\%s: %w (was the agent installed with its MSI?)`, RegistryKey, err)
	}
	defer syscall.RegCloseKey(key)
	name, _ := os.Hostname()
	c := &Config{
		RealmURL:   readString(key, "RealmUrl"),
		ClientID:   readString(key, "ClientId"),
		DeviceID:   readString(key, "DeviceId"),
		DeviceName: name,
		Owner:      readString(key, "Owner"),
	}
	secret, err := clientSecret(key)
	if err != nil {
		return nil, err
	}
	c.ClientSecret = secret
	if c.DeviceID == "" {
		c.DeviceID = hardwareID()
	}
	return c, nil
}

func clientSecret(key syscall.Handle) (string, error) {
	if plain := readString(key, "ClientSecret"); plain != "" {
		sealed, err := protect([]byte(plain))
		if err != nil {
			return "", fmt.Errorf("sealing the client secret with DPAPI: %w", err)
		}
		if r, _, _ := procRegSetValueEx.Call(uintptr(key), uintptr(unsafe.Pointer(utf16("ClientSecretProtected"))), 0, regBinary,
			uintptr(unsafe.Pointer(&sealed[0])), uintptr(len(sealed))); r != 0 {
			return "", fmt.Errorf("RegSetValueEx(ClientSecretProtected) %d", r)
		}
		if r, _, _ := procRegDeleteValue.Call(uintptr(key), uintptr(unsafe.Pointer(utf16("ClientSecret")))); r != 0 {
			return "", fmt.Errorf("RegDeleteValue(ClientSecret) %d", r)
		}
		return plain, nil
	}
	sealed := readBinary(key, "ClientSecretProtected")
	if len(sealed) == 0 {
		return "", nil
	}
	plain, err := unprotect(sealed)
	if err != nil {
		return "", fmt.Errorf("opening the client secret with DPAPI: %w", err)
	}
	return string(plain), nil
}

type dataBlob struct {
	size uint32
	data *byte
}

func protect(plain []byte) ([]byte, error) {
	in := dataBlob{uint32(len(plain)), &plain[0]}
	var out dataBlob
	if r, _, err := procProtectData.Call(uintptr(unsafe.Pointer(&in)), 0, 0, 0, 0, cryptProtectUIForbidden,
		uintptr(unsafe.Pointer(&out))); r == 0 {
		return nil, err
	}
	defer procLocalFree.Call(uintptr(unsafe.Pointer(out.data)))
	return append([]byte(nil), unsafe.Slice(out.data, out.size)...), nil
}

func unprotect(sealed []byte) ([]byte, error) {
	in := dataBlob{uint32(len(sealed)), &sealed[0]}
	var out dataBlob
	if r, _, err := procUnprotectData.Call(uintptr(unsafe.Pointer(&in)), 0, 0, 0, 0, cryptProtectUIForbidden,
		uintptr(unsafe.Pointer(&out))); r == 0 {
		return nil, err
	}
	defer procLocalFree.Call(uintptr(unsafe.Pointer(out.data)))
	return append([]byte(nil), unsafe.Slice(out.data, out.size)...), nil
}

func readString(key syscall.Handle, name string) string {
	b := readValue(key, name)
	if len(b) < 2 {
		return ""
	}
	u := unsafe.Slice((*uint16)(unsafe.Pointer(&b[0])), len(b)/2)
	return strings.TrimSpace(syscall.UTF16ToString(u))
}

func readBinary(key syscall.Handle, name string) []byte { return readValue(key, name) }

func readValue(key syscall.Handle, name string) []byte {
	var typ, size uint32
	if syscall.RegQueryValueEx(key, utf16(name), nil, &typ, nil, &size) != nil || size == 0 {
		return nil
	}
	b := make([]byte, size)
	if syscall.RegQueryValueEx(key, utf16(name), nil, &typ, &b[0], &size) != nil {
		return nil
	}
	return b[:size]
}

// hardwareID is the SMBIOS system UUID, which survives re-imaging (the device keeps its ID and an admin
// pins its new agent key, SPEC §3), else the Windows installation's MachineGuid.
func hardwareID() string {
	out, err := powershell.Run(`(Get-CimInstance Win32_ComputerSystemProduct).UUID`, nil)
	id := strings.ToLower(strings.TrimSpace(string(out)))
	if err == nil && guid.MatchString(id) && id != "00000000-0000-0000-0000-000000000000" && id != "ffffffff-ffff-ffff-ffff-ffffffffffff" {
		return id
	}
	var key syscall.Handle
	if syscall.RegOpenKeyEx(syscall.HKEY_LOCAL_MACHINE, utf16(`SOFTWARE\Microsoft\Cryptography`), 0,
		syscall.KEY_READ|0x0100 /* KEY_WOW64_64KEY */, &key) != nil {
		return ""
	}
	defer syscall.RegCloseKey(key)
	return strings.ToLower(readString(key, "MachineGuid"))
}

func utf16(s string) *uint16 {
	p, _ := syscall.UTF16PtrFromString(s)
	return p
}
