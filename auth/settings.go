package auth

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// Settings say who may call the API and with which role (docs/auth.md). Secrets are
// never printed: String shows counts and switches only.
type Settings struct {
	// AnonymousReads lets callers without credentials run queries. On by default in the
	// development profile, off in production.
	AnonymousReads bool
	// DevAnonymousWrites makes callers without credentials admins. Never on by default,
	// refused in the production profile, and announced by a WARN at every start-up.
	DevAnonymousWrites bool
	Keys               []Key
	JWT                JWTConfig
}

// String summarises the settings for the start-up log, with no key or secret in it.
func (a Settings) String() string {
	return fmt.Sprintf("anonymousReads=%t devAnonymousWrites=%t apiKeys=%d jwt=%t",
		a.AnonymousReads, a.DevAnonymousWrites, len(a.Keys), len(a.JWT.Secret) > 0)
}

// Register reads the environment and declares the flags; the returned function finishes
// the job once flags are parsed (a keys file may come from a flag) and returns the errors.
func (a *Settings) Register(fs *flag.FlagSet, env func(string, string) string, envBool func(string, bool) bool, production bool) func() []string {
	fs.BoolVar(&a.AnonymousReads, "anonymous-reads", envBool("DIPLOGRAPH_ANONYMOUS_READS", !production), "let callers without credentials run queries")
	fs.BoolVar(&a.DevAnonymousWrites, "dev-anonymous-writes", envBool("DIPLOGRAPH_DEV_ANONYMOUS_WRITES", false), "DEVELOPMENT ONLY: callers without credentials act as admin")
	keysFile := fs.String("api-keys-file", env("DIPLOGRAPH_API_KEYS_FILE", ""), "file of API keys, one name:role:sha256hex a line")
	keys := env("DIPLOGRAPH_API_KEYS", "")
	secret := env("DIPLOGRAPH_JWT_SECRET", "")
	secretFile := env("DIPLOGRAPH_JWT_SECRET_FILE", "")
	a.JWT.Issuer = env("DIPLOGRAPH_JWT_ISSUER", "")
	a.JWT.Audience = env("DIPLOGRAPH_JWT_AUDIENCE", "")
	return func() []string {
		var errs []string
		if production && a.DevAnonymousWrites {
			errs = append(errs, "DIPLOGRAPH_DEV_ANONYMOUS_WRITES: refused in the production profile")
		}
		var err error
		if a.Keys, err = ParseKeys(keys); err != nil {
			errs = append(errs, "DIPLOGRAPH_API_KEYS: "+err.Error())
		}
		if *keysFile != "" {
			more, err := LoadKeysFile(*keysFile)
			if err != nil {
				errs = append(errs, err.Error())
			}
			a.Keys = append(a.Keys, more...)
		}
		if secretFile != "" {
			b, err := os.ReadFile(secretFile)
			if err != nil {
				errs = append(errs, "DIPLOGRAPH_JWT_SECRET_FILE: "+err.Error())
			}
			secret = strings.TrimRight(string(b), "\r\n")
		}
		a.JWT.Secret = []byte(secret)
		if _, err := New(a.authenticatorConfig()); err != nil {
			errs = append(errs, err.Error())
		}
		return errs
	}
}

// AuthenticatorConfig is the Config these settings build an Authenticator from: the one
// WithAuthentication uses, and the WebSocket transport's connection_init check.
func (a Settings) AuthenticatorConfig() Config {
	return a.authenticatorConfig()
}

func (a Settings) authenticatorConfig() Config {
	return Config{Keys: a.Keys, JWT: a.JWT, AnonymousWrites: a.DevAnonymousWrites}
}

// LogStartup says loudly, at every start, when anonymous callers may write.
func (a Settings) LogStartup(log *slog.Logger) {
	if a.DevAnonymousWrites {
		log.Warn("ANONYMOUS WRITES ARE ON: every request without credentials acts as the admin \"anonymous\" and may change, retract and merge anything. " +
			"This is for a developer's own machine only. Turn it off with DIPLOGRAPH_DEV_ANONYMOUS_WRITES=false, or `make run DEV_ANONYMOUS_WRITES=false`.")
	}
	if len(a.Keys) == 0 && len(a.JWT.Secret) == 0 && !a.DevAnonymousWrites {
		log.Info("no API keys and no JWT secret configured: nobody can write (see docs/auth.md)")
	}
}
