// Package config is what the agent is told by its installer: the realm, the client, the device.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Config is the agent's settings. On Windows the installer writes them to the registry (config_windows.go);
// flags override them.
type Config struct {
	RealmURL     string // https://id.example.com/realms/corp
	ClientID     string
	ClientSecret string // never logged
	DeviceID     string // a GUID, stable across re-imaging where the hardware gives one
	DeviceName   string
	Owner        string // a username or verified e-mail address (SPEC §9's owner rule), optional
	Volumes      string // Linux build: the JSON description of volumes standing in for BitLocker
	KeyFile      string // Linux build: where its software key is kept
}

var guid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Bind registers the flags that override c.
func (c *Config) Bind(fs *flag.FlagSet) {
	fs.StringVar(&c.RealmURL, "realm-url", c.RealmURL, "the realm's URL, e.g. https://id.example.com/realms/corp")
	fs.StringVar(&c.ClientID, "client-id", c.ClientID, "the agent's client (its service account holds bitlocker-escrow-agent)")
	fs.StringVar(&c.DeviceID, "device-id", c.DeviceID, "the device's ID (a GUID)")
	fs.StringVar(&c.DeviceName, "device-name", c.DeviceName, "the device's name")
	fs.StringVar(&c.Owner, "owner", c.Owner, "the device's owner: a username or a verified e-mail address")
	fs.StringVar(&c.Volumes, "volumes", c.Volumes, "Linux build: JSON description of volumes and protectors")
	fs.StringVar(&c.KeyFile, "key-file", c.KeyFile, "Linux build: where the agent key is kept")
}

// Check says what is missing or malformed for talking to the realm.
func (c *Config) Check() error {
	var problems []string
	// Plain http only to this machine itself (tests): the token and every recovery password travel on it.
	if u, err := url.Parse(c.RealmURL); err != nil || !strings.Contains(u.Path, "/realms/") ||
		!(u.Scheme == "https" || u.Scheme == "http" && (u.Hostname() == "localhost" || net.ParseIP(u.Hostname()).IsLoopback())) {
		problems = append(problems, fmt.Sprintf("realm URL %q is not https://host/realms/NAME", c.RealmURL))
	}
	if c.ClientID == "" {
		problems = append(problems, "no client ID")
	}
	if c.ClientSecret == "" {
		problems = append(problems, "no client secret")
	}
	if !guid.MatchString(c.DeviceID) {
		problems = append(problems, fmt.Sprintf("device ID %q is not a GUID", c.DeviceID))
	}
	if c.DeviceName == "" {
		problems = append(problems, "no device name")
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	c.DeviceID = strings.ToLower(c.DeviceID)
	return nil
}
