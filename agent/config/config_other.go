//go:build !windows

package config

import "os"

// Load starts from the environment: KEYGATE_CLIENT_SECRET (a secret on the command line would show in
// the process list), KEYGATE_REALM_URL, KEYGATE_CLIENT_ID, KEYGATE_DEVICE_ID, KEYGATE_OWNER.
func Load() (*Config, error) {
	name, _ := os.Hostname()
	return &Config{
		RealmURL:     os.Getenv("KEYGATE_REALM_URL"),
		ClientID:     os.Getenv("KEYGATE_CLIENT_ID"),
		ClientSecret: os.Getenv("KEYGATE_CLIENT_SECRET"),
		DeviceID:     os.Getenv("KEYGATE_DEVICE_ID"),
		DeviceName:   name,
		Owner:        os.Getenv("KEYGATE_OWNER"),
	}, nil
}
