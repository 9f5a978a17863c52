package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// MinSecretLength is the shortest HS256 secret accepted: RFC 7518 §3.2 requires a key at
// least as long as the hash, 32 bytes.
const MinSecretLength = 32

// leeway tolerates small clock differences between the token's issuer and this service.
const leeway = 30 * time.Second

// JWTConfig says which tokens are accepted: signed with Secret (HS256 only), and, when
// Issuer or Audience is set, carrying that iss or aud.
type JWTConfig struct {
	Secret   []byte
	Issuer   string
	Audience string
}

// Claims are the token claims diplograph reads: sub names the caller, role is reader,
// editor or admin, exp is required.
type Claims struct {
	Subject   string   `json:"sub"`
	Role      string   `json:"role"`
	ExpiresAt int64    `json:"exp"`
	NotBefore int64    `json:"nbf,omitempty"`
	IssuedAt  int64    `json:"iat,omitempty"`
	Issuer    string   `json:"iss,omitempty"`
	Audience  audience `json:"aud,omitempty"`
}

// audience is a JWT aud claim, which may be one string or a list of them.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*a = audience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("aud is neither a string nor a list of strings")
	}
	*a = many
	return nil
}

func (a audience) MarshalJSON() ([]byte, error) {
	if len(a) == 1 {
		return json.Marshal(a[0])
	}
	return json.Marshal([]string(a))
}

// Errors of token verification. They stay inside the service: a client is only told
// that its credentials are invalid, or that its token expired.
var (
	ErrMalformed     = errors.New("token is not a compact JWS")
	ErrAlgorithm     = errors.New("token algorithm is not HS256")
	ErrSignature     = errors.New("token signature does not verify")
	ErrExpired       = errors.New("token has expired")
	ErrNotYetValid   = errors.New("token is not valid yet")
	ErrClaims        = errors.New("token claims are missing or invalid")
	ErrWrongIssuer   = errors.New("token issuer is not accepted")
	ErrWrongAudience = errors.New("token audience is not accepted")
)

var b64 = base64.RawURLEncoding

// VerifyJWT checks a compact HS256 token at time now and returns its caller. It refuses
// every other algorithm, "none" included, whatever the header says: the algorithm is
// fixed by configuration, never chosen by the token.
func VerifyJWT(token string, c JWTConfig, now time.Time) (*kg.Principal, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return nil, ErrMalformed
	}
	var header struct {
		Alg  string   `json:"alg"`
		Typ  string   `json:"typ"`
		Crit []string `json:"crit"`
	}
	if err := decodeSegment(parts[0], &header); err != nil {
		return nil, ErrMalformed
	}
	// crit names extensions the verifier must understand; this one understands none.
	if header.Alg != "HS256" || len(header.Crit) > 0 || (header.Typ != "" && !strings.EqualFold(header.Typ, "JWT")) {
		return nil, ErrAlgorithm
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return nil, ErrMalformed
	}
	mac := hmac.New(sha256.New, c.Secret)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	if len(c.Secret) == 0 || !hmac.Equal(sig, mac.Sum(nil)) {
		return nil, ErrSignature
	}
	var claims Claims
	if err := decodeSegment(parts[1], &claims); err != nil {
		return nil, ErrClaims
	}
	role, ok := kg.ParseRole(claims.Role)
	switch {
	case claims.Subject == "" || !ok || claims.ExpiresAt == 0:
		return nil, ErrClaims
	case now.After(time.Unix(claims.ExpiresAt, 0).Add(leeway)):
		return nil, ErrExpired
	case claims.NotBefore != 0 && now.Add(leeway).Before(time.Unix(claims.NotBefore, 0)):
		return nil, ErrNotYetValid
	case c.Issuer != "" && claims.Issuer != c.Issuer:
		return nil, ErrWrongIssuer
	case c.Audience != "" && !contains(claims.Audience, c.Audience):
		return nil, ErrWrongAudience
	}
	return &kg.Principal{Name: claims.Subject, Role: role, Method: "jwt"}, nil
}

func decodeSegment(seg string, v any) error {
	b, err := b64.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// SignJWT makes an HS256 token with the given claims. The service itself only verifies
// tokens; this is for tests and for operators who mint tokens for a tool.
func SignJWT(c Claims, secret []byte) (string, error) {
	if len(secret) < MinSecretLength {
		return "", fmt.Errorf("the secret is %d bytes; HS256 needs at least %d", len(secret), MinSecretLength)
	}
	header := b64.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	payload, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	signing := header + "." + b64.EncodeToString(payload)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(signing))
	return signing + "." + b64.EncodeToString(mac.Sum(nil)), nil
}
