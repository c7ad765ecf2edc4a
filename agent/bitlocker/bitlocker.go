// Package bitlocker is the agent's view of the machine's BitLocker volumes, behind one interface: Windows
// asks PowerShell's BitLocker module (powershell_windows.go); tests and the Linux build read and change a
// JSON description of volumes (fake.go).
package bitlocker

// Volumes is what the agent needs from BitLocker.
type Volumes interface {
	// List is every volume with its encryption state and key protectors.
	List() ([]Volume, error)
	// AddRecoveryPassword adds a new recovery-password protector to the volume and returns it.
	AddRecoveryPassword(mountPoint string) (Protector, error)
	// RemoveRecoveryPassword removes a recovery-password protector. It refuses any other kind: rotation
	// must never drop a TPM, PIN or startup-key protector.
	RemoveRecoveryPassword(mountPoint, protectorID string) error
}

// Volume types as SPEC §3 names them.
const (
	OperatingSystem = "OPERATING_SYSTEM"
	FixedData       = "FIXED_DATA"
	RemovableData   = "REMOVABLE_DATA"
)

// Encryption states as SPEC §3's check-in names them.
const (
	Encrypted    = "ENCRYPTED"
	Encrypting   = "ENCRYPTING"
	NotEncrypted = "NOT_ENCRYPTED"
	Failed       = "FAILED"
)

// RecoveryPasswordType is the protector type rotation works on; every other type is left alone.
const RecoveryPasswordType = "RecoveryPassword"

type Volume struct {
	MountPoint string      `json:"mountPoint"`
	VolumeType string      `json:"volumeType"`
	Encryption string      `json:"encryption"`
	Protectors []Protector `json:"protectors"`
}

type Protector struct {
	// ID is the protector's GUID, without braces, lower-case: the key ID the server knows.
	ID   string `json:"id"`
	Type string `json:"type"`
	// RecoveryPassword is set for recovery-password protectors only. Never logged.
	RecoveryPassword string `json:"recoveryPassword,omitempty"`
	// KeyPackage is the base64 key package where Windows gives one.
	KeyPackage string `json:"keyPackage,omitempty"`
}

// RecoveryPasswords is the volume's recovery-password protectors.
func (v Volume) RecoveryPasswords() []Protector {
	var out []Protector
	for _, p := range v.Protectors {
		if p.Type == RecoveryPasswordType {
			out = append(out, p)
		}
	}
	return out
}
