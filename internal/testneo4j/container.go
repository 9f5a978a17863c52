package testneo4j

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
	tclog "github.com/testcontainers/testcontainers-go/log"
	tcneo4j "github.com/testcontainers/testcontainers-go/modules/neo4j"
	"github.com/testcontainers/testcontainers-go/wait"
)

const (
	// startTimeout bounds pulling (where a registry is), creating and starting the container.
	startTimeout = 5 * time.Minute
	// readyTimeout bounds the wait for "Started." and Bolt: the stand-in logs "Started."
	// 28–63 s after `docker run` on our machines (docs/benchmarks.md).
	readyTimeout = 3 * time.Minute
	// sessionLabel marks the containers of one test process, for the reaper.
	sessionLabel = "dev.diplograph.testneo4j.session"
	// hostNetRuntime is the testcontainers-go runtime registered below.
	hostNetRuntime = "diplograph-hostnet"
)

var (
	mainCalled atomic.Bool // Main runs this process's tests, so it will terminate the container

	ctrMu sync.Mutex
	ctr   *tcneo4j.Neo4jContainer // the container this process started, if any

	tcSetup sync.Once
	tcLog   = &bufferLogger{} // testcontainers-go's log: shown only when a container fails
)

// Main runs the tests of a package whose tests use this helper, then terminates the Neo4j
// container they started, if any, also when tests failed. Call it from the package's only
// TestMain:
//
//	func TestMain(m *testing.M) { testneo4j.Main(m) }
//
// Without it the helper never starts a container. A test binary that dies without reaching
// the end of Main (a panic, -timeout, a signal) leaves the container to the reaper process
// started along with it (reaper.go).
func Main(m *testing.M) {
	if session := os.Getenv(reaperEnv); session != "" {
		os.Exit(runReaper(session)) // this process is the reaper, not a test run
	}
	mainCalled.Store(true)
	code := m.Run()
	if err := terminate(); err != nil {
		fmt.Fprintf(os.Stderr, "testneo4j: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// terminate closes the shared driver, then removes the container with its anonymous
// volumes and lets the reaper go.
func terminate() error {
	ctrMu.Lock()
	defer ctrMu.Unlock()
	if ctr == nil {
		return nil
	}
	if shared != nil {
		_ = shared.Close(context.Background())
	}
	id := ctr.GetContainerID()
	start := time.Now()
	// The data is thrown away: no need for a clean shutdown (StopTimeout 0 kills at once).
	err := testcontainers.TerminateContainer(ctr, testcontainers.StopTimeout(0))
	if err != nil {
		stopReaper(false) // the reaper tries once more
		return fmt.Errorf("terminate container %.12s: %w", id, err)
	}
	ctr = nil
	stopReaper(true)
	fmt.Fprintf(os.Stderr, "testneo4j: removed container %.12s in %.1fs\n", id, time.Since(start).Seconds())
	return nil
}

// setupTestcontainers configures testcontainers-go before its first use; its
// configuration is read once per process.
//   - The reaper (Ryuk) is an image that cannot be pulled here: Main and the reaper process
//     remove the containers instead.
//   - The runtime registered here is Docker as discovered by testcontainers-go, with "host"
//     as its default network. With the stock runtime, an engine without a "bridge" network
//     (ours runs with --bridge=none) makes testcontainers-go create a "reaper_default"
//     bridge network and attach every container to it, which host networking forbids.
func setupTestcontainers() {
	tcSetup.Do(func() {
		if _, ok := os.LookupEnv("TESTCONTAINERS_RYUK_DISABLED"); !ok {
			os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
		}
		if p, ok := os.LookupEnv("TESTCONTAINERS_PROVIDER"); !ok || p == hostNetRuntime {
			err := testcontainers.RegisterProvider(hostNetRuntime, func() testcontainers.RuntimeProvider { return hostNet{} })
			if err == nil {
				os.Setenv("TESTCONTAINERS_PROVIDER", hostNetRuntime)
			}
		}
		tclog.SetDefault(tcLog)
	})
}

type hostNet struct{}

func (hostNet) Initialize(context.Context) (testcontainers.RuntimeConfig, error) {
	return testcontainers.RuntimeConfig{DefaultBridgeNetwork: "host"}, nil
}

// usableEngine returns "" when a container can be started, else why not. Unless pull is
// set, the image must be present locally: in the automatic mode the tests never wait for
// a pull, which fails anyway where no registry is reachable.
func usableEngine(pull bool) string {
	if !mainCalled.Load() {
		return "the package has no TestMain calling testneo4j.Main"
	}
	setupTestcontainers()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return fmt.Sprintf("no Docker engine (scripts/docker-engine start starts one): %v", err)
	}
	defer cli.Close()
	if _, err := cli.Ping(ctx, client.PingOptions{}); err != nil {
		return fmt.Sprintf("no Docker engine answers (scripts/docker-engine start starts one): %v", err)
	}
	image := imageName()
	if _, err := cli.ImageInspect(ctx, image); err != nil {
		if !pull {
			return fmt.Sprintf("Docker answers but image %s is not present (scripts/docker-images builds it; %s=1 pulls it): %v", image, EnvDocker, err)
		}
		// Pulled once here: testcontainers-go would retry a failing pull until startTimeout.
		if err := pullImage(cli, image); err != nil {
			return fmt.Sprintf("image %s is not present and pulling it failed (scripts/docker-images builds %s): %v", image, DefaultImage, err)
		}
	}
	return ""
}

func pullImage(cli *testcontainers.DockerClient, image string) error {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	resp, err := cli.ImagePull(ctx, image, client.ImagePullOptions{})
	if err != nil {
		return err
	}
	defer resp.Close()
	return resp.Wait(ctx)
}

func imageName() string {
	if s := os.Getenv(EnvImage); s != "" {
		return s
	}
	return DefaultImage
}

// startContainer starts Neo4j with testcontainers-go's Neo4j module on the host's network
// stack, listening on 127.0.0.1 only, on ports chosen here: test traffic stays on loopback
// and no Docker network is involved. The module's ConnectionString and port wait assume
// published ports, which host networking does not have, so the URI is built here and the
// wait is for the log line and for Bolt itself.
func startContainer() (Config, string, error) {
	image := imageName()
	ports, err := freePorts(2)
	if err != nil {
		return Config{}, "", fmt.Errorf("choose ports: %w", err)
	}
	c := Config{URI: fmt.Sprintf("bolt://127.0.0.1:%d", ports[0]), User: "neo4j", Password: randomHex(12), Database: "neo4j"}
	bolt, http := fmt.Sprintf("127.0.0.1:%d", ports[0]), fmt.Sprintf("127.0.0.1:%d", ports[1])
	session := randomHex(8)
	if err := startReaper(session); err != nil {
		return c, "", fmt.Errorf("start the reaper: %w", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	start := time.Now()
	created, err := tcneo4j.Run(ctx, image,
		testcontainers.WithLogger(tcLog),
		tcneo4j.WithAdminPassword(c.Password),
		tcneo4j.WithNeo4jSettings(map[string]string{
			"server.default_listen_address":     "127.0.0.1",
			"server.default_advertised_address": "127.0.0.1",
			"server.bolt.listen_address":        bolt,
			"server.bolt.advertised_address":    bolt,
			"server.http.listen_address":        http,
			"server.http.advertised_address":    http,
			"server.memory.heap.initial_size":   "1g", // as scripts/neo4j-local
			"server.memory.heap.max_size":       "1g",
			"server.memory.pagecache.size":      "256m",
			"dbms.usage_report.enabled":         "false",
		}),
		testcontainers.WithLabels(map[string]string{sessionLabel: session}),
		testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) { hc.NetworkMode = "host" }),
		// Host networking takes no endpoints (belt and braces: see setupTestcontainers).
		testcontainers.WithEndpointSettingsModifier(func(s map[string]*network.EndpointSettings) { clear(s) }),
		testcontainers.WithWaitStrategyAndDeadline(readyTimeout,
			wait.ForLog("Started.").WithStartupTimeout(readyTimeout),
			boltReady{c}),
	)
	if created != nil {
		ctrMu.Lock()
		ctr = created
		ctrMu.Unlock()
	}
	if err != nil {
		logs := containerLogs(created)
		if terr := terminate(); terr != nil {
			err = fmt.Errorf("%w; %v", err, terr)
		}
		return c, "", fmt.Errorf("start a %s container with testcontainers-go: %w\n--- testcontainers-go log:\n%s--- container log (end):\n%s", image, err, tcLog.String(), logs)
	}
	desc := fmt.Sprintf("a testcontainers-go container (image %s, id %.12s, host network, ready in %.1fs)", image, created.GetContainerID(), time.Since(start).Seconds())
	return c, desc, nil
}

// boltReady waits until the server accepts the test credentials over Bolt.
type boltReady struct{ c Config }

func (b boltReady) WaitUntilReady(ctx context.Context, _ wait.StrategyTarget) error {
	for {
		driver, err := connect(b.c)
		if err == nil {
			return driver.Close(ctx)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("bolt at %s: %w (last error: %v)", b.c.URI, ctx.Err(), err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// freePorts returns n ports that are free on 127.0.0.1 now. Another process may take one
// before Neo4j binds it: then the container fails to start and says so.
func freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close() // all held until the end, so the n ports differ
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func randomHex(nbytes int) string {
	b := make([]byte, nbytes)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// containerLogs returns the end of a container's log, for error messages.
func containerLogs(c *tcneo4j.Neo4jContainer) string {
	if c == nil {
		return "(no container)\n"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := c.Logs(ctx)
	if err != nil {
		return fmt.Sprintf("(logs: %v)\n", err)
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	lines := strings.SplitAfter(string(b), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "")
}

// bufferLogger keeps testcontainers-go's log in memory.
type bufferLogger struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *bufferLogger) Printf(format string, v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.buf, format, v...)
	if !bytes.HasSuffix(l.buf.Bytes(), []byte("\n")) {
		l.buf.WriteByte('\n')
	}
}

func (l *bufferLogger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
