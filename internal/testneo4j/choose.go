package testneo4j

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Environment variables that choose the test database (besides NEO4J_URI and its friends).
const (
	// EnvDocker says whether tests may start Neo4j in a container: "0" never, "1" always
	// (failing when they cannot), unset when a Docker engine answers and the image is present.
	EnvDocker = "DIPLOGRAPH_TEST_DOCKER"
	// EnvImage names the Neo4j image for the container (DefaultImage when unset).
	EnvImage = "DIPLOGRAPH_TEST_NEO4J_IMAGE"
)

// DefaultImage is the local stand-in for the official image that scripts/docker-images
// builds, because our machines reach no registry. Where one is reachable,
// DIPLOGRAPH_TEST_NEO4J_IMAGE=neo4j:5.26-community works as well.
const DefaultImage = "diplograph/neo4j:5.26"

type dockerMode int

const (
	dockerAuto     dockerMode = iota // when an engine answers and the image is present locally
	dockerOff                        // never
	dockerRequired                   // always; failing to start a container fails the tests
)

func parseDockerMode(s string) (dockerMode, error) {
	switch s {
	case "":
		return dockerAuto, nil
	case "0":
		return dockerOff, nil
	case "1":
		return dockerRequired, nil
	}
	return dockerAuto, fmt.Errorf("%s=%q: want 0 (never use Docker), 1 (always) or nothing (when an engine answers and the image is present)", EnvDocker, s)
}

// setupError is a broken test set-up rather than a missing database: it fails the tests
// also outside CI.
type setupError struct{ error }

// open decides which Neo4j the tests of this process use, in this order: NEO4J_URI; a
// container started with testcontainers-go (see EnvDocker); the local test instance on
// DefaultURI. It logs the choice once.
func open() (neo4j.DriverWithContext, Config, error) {
	c := FromEnv()
	how := "NEO4J_URI"
	if os.Getenv("NEO4J_URI") == "" {
		how = "the local test Neo4j (NEO4J_URI unset"
		mode, err := parseDockerMode(os.Getenv(EnvDocker))
		if err != nil {
			return nil, c, setupError{err}
		}
		why, err := dockerUsable(mode)
		switch {
		case err != nil:
			return nil, c, setupError{err}
		case why == "":
			cc, desc, err := startContainer()
			if err != nil {
				return nil, c, setupError{err}
			}
			c, how = cc, desc
		default:
			how += "; " + why + ")"
		}
	}
	driver, err := connect(c)
	if err != nil {
		return nil, c, fmt.Errorf("%w (the Neo4j chosen: %s)", err, how)
	}
	fmt.Fprintf(os.Stderr, "testneo4j: using Neo4j at %s (database %s) from %s\n", c.URI, c.Database, how)
	return driver, c, nil
}

// dockerUsable returns "" when the tests should start a container, else why not. Its error
// is a failure: Docker is required and unusable.
func dockerUsable(mode dockerMode) (why string, err error) {
	if mode == dockerOff {
		return EnvDocker + "=0", nil
	}
	why = usableEngine(mode == dockerRequired)
	if why != "" && mode == dockerRequired {
		return "", fmt.Errorf("%s=1 but %s", EnvDocker, why)
	}
	return why, nil
}

// connect opens a driver and checks that the database answers.
func connect(c Config) (neo4j.DriverWithContext, error) {
	auth := neo4j.NoAuth()
	if c.Password != "" {
		auth = neo4j.BasicAuth(c.User, c.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(c.URI, auth)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := driver.VerifyConnectivity(ctx); err != nil {
		_ = driver.Close(ctx)
		return nil, err
	}
	return driver, nil
}

// isSetupError reports whether err must fail the tests wherever they run.
func isSetupError(err error) bool {
	var s setupError
	return errors.As(err, &s)
}
