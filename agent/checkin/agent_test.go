package checkin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"keygate.io/agent/bitlocker"
	"keygate.io/agent/realm"
)

// stubRealm answers check-ins from a script and records every body.
type stubRealm struct {
	bodies  []realm.CheckIn
	answers []func(realm.CheckIn) (realm.Answer, error)
}

func (s *stubRealm) CheckIn(_ context.Context, _ string, body realm.CheckIn) (realm.Answer, error) {
	s.bodies = append(s.bodies, body)
	if len(s.answers) == 0 {
		return realm.Answer{EscrowStatus: "ESCROWED"}, nil
	}
	next := s.answers[0]
	s.answers = s.answers[1:]
	return next(body)
}

func answer(a realm.Answer, err error) func(realm.CheckIn) (realm.Answer, error) {
	return func(realm.CheckIn) (realm.Answer, error) { return a, err }
}

// laptop is an OS volume protected by TPM+PIN and a recovery password, and a data drive with a recovery
// password and a startup key.
func laptop(t *testing.T) *bitlocker.File {
	t.Helper()
	volumes := []bitlocker.Volume{
		{MountPoint: "C:", VolumeType: bitlocker.OperatingSystem, Encryption: bitlocker.Encrypted, Protectors: []bitlocker.Protector{
			{ID: "11111111-1111-4111-8111-111111111111", Type: "TpmPin"},
			{ID: bitlocker.NewGUID(), Type: bitlocker.RecoveryPasswordType, RecoveryPassword: bitlocker.NewRecoveryPassword(), KeyPackage: "a2V5cGFja2FnZQ=="},
		}},
		{MountPoint: "D:", VolumeType: bitlocker.FixedData, Encryption: bitlocker.Encrypted, Protectors: []bitlocker.Protector{
			{ID: bitlocker.NewGUID(), Type: bitlocker.RecoveryPasswordType, RecoveryPassword: bitlocker.NewRecoveryPassword()},
			{ID: "22222222-2222-4222-8222-222222222222", Type: "ExternalKey"},
		}},
	}
	path := filepath.Join(t.TempDir(), "volumes.json")
	data, _ := json.Marshal(volumes)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return &bitlocker.File{Path: path}
}

func newAgent(v bitlocker.Volumes, r Realm, logs *bytes.Buffer) *Agent {
	return &Agent{Volumes: v, Realm: r, DeviceID: "5b0e6c43-6a54-4f7c-9a1e-0c8f2d7f9b11", DeviceName: "LAPTOP-1",
		Log: log.New(logs, "", 0)}
}

func ids(keys []realm.Key) []string {
	return keyIDs(keys)
}

func recoveryPasswords(t *testing.T, v bitlocker.Volumes) map[string]string {
	volumes, err := v.List()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, vol := range volumes {
		for _, p := range vol.RecoveryPasswords() {
			out[p.ID] = p.RecoveryPassword
		}
	}
	return out
}

func TestACheckInReportsEveryRecoveryPasswordWithItsVolumeAndTheOSVolumesState(t *testing.T) {
	volumes := laptop(t)
	stub := &stubRealm{}
	if _, err := newAgent(volumes, stub, &bytes.Buffer{}).Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	body := stub.bodies[0]
	if body.DeviceName != "LAPTOP-1" || body.Encryption != bitlocker.Encrypted || len(body.Keys) != 2 {
		t.Fatalf("body %+v", body)
	}
	if body.Keys[0].VolumeType != bitlocker.OperatingSystem || body.Keys[1].VolumeType != bitlocker.FixedData {
		t.Errorf("volume types %+v", body.Keys)
	}
	if body.Keys[0].KeyPackage == "" || body.Keys[1].KeyPackage != "" {
		t.Errorf("key packages where Windows gave them only: %+v", body.Keys)
	}
	for _, k := range body.Keys {
		if k.RecoveryPassword != recoveryPasswords(t, volumes)[k.KeyID] {
			t.Errorf("key %s reported with another password", k.KeyID)
		}
	}
	if encryption([]bitlocker.Volume{{VolumeType: bitlocker.FixedData, Encryption: bitlocker.Encrypting}}) != bitlocker.Encrypting ||
		encryption(nil) != bitlocker.NotEncrypted {
		t.Error("a device without OS volume takes its most advanced data volume's state")
	}
}

func TestARequestedRotationAddsANewPasswordChecksInWithItThenRemovesTheOldOneAndNeverAnotherProtector(t *testing.T) {
	volumes := laptop(t)
	before := recoveryPasswords(t, volumes)
	stub := &stubRealm{answers: []func(realm.CheckIn) (realm.Answer, error){answer(realm.Answer{RotationRequested: true}, nil)}}

	if _, err := newAgent(volumes, stub, &bytes.Buffer{}).Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}

	if len(stub.bodies) != 3 {
		t.Fatalf("%d check-ins, want: before, with both, after removal", len(stub.bodies))
	}
	if len(stub.bodies[1].Keys) != 4 {
		t.Errorf("the check-in after the add must list old and new passwords: %v", ids(stub.bodies[1].Keys))
	}
	after := recoveryPasswords(t, volumes)
	if len(after) != 2 {
		t.Fatalf("one recovery password per volume after rotation: %v", after)
	}
	for id := range after {
		if _, old := before[id]; old {
			t.Errorf("old password %s still on the drive", id)
		}
	}
	if got := ids(stub.bodies[2].Keys); len(got) != 2 || after[got[0]] == "" || after[got[1]] == "" {
		t.Errorf("last check-in lists %v, want the new passwords", got)
	}
	list, _ := volumes.List()
	if list[0].Protectors[0].Type != "TpmPin" || list[1].Protectors[0].Type != "ExternalKey" {
		t.Errorf("rotation touched a protector that is not a recovery password: %+v", list)
	}
}

func TestARotationWhoseCheckInFailsKeepsTheOldPasswordAndGoesOnWithTheSameNewOne(t *testing.T) {
	volumes := laptop(t)
	before := recoveryPasswords(t, volumes)
	down := &realm.Refusal{Status: 503, RetryAfter: time.Minute}
	stub := &stubRealm{answers: []func(realm.CheckIn) (realm.Answer, error){
		answer(realm.Answer{RotationRequested: true}, nil), answer(realm.Answer{}, down)}}
	agent := newAgent(volumes, stub, &bytes.Buffer{})

	if _, err := agent.Cycle(context.Background()); !errors.Is(err, down) {
		t.Fatalf("error %v", err)
	}
	mid := recoveryPasswords(t, volumes)
	for id := range before {
		if mid[id] == "" {
			t.Fatalf("old password %s removed before the new one was escrowed", id)
		}
	}
	if len(mid) != 4 {
		t.Fatalf("passwords %d", len(mid))
	}

	stub.answers = []func(realm.CheckIn) (realm.Answer, error){answer(realm.Answer{RotationRequested: true}, nil)}
	if _, err := agent.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	after := recoveryPasswords(t, volumes)
	if len(after) != 2 {
		t.Fatalf("passwords after the resumed rotation: %d", len(after))
	}
	for id := range after {
		if mid[id] == "" {
			t.Errorf("the resumed rotation added yet another password %s", id)
		}
	}
}

func TestTheFakeRefusesToRemoveAnythingButARecoveryPassword(t *testing.T) {
	volumes := laptop(t)
	if err := volumes.RemoveRecoveryPassword("C:", "11111111-1111-4111-8111-111111111111"); err == nil {
		t.Fatal("removed the TPM+PIN protector")
	}
}

var recoveryPasswordShape = regexp.MustCompile(`\d{6}(-\d{6}){7}`)

func TestNoRecoveryPasswordOrKeyPackageReachesTheLog(t *testing.T) {
	volumes := laptop(t)
	var logs bytes.Buffer
	stub := &stubRealm{answers: []func(realm.CheckIn) (realm.Answer, error){
		answer(realm.Answer{RotationRequested: true}, nil), answer(realm.Answer{}, &realm.Refusal{Status: 500})}}
	agent := newAgent(volumes, stub, &logs)
	agent.Cycle(context.Background())
	stub.answers = []func(realm.CheckIn) (realm.Answer, error){answer(realm.Answer{RotationRequested: true}, nil)}
	if _, err := agent.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}

	text := logs.String()
	if !strings.Contains(text, "rotation: removed recovery password") {
		t.Fatalf("the log does not tell the rotation: %s", text)
	}
	if recoveryPasswordShape.MatchString(text) || strings.Contains(text, "a2V5cGFja2FnZQ") {
		t.Errorf("a key reached the log:\n%s", text)
	}
	for _, b := range stub.bodies {
		for _, k := range b.Keys {
			if strings.Contains(text, k.RecoveryPassword) {
				t.Errorf("password of %s logged", k.KeyID)
			}
		}
	}
}

func TestRetryDelayHonoursRetryAfterAndBacksOffExponentiallyUpToAnHour(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	if d := RetryDelay(&realm.Refusal{Status: 429, RetryAfter: 17 * time.Minute}, 1, 24*time.Hour, r); d != 17*time.Minute {
		t.Errorf("429 with Retry-After 17 min: %s", d)
	}
	if d := RetryDelay(&realm.Refusal{Status: 503, RetryAfter: time.Second}, 3, 24*time.Hour, r); d < 60*time.Second || d > 120*time.Second {
		t.Errorf("a Retry-After shorter than the back-off does not shorten it: %s", d)
	}
	for failures, bounds := range map[int][2]time.Duration{1: {15 * time.Second, 30 * time.Second}, 2: {30 * time.Second, time.Minute},
		5: {4 * time.Minute, 8 * time.Minute}, 20: {30 * time.Minute, time.Hour}} {
		for i := 0; i < 100; i++ {
			d := RetryDelay(errors.New("connection refused"), failures, 24*time.Hour, r)
			if d < bounds[0] || d > bounds[1] {
				t.Fatalf("failure %d: %s outside %v", failures, d, bounds)
			}
		}
	}
	if d := RetryDelay(&realm.Refusal{Status: 403, Code: "device_binding_mismatch"}, 1, 24*time.Hour, r); d < 21*time.Hour {
		t.Errorf("a refusal that waiting does not cure waits for the daily check-in: %s", d)
	}
}

// clock runs Run's time: Sleep advances it instead of waiting.
type clock struct {
	now    time.Time
	sleeps []time.Duration
	until  time.Time
	cancel context.CancelFunc
	during func(now time.Time)
}

func (c *clock) Now() time.Time { return c.now }

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	if c.during != nil {
		c.during(c.now)
	}
	if !c.now.Before(c.until) {
		c.cancel()
		return context.Canceled
	}
	return nil
}

func TestRunChecksInAtStartBacksOffAsToldOnAProtectorChangeAndDaily(t *testing.T) {
	volumes := laptop(t)
	start := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	var at []time.Time
	c := &clock{now: start, until: start.Add(50 * time.Hour)}
	stub := &stubRealm{}
	stub.answers = []func(realm.CheckIn) (realm.Answer, error){
		func(realm.CheckIn) (realm.Answer, error) {
			at = append(at, c.now)
			return realm.Answer{}, &realm.Refusal{Status: 429, RetryAfter: 20 * time.Minute}
		},
	}
	for i := 0; i < 10; i++ {
		stub.answers = append(stub.answers, func(realm.CheckIn) (realm.Answer, error) {
			at = append(at, c.now)
			return realm.Answer{EscrowStatus: "ESCROWED"}, nil
		})
	}
	changed := false
	c.during = func(now time.Time) {
		if !changed && now.After(start.Add(3*time.Hour)) {
			changed = true
			volumes.AddRecoveryPassword("D:") // someone adds a protector with manage-bde
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	s := Schedule{Daily: 24 * time.Hour, Poll: 5 * time.Minute, Rand: rand.New(rand.NewSource(2)), Now: c.Now, Sleep: c.Sleep}

	if err := newAgent(volumes, stub, &bytes.Buffer{}).Run(ctx, s); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}

	if len(at) < 4 {
		t.Fatalf("check-ins at %v", at)
	}
	if !at[0].Equal(start) {
		t.Errorf("first check-in at %s, want at start", at[0])
	}
	if got := at[1].Sub(at[0]); got < 20*time.Minute || got > 25*time.Minute {
		t.Errorf("after 429 Retry-After 20 min the next attempt came %s later", got)
	}
	if got := at[2].Sub(start); got < 3*time.Hour || got > 3*time.Hour+5*time.Minute {
		t.Errorf("the protector change was reported %s after start, want within a poll of 3 h", got)
	}
	if got := at[3].Sub(at[2]); got < 21*time.Hour || got > 27*time.Hour {
		t.Errorf("the daily check-in came %s later", got)
	}
	for _, d := range c.sleeps {
		if d > s.Poll {
			t.Fatalf("slept %s, longer than a poll", d)
		}
	}
}
