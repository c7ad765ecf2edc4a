// Package realm speaks to the Keycloak realm: the client-credentials token (DPoP-bound) and the device
// check-in of SPEC §3 (PUT /realms/{realm}/devices/security/bitlocker/escrow/devices/{deviceId}).
package realm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"keygate.io/agent/dpop"
)

// Client is one agent's connection to its realm.
type Client struct {
	// RealmURL is the realm's base, e.g. https://id.example.com/realms/corp.
	RealmURL     string
	ClientID     string
	ClientSecret string
	Key          dpop.Signer
	HTTP         *http.Client
	Now          func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// Key is one recovery-password protector as the check-in reports it.
type Key struct {
	KeyID            string `json:"keyId"`
	RecoveryPassword string `json:"recoveryPassword"`
	VolumeType       string `json:"volumeType"`
	KeyPackage       string `json:"keyPackage,omitempty"`
}

// CheckIn is the body of SPEC §3's check-in.
type CheckIn struct {
	DeviceName string `json:"deviceName"`
	Owner      string `json:"owner,omitempty"`
	Encryption string `json:"encryption"`
	Keys       []Key  `json:"keys"`
}

// Answer is the server's answer to a check-in.
type Answer struct {
	EscrowStatus      string `json:"escrowStatus"`
	RotationRequested bool   `json:"rotationRequested"`
}

// Refusal is an HTTP answer other than success. Retryable ones (429, 5xx) carry the server's Retry-After.
type Refusal struct {
	Status     int
	Code       string
	RetryAfter time.Duration
}

func (r *Refusal) Error() string {
	if r.Code != "" {
		return fmt.Sprintf("HTTP %d %s", r.Status, r.Code)
	}
	return fmt.Sprintf("HTTP %d", r.Status)
}

// Retryable says whether trying again later may succeed: too many requests, or the server failing.
func (r *Refusal) Retryable() bool { return r.Status == http.StatusTooManyRequests || r.Status >= 500 }

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

// CheckInURL is the check-in endpoint of a device.
func (c *Client) CheckInURL(deviceID string) string {
	return strings.TrimRight(c.RealmURL, "/") + "/devices/security/bitlocker/escrow/devices/" + url.PathEscape(deviceID)
}

// Token is a DPoP-bound access token of the agent's client, reused while it is fresh.
func (c *Client) Token(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && c.now().Before(c.expires) {
		return c.token, nil
	}
	endpoint := strings.TrimRight(c.RealmURL, "/") + "/protocol/openid-connect/token"
	proof, err := dpop.Proof(c.Key, http.MethodPost, endpoint, "", c.now())
	if err != nil {
		return "", err
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("DPoP", proof)
	var answer struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := c.send(req, &answer); err != nil {
		return "", fmt.Errorf("token of client %s: %w", c.ClientID, err)
	}
	if !strings.EqualFold(answer.TokenType, "DPoP") || answer.AccessToken == "" {
		return "", fmt.Errorf("token of client %s: got a %q token, not a DPoP-bound one (is DPoP enabled for the client?)",
			c.ClientID, answer.TokenType)
	}
	c.token = answer.AccessToken
	// Renewed half a minute early: a check-in must not carry a token that expires on the way.
	c.expires = c.now().Add(time.Duration(answer.ExpiresIn-30) * time.Second)
	return c.token, nil
}

func (c *Client) forgetToken() {
	c.mu.Lock()
	c.token = ""
	c.mu.Unlock()
}

// CheckIn reports the device's state. A 401 (token expired or revoked) is tried once more with a new token.
func (c *Client) CheckIn(ctx context.Context, deviceID string, body CheckIn) (Answer, error) {
	payload, err := json.Marshal(body)
	if err != nil {
		return Answer{}, err
	}
	var answer Answer
	for attempt := 0; ; attempt++ {
		token, err := c.Token(ctx)
		if err != nil {
			return Answer{}, err
		}
		target := c.CheckInURL(deviceID)
		proof, err := dpop.Proof(c.Key, http.MethodPut, target, token, c.now())
		if err != nil {
			return Answer{}, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, target, bytes.NewReader(payload))
		if err != nil {
			return Answer{}, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "DPoP "+token)
		req.Header.Set("DPoP", proof)
		err = c.send(req, &answer)
		if r, ok := err.(*Refusal); ok && r.Status == http.StatusUnauthorized && attempt == 0 {
			c.forgetToken()
			continue
		}
		return answer, err
	}
}

// send does the request and reads a JSON answer, or returns a Refusal carrying only the problem's code
// (never a body: whatever the server says is not ours to log in full).
func (c *Client) send(req *http.Request, into interface{}) error {
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		refusal := &Refusal{Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), c.now())}
		var problem struct {
			Code  string `json:"code"`
			Error string `json:"error"`
		}
		if json.Unmarshal(data, &problem) == nil {
			refusal.Code = problem.Code
			if refusal.Code == "" {
				refusal.Code = problem.Error
			}
		}
		return refusal
	}
	return json.Unmarshal(data, into)
}

// retryAfter reads Retry-After: seconds, or an HTTP date (RFC 9110 §10.2.3); zero when absent or unreadable.
func retryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if s, err := strconv.ParseInt(value, 10, 64); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(value); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
