//go:build windows

package bitlocker

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"keygate.io/agent/internal/powershell"
)

// PowerShell is BitLocker through the BitLocker PowerShell module (Get-BitLockerVolume,
// Add-/Remove-BitLockerKeyProtector), never manage-bde's localised text. Key packages come from the
// Win32_EncryptableVolume WMI class where Windows gives them, once per protector: the agent looks at the
// volumes every few minutes and a protector's key package does not change.
type PowerShell struct {
	mu       sync.Mutex
	packages map[string]string // protector ID → base64 key package ("" where Windows gave none)
}

const listScript = `
$known = @($env:KEYGATE_KNOWN_PACKAGES -split ',')
$removable = @{}
Get-CimInstance Win32_LogicalDisk | ForEach-Object { if ($_.DriveType -eq 2) { $removable[$_.DeviceID] = $true } }
$encryptable = @{}
try {
  Get-CimInstance -Namespace 'root\cimv2\Security\MicrosoftVolumeEncryption' -ClassName Win32_EncryptableVolume |
    ForEach-Object { $encryptable[$_.DriveLetter] = $_ }
} catch {}
$volumes = @(Get-BitLockerVolume | ForEach-Object {
  $v = $_
  $type = if ($v.VolumeType.ToString() -eq 'OperatingSystem') { 'OPERATING_SYSTEM' }
          elseif ($removable[$v.MountPoint]) { 'REMOVABLE_DATA' } else { 'FIXED_DATA' }
  $state = switch ($v.VolumeStatus.ToString()) {
    'FullyEncrypted' { 'ENCRYPTED' } 'EncryptionInProgress' { 'ENCRYPTING' } 'EncryptionPaused' { 'ENCRYPTING' }
    default { 'NOT_ENCRYPTED' } }
  [pscustomobject]@{
    mountPoint = $v.MountPoint
    volumeType = $type
    encryption = $state
    protectors = @($v.KeyProtector | ForEach-Object {
      $package = $null
      $id = $_.KeyProtectorId.Trim('{}').ToLowerInvariant()
      if ($_.KeyProtectorType.ToString() -eq 'RecoveryPassword' -and $encryptable[$v.MountPoint] -and $known -notcontains $id) {
        try {
          $r = Invoke-CimMethod -InputObject $encryptable[$v.MountPoint] -MethodName GetKeyPackage -Arguments @{ VolumeKeyProtectorID = $_.KeyProtectorId }
          if ($r.ReturnValue -eq 0) { $package = [Convert]::ToBase64String($r.KeyPackage) }
        } catch {}
      }
      [pscustomobject]@{
        id = $id
        type = $_.KeyProtectorType.ToString()
        recoveryPassword = $_.RecoveryPassword
        keyPackage = $package
      }
    })
  }
})
ConvertTo-Json -InputObject $volumes -Depth 5 -Compress
`

const addScript = `
$before = @((Get-BitLockerVolume -MountPoint $env:KEYGATE_MOUNT).KeyProtector | ForEach-Object { $_.KeyProtectorId })
$after = Add-BitLockerKeyProtector -MountPoint $env:KEYGATE_MOUNT -RecoveryPasswordProtector -WarningAction SilentlyContinue
$new = @($after.KeyProtector | Where-Object { $before -notcontains $_.KeyProtectorId -and $_.KeyProtectorType.ToString() -eq 'RecoveryPassword' })
if ($new.Count -ne 1) { throw "expected one new recovery password protector, found $($new.Count)" }
ConvertTo-Json -Compress -InputObject ([pscustomobject]@{
  id = $new[0].KeyProtectorId.Trim('{}').ToLowerInvariant(); type = 'RecoveryPassword'; recoveryPassword = $new[0].RecoveryPassword })
`

// removeScript checks the protector's type once more, in the same process that removes it.
const removeScript = `
$id = '{' + $env:KEYGATE_PROTECTOR + '}'
$p = @((Get-BitLockerVolume -MountPoint $env:KEYGATE_MOUNT).KeyProtector | Where-Object { $_.KeyProtectorId -eq $id })
if ($p.Count -ne 1) { throw "no protector $id" }
if ($p[0].KeyProtectorType.ToString() -ne 'RecoveryPassword') { throw "protector $id is not a recovery password" }
Remove-BitLockerKeyProtector -MountPoint $env:KEYGATE_MOUNT -KeyProtectorId $id | Out-Null
`

func (p *PowerShell) List() ([]Volume, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.packages == nil {
		p.packages = map[string]string{}
	}
	known := make([]string, 0, len(p.packages))
	for id := range p.packages {
		known = append(known, id)
	}
	out, err := powershell.Run(listScript, map[string]string{"KEYGATE_KNOWN_PACKAGES": strings.Join(known, ",")})
	if err != nil {
		return nil, err
	}
	var volumes []Volume
	if err := json.Unmarshal(out, &volumes); err != nil {
		return nil, fmt.Errorf("Get-BitLockerVolume answered no volume list") // not %w: the output holds passwords
	}
	for _, v := range volumes {
		for i, pr := range v.Protectors {
			if pr.Type != RecoveryPasswordType {
				continue
			}
			if cached, ok := p.packages[pr.ID]; ok {
				v.Protectors[i].KeyPackage = cached
			} else {
				p.packages[pr.ID] = pr.KeyPackage
			}
		}
	}
	return volumes, nil
}

func (*PowerShell) AddRecoveryPassword(mountPoint string) (Protector, error) {
	out, err := powershell.Run(addScript, map[string]string{"KEYGATE_MOUNT": mountPoint})
	if err != nil {
		return Protector{}, err
	}
	var p Protector
	if err := json.Unmarshal(out, &p); err != nil || p.ID == "" || p.RecoveryPassword == "" {
		return Protector{}, fmt.Errorf("Add-BitLockerKeyProtector on %s answered no protector", mountPoint)
	}
	return p, nil
}

func (p *PowerShell) RemoveRecoveryPassword(mountPoint, protectorID string) error {
	volumes, err := p.List()
	if err != nil {
		return err
	}
	for _, v := range volumes {
		for _, pr := range v.Protectors {
			if v.MountPoint == mountPoint && strings.EqualFold(pr.ID, protectorID) && pr.Type != RecoveryPasswordType {
				return fmt.Errorf("protector %s of %s is a %s protector, not a recovery password", pr.ID, mountPoint, pr.Type)
			}
		}
	}
	_, err = powershell.Run(removeScript, map[string]string{"KEYGATE_MOUNT": mountPoint, "KEYGATE_PROTECTOR": strings.ToLower(protectorID)})
	return err
}
