package testneo4j

import "testing"

func TestParseDockerMode(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    dockerMode
		wantErr bool
	}{
		{in: "", want: dockerAuto},
		{in: "0", want: dockerOff},
		{in: "1", want: dockerRequired},
		{in: "yes", wantErr: true},
	} {
		got, err := parseDockerMode(tc.in)
		if (err != nil) != tc.wantErr || (err == nil && got != tc.want) {
			t.Errorf("parseDockerMode(%q) = %v, %v; want %v (error: %v)", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestDockerUsable_Off covers the choice that needs no engine: with 0 the tests never ask
// Docker, and a package without Main never starts a container.
func TestDockerUsable_Off(t *testing.T) {
	if why, err := dockerUsable(dockerOff); why != EnvDocker+"=0" || err != nil {
		t.Errorf("dockerUsable(off) = %q, %v", why, err)
	}
	// This package's tests have no TestMain calling Main.
	if why, err := dockerUsable(dockerAuto); why == "" || err != nil {
		t.Errorf("dockerUsable(auto) without Main = %q, %v; want a reason, no error", why, err)
	}
	if _, err := dockerUsable(dockerRequired); err == nil {
		t.Errorf("dockerUsable(required) without Main: want an error")
	}
}
