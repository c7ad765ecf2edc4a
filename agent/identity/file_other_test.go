//go:build !windows

package identity

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"keygate.io/agent/dpop"
)

func TestTheLinuxBuildsKeyIsKeptOwnerOnlyAndAgentsStartingTogetherShareOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agent", "key")
	prints := make([]string, 8)
	var wg sync.WaitGroup
	for i := range prints {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			k, err := Open(path)
			if err != nil {
				t.Error(err)
				return
			}
			prints[i] = dpop.Thumbprint(k.Public())
		}(i)
	}
	wg.Wait()
	for _, p := range prints {
		if p != prints[0] {
			t.Fatalf("agents starting together made different keys: %v", prints)
		}
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v %v", info, err)
	}
	again, _ := Open(path)
	if dpop.Thumbprint(again.Public()) != prints[0] {
		t.Error("the key changed between runs")
	}
}
