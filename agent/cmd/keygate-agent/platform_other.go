//go:build !windows

package main

import (
	"errors"
	"io"
	"os"

	"keygate.io/agent/bitlocker"
	"keygate.io/agent/config"
)

// openVolumes: Linux has no BitLocker; the Linux build (tests, CI) reads the JSON description of volumes.
func openVolumes(cfg *config.Config) (bitlocker.Volumes, error) {
	if cfg.Volumes == "" {
		return nil, errors.New("the Linux build has no BitLocker: give -volumes FILE.json")
	}
	return &bitlocker.File{Path: cfg.Volumes}, nil
}

func logOutput() io.Writer { return os.Stderr }
