package bitlocker

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strings"
	"sync"
)

// File is the fake BitLocker of tests and of the Linux build: a JSON file holding a list of Volume, read
// on every call and rewritten on every change, so a test can change protectors under a running agent.
type File struct {
	Path string
	mu   sync.Mutex
}

func (f *File) List() ([]Volume, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.read()
}

func (f *File) read() ([]Volume, error) {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, err
	}
	var volumes []Volume
	if err := json.Unmarshal(data, &volumes); err != nil {
		return nil, fmt.Errorf("volume description %s: %w", f.Path, err)
	}
	return volumes, nil
}

func (f *File) write(volumes []Volume) error {
	data, err := json.MarshalIndent(volumes, "", "  ")
	if err != nil {
		return err
	}
	tmp := f.Path + ".new"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, f.Path)
}

func (f *File) AddRecoveryPassword(mountPoint string) (Protector, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	volumes, err := f.read()
	if err != nil {
		return Protector{}, err
	}
	for i := range volumes {
		if volumes[i].MountPoint == mountPoint {
			p := Protector{ID: NewGUID(), Type: RecoveryPasswordType, RecoveryPassword: NewRecoveryPassword()}
			volumes[i].Protectors = append(volumes[i].Protectors, p)
			return p, f.write(volumes)
		}
	}
	return Protector{}, fmt.Errorf("no volume %s", mountPoint)
}

func (f *File) RemoveRecoveryPassword(mountPoint, protectorID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	volumes, err := f.read()
	if err != nil {
		return err
	}
	for i := range volumes {
		if volumes[i].MountPoint != mountPoint {
			continue
		}
		for j, p := range volumes[i].Protectors {
			if strings.EqualFold(p.ID, protectorID) {
				if p.Type != RecoveryPasswordType {
					return fmt.Errorf("protector %s of %s is a %s protector, not a recovery password", p.ID, mountPoint, p.Type)
				}
				volumes[i].Protectors = append(volumes[i].Protectors[:j], volumes[i].Protectors[j+1:]...)
				return f.write(volumes)
			}
		}
		return fmt.Errorf("no protector %s on %s", protectorID, mountPoint)
	}
	return fmt.Errorf("no volume %s", mountPoint)
}

// NewRecoveryPassword is a password BitLocker would accept: eight groups, each 11 × a 16-bit number.
func NewRecoveryPassword() string {
	groups := make([]string, 8)
	for i := range groups {
		n, err := rand.Int(rand.Reader, big.NewInt(65536))
		if err != nil {
			panic(err)
		}
		groups[i] = fmt.Sprintf("%06d", 11*n.Int64())
	}
	return strings.Join(groups, "-")
}

// NewGUID is a random (version 4) GUID in lower case.
func NewGUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
