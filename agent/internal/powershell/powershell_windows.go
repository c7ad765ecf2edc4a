//go:build windows

// Package powershell runs Windows PowerShell scripts for the agent. Objects come back as JSON
// (ConvertTo-Json), never as the localised text of a console tool; parameters travel in environment
// variables, never spliced into the script.
package powershell

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// Run runs script with the given KEYGATE_* variables and returns its standard output. The error carries
// standard error only (the output may hold recovery passwords).
func Run(script string, env map[string]string) ([]byte, error) {
	exe := filepath.Join(os.Getenv("SystemRoot"), "System32", "WindowsPowerShell", "v1.0", "powershell.exe")
	cmd := exec.Command(exe, "-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
		"-EncodedCommand", encode("$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'\n"+script))
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("powershell: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// encode is -EncodedCommand's form: base64 of UTF-16LE.
func encode(script string) string {
	units := utf16.Encode([]rune(script))
	b := make([]byte, 2*len(units))
	for i, u := range units {
		b[2*i] = byte(u)
		b[2*i+1] = byte(u >> 8)
	}
	return base64.StdEncoding.EncodeToString(b)
}
