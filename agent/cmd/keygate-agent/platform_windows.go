//go:build windows

package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"keygate.io/agent/bitlocker"
	"keygate.io/agent/config"
)

func openVolumes(cfg *config.Config) (bitlocker.Volumes, error) {
	if cfg.Volumes != "" {
		return nil, errors.New("the Windows agent reads BitLocker itself: -volumes is for the Linux build")
	}
	return &bitlocker.PowerShell{}, nil
}

// logOutput is the service's log under ProgramData (key IDs and statuses, never a key), started afresh
// when it passed a megabyte.
func logOutput() io.Writer {
	dir := filepath.Join(os.Getenv("ProgramData"), "Keygate", "BitLocker Agent")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return os.Stderr
	}
	path := filepath.Join(dir, "agent.log")
	if info, err := os.Stat(path); err == nil && info.Size() > 1<<20 {
		os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return os.Stderr
	}
	return f
}
