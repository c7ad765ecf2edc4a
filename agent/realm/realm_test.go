package realm

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"keygate.io/agent/identity"
)

func claims(t *testing.T, proof string) map[string]interface{} {
	t.Helper()
	parts := strings.Split(proof, ".")
	if len(parts) != 3 {
		t.Fatalf("proof %q", proof)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var c map[string]interface{}
	json.Unmarshal(raw, &c)
	return c
}

func TestTheTokenAndEveryCheckInCarryAProofForThatRequest(t *testing.T) {
	var tokens, checkIns int32
	var server *httptest.Server
	server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := claims(t, r.Header.Get("DPoP"))
		switch r.URL.Path {
		case "/realms/corp/protocol/openid-connect/token":
			n := atomic.AddInt32(&tokens, 1)
			r.ParseForm()
			if r.Form.Get("grant_type") != "client_credentials" || r.Form.Get("client_secret") != "s3cret" {
				t.Errorf("form %v", r.Form)
			}
			if c["htm"] != "POST" || c["htu"] != server.URL+r.URL.Path || c["ath"] != nil {
				t.Errorf("token proof %v", c)
			}
			json.NewEncoder(w).Encode(map[string]interface{}{"access_token": "token-" + string('0'+n), "token_type": "DPoP", "expires_in": 300})
		case "/realms/corp/devices/security/bitlocker/escrow/devices/dev-1":
			n := atomic.AddInt32(&checkIns, 1)
			token := strings.TrimPrefix(r.Header.Get("Authorization"), "DPoP ")
			sum := sha256.Sum256([]byte(token))
			if c["htm"] != "PUT" || c["htu"] != server.URL+r.URL.Path || c["ath"] != base64.RawURLEncoding.EncodeToString(sum[:]) {
				t.Errorf("check-in proof %v for token %s", c, token)
			}
			if n == 1 {
				w.WriteHeader(401) // the token was revoked: the client gets a new one, once
				return
			}
			json.NewEncoder(w).Encode(Answer{EscrowStatus: "ESCROWED", RotationRequested: true})
		default:
			t.Errorf("unexpected %s", r.URL)
		}
	}))
	defer server.Close()
	key, _ := identity.NewInMemory()
	c := &Client{RealmURL: server.URL + "/realms/corp", ClientID: "agent", ClientSecret: "s3cret", Key: key}

	answer, err := c.CheckIn(context.Background(), "dev-1", CheckIn{DeviceName: "PC", Encryption: "ENCRYPTED", Keys: []Key{}})

	if err != nil || !answer.RotationRequested || answer.EscrowStatus != "ESCROWED" {
		t.Fatalf("%+v %v", answer, err)
	}
	if tokens != 2 || checkIns != 2 {
		t.Errorf("tokens %d check-ins %d", tokens, checkIns)
	}
}

func TestARefusalCarriesItsCodeAndRetryAfterButNotTheBody(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/token") {
			json.NewEncoder(w).Encode(map[string]interface{}{"access_token": "t", "token_type": "DPoP", "expires_in": 300})
			return
		}
		w.Header().Set("Retry-After", "120")
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(429)
		w.Write([]byte(`{"code":"rate_limited","detail":"echo 111111-222222"}`))
	}))
	defer server.Close()
	key, _ := identity.NewInMemory()
	c := &Client{RealmURL: server.URL + "/realms/corp", ClientID: "agent", ClientSecret: "s", Key: key}

	_, err := c.CheckIn(context.Background(), "dev-1", CheckIn{Keys: []Key{}})

	r, ok := err.(*Refusal)
	if !ok || r.Status != 429 || r.Code != "rate_limited" || r.RetryAfter != 2*time.Minute || !r.Retryable() {
		t.Fatalf("%#v", err)
	}
	if strings.Contains(err.Error(), "111111") {
		t.Error("the refusal repeats the body")
	}
}

func TestRetryAfterReadsSecondsAndHTTPDates(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for value, want := range map[string]time.Duration{"30": 30 * time.Second, "": 0, "soon": 0,
		"Mon, 07 Dec 2026 10:05:00 GMT": 5 * time.Minute, "Mon, 07 Dec 2026 09:00:00 GMT": 0} {
		if got := retryAfter(value, now); got != want {
			t.Errorf("Retry-After %q: %s, want %s", value, got, want)
		}
	}
}

func TestABearerTokenIsRefused(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]interface{}{"access_token": "t", "token_type": "Bearer", "expires_in": 300})
	}))
	defer server.Close()
	key, _ := identity.NewInMemory()
	c := &Client{RealmURL: server.URL + "/realms/corp", ClientID: "agent", ClientSecret: "s", Key: key}
	if _, err := c.Token(context.Background()); err == nil || !strings.Contains(err.Error(), "DPoP") {
		t.Fatalf("%v", err)
	}
}
