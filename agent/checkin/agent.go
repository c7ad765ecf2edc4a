package checkin

import (
	"context"
	"errors"
	"log"
	"math/rand"
	"time"

	"keygate.io/agent/bitlocker"
	"keygate.io/agent/realm"
)

// Realm is the check-in endpoint (realm.Client in the agent, a stub in tests).
type Realm interface {
	CheckIn(ctx context.Context, deviceID string, body realm.CheckIn) (realm.Answer, error)
}

// Agent checks one device in. Its log names volumes, key IDs and statuses — never a recovery password, a
// key package or the agent key.
type Agent struct {
	Volumes    bitlocker.Volumes
	Realm      Realm
	DeviceID   string
	DeviceName string
	Owner      string
	Log        *log.Logger

	// fresh is the recovery password a rotation added, by mount point, until the old ones are gone: a
	// rotation interrupted after the add goes on with it instead of adding another.
	fresh map[string]string
}

// Cycle checks in once and, when the answer asks for it, rotates.
func (a *Agent) Cycle(ctx context.Context) (realm.Answer, error) {
	answer, err := a.checkIn(ctx)
	if err != nil || !answer.RotationRequested {
		return answer, err
	}
	return a.rotate(ctx)
}

func (a *Agent) checkIn(ctx context.Context) (realm.Answer, error) {
	volumes, err := a.Volumes.List()
	if err != nil {
		return realm.Answer{}, err
	}
	body := report(a.DeviceName, a.Owner, volumes)
	answer, err := a.Realm.CheckIn(ctx, a.DeviceID, body)
	if err != nil {
		a.Log.Printf("check-in of %s with %d key(s) failed: %v", a.DeviceID, len(body.Keys), err)
		return answer, err
	}
	a.Log.Printf("checked in %s: %s, %d key(s) %v, escrow %s, rotation requested %t", a.DeviceID, body.Encryption,
		len(body.Keys), keyIDs(body.Keys), answer.EscrowStatus, answer.RotationRequested)
	return answer, nil
}

// rotate gives every volume that has recovery passwords a new one, checks in with it, and only then
// removes the old ones (so the server holds a key for every protector the drive has at every moment),
// then checks in again so the server sees the old keys gone. Other protectors (TPM, PIN, startup key) are
// never touched.
func (a *Agent) rotate(ctx context.Context) (realm.Answer, error) {
	volumes, err := a.Volumes.List()
	if err != nil {
		return realm.Answer{}, err
	}
	if a.fresh == nil {
		a.fresh = map[string]string{}
	}
	for _, v := range volumes {
		old := v.RecoveryPasswords()
		if len(old) == 0 {
			continue
		}
		if id, ok := a.fresh[v.MountPoint]; ok && has(old, id) {
			continue
		}
		added, err := a.Volumes.AddRecoveryPassword(v.MountPoint)
		if err != nil {
			return realm.Answer{}, err
		}
		a.fresh[v.MountPoint] = added.ID
		a.Log.Printf("rotation: added recovery password %s to %s", added.ID, v.MountPoint)
	}
	if _, err := a.checkIn(ctx); err != nil {
		return realm.Answer{}, err // the old passwords stay until the new ones are escrowed
	}
	volumes, err = a.Volumes.List()
	if err != nil {
		return realm.Answer{}, err
	}
	for _, v := range volumes {
		id, ok := a.fresh[v.MountPoint]
		if !ok {
			continue
		}
		for _, p := range v.RecoveryPasswords() {
			if p.ID == id {
				continue
			}
			if err := a.Volumes.RemoveRecoveryPassword(v.MountPoint, p.ID); err != nil {
				return realm.Answer{}, err
			}
			a.Log.Printf("rotation: removed recovery password %s from %s", p.ID, v.MountPoint)
		}
		delete(a.fresh, v.MountPoint)
	}
	return a.checkIn(ctx)
}

func has(protectors []bitlocker.Protector, id string) bool {
	for _, p := range protectors {
		if p.ID == id {
			return true
		}
	}
	return false
}

func keyIDs(keys []realm.Key) []string {
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.KeyID
	}
	return ids
}

// Schedule says when the agent checks in.
type Schedule struct {
	Daily time.Duration // the regular check-in, jittered by ±10 % so a fleet does not arrive at once
	Poll  time.Duration // how often the volumes are looked at for a protector change
	Rand  *rand.Rand
	Now   func() time.Time
	// Sleep waits d or until ctx ends (tests replace it to run the clock).
	Sleep func(ctx context.Context, d time.Duration) error
}

// DefaultSchedule: daily, volumes looked at every five minutes.
func DefaultSchedule() Schedule {
	return Schedule{Daily: 24 * time.Hour, Poll: 5 * time.Minute, Rand: rand.New(rand.NewSource(time.Now().UnixNano())),
		Now: time.Now, Sleep: sleep}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Run checks in at once, then whenever a protector or the encryption state changes, daily, and after a
// failure when the back-off says; until ctx ends.
func (a *Agent) Run(ctx context.Context, s Schedule) error {
	next := s.Now() // at start
	reported := ""
	failures := 0
	for {
		if volumes, err := a.Volumes.List(); err == nil && reported != "" && fingerprint(volumes) != reported && failures == 0 {
			a.Log.Printf("protectors changed: checking in")
			next = s.Now()
		}
		if !s.Now().Before(next) {
			_, err := a.Cycle(ctx)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err == nil {
				failures = 0
				if volumes, err := a.Volumes.List(); err == nil {
					reported = fingerprint(volumes)
				}
				next = s.Now().Add(Jittered(s.Daily, s.Rand))
			} else {
				failures++
				wait := RetryDelay(err, failures, s.Daily, s.Rand)
				a.Log.Printf("next attempt in %s", wait.Round(time.Second))
				next = s.Now().Add(wait)
			}
		}
		wait := next.Sub(s.Now())
		if wait > s.Poll {
			wait = s.Poll
		}
		if err := s.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// Jittered is d ± 10 %.
func Jittered(d time.Duration, r *rand.Rand) time.Duration {
	return time.Duration(float64(d) * (0.9 + 0.2*r.Float64()))
}

// RetryDelay is how long to wait after the failures-th failure in a row. The server's Retry-After (429,
// 503) is honoured, never undercut; otherwise 429, 5xx and network errors back off exponentially from 30 s
// to an hour, with jitter. A refusal that waiting does not cure (403 binding mismatch, 400, 409) waits for
// the next daily check-in or a protector change.
func RetryDelay(err error, failures int, daily time.Duration, r *rand.Rand) time.Duration {
	var refusal *realm.Refusal
	if errors.As(err, &refusal) && !refusal.Retryable() {
		return Jittered(daily, r)
	}
	backoff := 30 * time.Second
	for i := 1; i < failures && backoff < time.Hour; i++ {
		backoff *= 2
	}
	if backoff > time.Hour {
		backoff = time.Hour
	}
	backoff = backoff/2 + time.Duration(r.Int63n(int64(backoff/2)+1))
	if refusal != nil && refusal.RetryAfter > backoff {
		return refusal.RetryAfter
	}
	return backoff
}
