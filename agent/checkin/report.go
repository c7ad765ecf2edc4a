// Package checkin is the agent's behaviour: what a check-in reports, when the agent checks in (service
// start, a protector change, daily with jitter), the rotation the server asks for, and the back-off.
package checkin

import (
	"sort"
	"strings"

	"keygate.io/agent/bitlocker"
	"keygate.io/agent/realm"
)

// report is the check-in body for the volumes as they are now: every recovery-password protector of every
// volume, and the device's encryption state.
func report(name, owner string, volumes []bitlocker.Volume) realm.CheckIn {
	body := realm.CheckIn{DeviceName: name, Owner: owner, Encryption: encryption(volumes), Keys: []realm.Key{}}
	for _, v := range volumes {
		for _, p := range v.RecoveryPasswords() {
			body.Keys = append(body.Keys, realm.Key{KeyID: strings.ToLower(p.ID), RecoveryPassword: p.RecoveryPassword,
				VolumeType: v.VolumeType, KeyPackage: p.KeyPackage})
		}
	}
	return body
}

// encryption is the device's state: that of its operating-system volume (what a recovery screen guards),
// else the most advanced of its data volumes.
func encryption(volumes []bitlocker.Volume) string {
	rank := map[string]int{bitlocker.NotEncrypted: 0, bitlocker.Encrypting: 1, bitlocker.Encrypted: 2, bitlocker.Failed: 3}
	state := bitlocker.NotEncrypted
	for _, v := range volumes {
		if v.VolumeType == bitlocker.OperatingSystem {
			return v.Encryption
		}
		if rank[v.Encryption] > rank[state] {
			state = v.Encryption
		}
	}
	return state
}

// fingerprint names what a check-in would report, without any secret: a change means check in now.
func fingerprint(volumes []bitlocker.Volume) string {
	var parts []string
	for _, v := range volumes {
		for _, p := range v.RecoveryPasswords() {
			parts = append(parts, v.MountPoint+"/"+strings.ToLower(p.ID))
		}
		parts = append(parts, v.MountPoint+"="+v.Encryption)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}
