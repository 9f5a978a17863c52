package auth_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/kg"
)

var secret = []byte("0123456789abcdef0123456789abcdef")

func token(t *testing.T, c auth.Claims) string {
	t.Helper()
	s, err := auth.SignJWT(c, secret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// handmade signs an arbitrary header and payload, to forge what SignJWT never makes.
func handmade(header, payload string, key []byte) string {
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(signing))
	return signing + "." + enc.EncodeToString(mac.Sum(nil))
}

func TestVerifyJWT(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	exp := now.Add(time.Hour).Unix()
	cfg := auth.JWTConfig{Secret: secret, Issuer: "https://idp.example", Audience: "diplograph"}
	good := auth.Claims{Subject: "alice", Role: "editor", ExpiresAt: exp, Issuer: "https://idp.example", Audience: []string{"other", "diplograph"}}
	cases := []struct {
		name  string
		token string
		want  error
	}{
		{"OK", token(t, good), nil},
		{"ErrExpired", token(t, auth.Claims{Subject: "alice", Role: "editor", ExpiresAt: now.Add(-time.Hour).Unix(), Issuer: good.Issuer, Audience: good.Audience}), auth.ErrExpired},
		{"ErrNotYetValid", token(t, auth.Claims{Subject: "a", Role: "reader", ExpiresAt: exp, NotBefore: now.Add(time.Hour).Unix(), Issuer: good.Issuer, Audience: good.Audience}), auth.ErrNotYetValid},
		{"ErrNoExpiry", token(t, auth.Claims{Subject: "alice", Role: "editor", Issuer: good.Issuer, Audience: good.Audience}), auth.ErrClaims},
		{"ErrUnknownRole", token(t, auth.Claims{Subject: "alice", Role: "root", ExpiresAt: exp, Issuer: good.Issuer, Audience: good.Audience}), auth.ErrClaims},
		{"ErrWrongIssuer", token(t, auth.Claims{Subject: "alice", Role: "editor", ExpiresAt: exp, Issuer: "evil", Audience: good.Audience}), auth.ErrWrongIssuer},
		{"ErrWrongAudience", token(t, auth.Claims{Subject: "alice", Role: "editor", ExpiresAt: exp, Issuer: good.Issuer, Audience: []string{"x"}}), auth.ErrWrongAudience},
		{"ErrOtherSecret", handmade(`{"alg":"HS256"}`, `{"sub":"a","role":"admin","exp":1900000000}`, []byte("another secret of thirty-two bytes!")), auth.ErrSignature},
		{"ErrAlgNone", base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"a","role":"admin","exp":1900000000}`)) + ".", auth.ErrAlgorithm},
		{"ErrAlgHS512", handmade(`{"alg":"HS512"}`, `{"sub":"a","role":"admin","exp":1900000000}`, secret), auth.ErrAlgorithm},
		{"ErrCrit", handmade(`{"alg":"HS256","crit":["b64"]}`, `{"sub":"a","role":"admin","exp":1900000000}`, secret), auth.ErrAlgorithm},
		{"ErrTamperedPayload", func() string {
			p := strings.Split(token(t, good), ".")
			p[1] = base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"alice","role":"admin","exp":1900000000,"iss":"https://idp.example","aud":"diplograph"}`))
			return strings.Join(p, ".")
		}(), auth.ErrSignature},
		{"ErrGarbage", "a.b.c", auth.ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := auth.VerifyJWT(tc.token, cfg, now)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if tc.want == nil && (p.Name != "alice" || p.Role != kg.RoleEditor) {
				t.Errorf("principal = %+v", p)
			}
		})
	}
}

func TestParseKeys(t *testing.T) {
	h := auth.HashKey("a-long-random-api-key-for-tests")
	keys, err := auth.ParseKeys("alice:editor:" + h + ",\n# comment\n bob:ADMIN:" + strings.ToUpper(auth.HashKey("other-long-random-key-xx")) + " ")
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || keys[0].Name != "alice" || keys[0].Role != kg.RoleEditor || keys[1].Role != kg.RoleAdmin || keys[0].Hash != h {
		t.Errorf("keys = %+v", keys)
	}
	for _, bad := range []string{"alice:editor", "alice:root:" + h, ":reader:" + h, "alice:reader:abc"} {
		if _, err := auth.ParseKeys(bad); err == nil {
			t.Errorf("ParseKeys(%q) succeeded", bad)
		} else if strings.Contains(err.Error(), h) {
			t.Errorf("error leaks the hash: %v", err)
		}
	}
}

func TestReadKey(t *testing.T) {
	if k, err := auth.ReadKey(strings.NewReader("a-long-random-api-key-for-tests\r\n")); err != nil || k != "a-long-random-api-key-for-tests" {
		t.Errorf("ReadKey = %q, %v", k, err)
	}
	if _, err := auth.ReadKey(strings.NewReader("short\n")); err == nil {
		t.Error("a short key was accepted")
	}
}

func TestAuthenticate(t *testing.T) {
	const key = "a-long-random-api-key-for-tests"
	a, err := auth.New(auth.Config{Keys: []auth.Key{{Name: "alice", Role: kg.RoleEditor, Hash: auth.HashKey(key)}}, JWT: auth.JWTConfig{Secret: secret}})
	if err != nil {
		t.Fatal(err)
	}
	jwt := token(t, auth.Claims{Subject: "bob", Role: "admin", ExpiresAt: time.Now().Add(time.Hour).Unix()})
	cases := []struct {
		name    string
		headers map[string]string
		want    string // principal name, "" for anonymous, "!" for an error
	}{
		{"Anonymous", nil, ""},
		{"BearerKey", map[string]string{"Authorization": "Bearer " + key}, "alice"},
		{"XAPIKey", map[string]string{"X-API-Key": key}, "alice"},
		{"BearerJWT", map[string]string{"Authorization": "bearer " + jwt}, "bob"},
		{"ErrWrongKey", map[string]string{"X-API-Key": key + "x"}, "!"},
		{"ErrBasic", map[string]string{"Authorization": "Basic YWxpY2U6cHc="}, "!"},
		{"ErrEmptyBearer", map[string]string{"Authorization": "Bearer "}, "!"},
		{"ErrTwoCredentials", map[string]string{"Authorization": "Bearer " + key, "X-API-Key": key}, "!"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			p, err := a.Authenticate(r)
			switch {
			case tc.want == "!" && err == nil:
				t.Errorf("got %+v, want an error", p)
			case tc.want != "!" && err != nil:
				t.Errorf("err = %v", err)
			case tc.want == "" && p != nil:
				t.Errorf("got %+v, want anonymous", p)
			case tc.want != "!" && tc.want != "" && (p == nil || p.Name != tc.want):
				t.Errorf("got %+v, want %s", p, tc.want)
			}
		})
	}
	t.Run("ErrShortSecret", func(t *testing.T) {
		if _, err := auth.New(auth.Config{JWT: auth.JWTConfig{Secret: []byte("short")}}); err == nil {
			t.Error("a short secret was accepted")
		}
	})
}
