package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/diplograph/diplograph/ratelimit"
)

// Rate-limit defaults of the production profile. The development profile (make run, the
// tests) has no limit: a developer's own dashboard and load tests must not be refused.
const (
	prodAddressRate     = 20  // requests a second per client address (callers without credentials)
	prodCredentialRate  = 50  // requests a second per API key or token subject
	burstPerRateDefault = 2.0 // a bucket holds this many seconds of its rate when no burst is set
)

// registerRateLimit declares the rate-limit flags (docs/observability.md); the returned
// function, called after parsing, fills in default bursts and returns the errors.
func registerRateLimit(r *ratelimit.Config, fs *flag.FlagSet, env func(string, string) string, production bool) func() []string {
	var errs []string
	envFloat := func(key string, def float64) float64 {
		v, err := strconv.ParseFloat(env(key, strconv.FormatFloat(def, 'g', -1, 64)), 64)
		if err != nil || v < 0 {
			errs = append(errs, key+": not a non-negative number")
		}
		return v
	}
	envInt := func(key string) int {
		v, err := strconv.Atoi(env(key, "0"))
		if err != nil || v < 0 {
			errs = append(errs, key+": not a non-negative integer")
		}
		return v
	}
	addr, cred := 0.0, 0.0
	if production {
		addr, cred = prodAddressRate, prodCredentialRate
	}
	fs.Float64Var(&r.PerAddress.Rate, "rate-limit", envFloat("DIPLOGRAPH_RATE_LIMIT", addr),
		"requests a second per client address for callers without credentials (0: no limit)")
	fs.IntVar(&r.PerAddress.Burst, "rate-limit-burst", envInt("DIPLOGRAPH_RATE_LIMIT_BURST"),
		"requests an address may send at once (0: two seconds' worth)")
	fs.Float64Var(&r.PerCredential.Rate, "rate-limit-credential", envFloat("DIPLOGRAPH_RATE_LIMIT_CREDENTIAL", cred),
		"requests a second per API key or token subject (0: no limit)")
	fs.IntVar(&r.PerCredential.Burst, "rate-limit-credential-burst", envInt("DIPLOGRAPH_RATE_LIMIT_CREDENTIAL_BURST"),
		"requests a credential may send at once (0: two seconds' worth)")
	proxies := fs.String("trusted-proxies", env("DIPLOGRAPH_TRUSTED_PROXIES", ""),
		"comma-separated addresses or CIDRs of load balancers whose X-Forwarded-For names the client")
	return func() []string {
		for _, rule := range []*ratelimit.Rule{&r.PerAddress, &r.PerCredential} {
			if rule.Burst == 0 && rule.Rate > 0 {
				rule.Burst = max(1, int(rule.Rate*burstPerRateDefault+0.5))
			}
		}
		var err error
		if r.TrustedProxies, err = ratelimit.ParsePrefixes(*proxies); err != nil {
			errs = append(errs, "DIPLOGRAPH_TRUSTED_PROXIES: "+err.Error())
		}
		return errs
	}
}

// rateLimitString summarises the limits for the start-up log.
func rateLimitString(r ratelimit.Config) string {
	rule := func(x ratelimit.Rule) string {
		if !x.On() {
			return "off"
		}
		return fmt.Sprintf("%g/s burst %d", x.Rate, x.Burst)
	}
	return fmt.Sprintf("rateLimit(address=%s credential=%s trustedProxies=%d)", rule(r.PerAddress), rule(r.PerCredential), len(r.TrustedProxies))
}
