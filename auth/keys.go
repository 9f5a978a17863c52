// Package auth authenticates the callers of the HTTP API: API keys (stored only as SHA-256
// hashes) and HS256 JSON Web Tokens, verified with the standard library alone. It puts the
// caller, a kg.Principal, in the request's context; what each role may do is decided by
// the GraphQL layer (the @hasRole directive and the read check).
package auth

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// MinKeyLength is the shortest API key accepted by HashKey: a key is a secret, not a
// password a person remembers, so it should be long and random.
const MinKeyLength = 20

// Key is one configured API key: a name (recorded as the author of changes), a role, and
// the SHA-256 of the secret. The secret itself is never stored.
type Key struct {
	Name string
	Role kg.Role
	Hash string // lower-case hex SHA-256 of the key
}

// HashKey returns the lower-case hex SHA-256 of an API key, the form in which keys are
// configured. An unsalted hash is enough here: keys are long random strings, not passwords,
// so there is no dictionary to try against it.
func HashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// NewKey returns a random API key (32 bytes, hex), for `diplograph hash-key -generate`.
func NewKey() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// ParseKeys reads "name:role:sha256hex" entries separated by commas or newlines. Blank
// entries and lines starting with # are skipped. Returns an error naming the bad entry (by
// position and name, never by hash).
func ParseKeys(spec string) ([]Key, error) {
	var keys []Key
	spec = strings.ReplaceAll(spec, "\n", ",")
	for i, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" || strings.HasPrefix(entry, "#") {
			continue
		}
		parts := strings.Split(entry, ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("API key entry %d: want name:role:sha256hex", i+1)
		}
		name, roleName, hash := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.ToLower(strings.TrimSpace(parts[2]))
		role, ok := kg.ParseRole(roleName)
		if name == "" {
			return nil, fmt.Errorf("API key entry %d: the name is empty", i+1)
		}
		if !ok {
			return nil, fmt.Errorf("API key %q: role %q is not reader, editor or admin", name, roleName)
		}
		if b, err := hex.DecodeString(hash); err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("API key %q: the hash is not 64 hex digits (use `diplograph hash-key`)", name)
		}
		keys = append(keys, Key{Name: name, Role: role, Hash: hash})
	}
	return keys, nil
}

// LoadKeysFile reads keys from a file in the ParseKeys format, one entry a line.
func LoadKeysFile(path string) ([]Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("API keys file: %w", err)
	}
	keys, err := ParseKeys(string(b))
	if err != nil {
		return nil, fmt.Errorf("API keys file %s: %w", path, err)
	}
	return keys, nil
}

// ReadKey reads one key from r (the first line, without its line ending), as typed or
// piped into `diplograph hash-key`. Returns an error for a key shorter than MinKeyLength.
func ReadKey(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	key := strings.TrimRight(line, "\r\n")
	if len(key) < MinKeyLength {
		return "", fmt.Errorf("the key is %d characters long; use at least %d random characters (diplograph hash-key -generate makes one)", len(key), MinKeyLength)
	}
	return key, nil
}
