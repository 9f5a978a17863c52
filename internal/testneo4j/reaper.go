package testneo4j

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// The reaper stands in for testcontainers-go's Ryuk, whose image cannot be pulled here. Main
// removes the container when the tests return, but a panicking test, -timeout or a signal
// ends the process before that. So before creating a container the test binary starts a
// copy of itself as a reaper (reaperEnv holds the session label) that waits on a pipe: when
// the pipe closes without a "done" byte, the test process is gone, and the reaper removes the
// containers carrying its session label.

const reaperEnv = "DIPLOGRAPH_TESTNEO4J_REAPER"

var reaper struct {
	cmd  *exec.Cmd
	pipe *os.File // write end of the reaper's stdin, held only by this process
}

// startReaper starts this test binary again as the reaper of the containers labelled session.
func startReaper(session string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), reaperEnv+"="+session)
	cmd.Stdin = r
	cmd.Stderr = os.Stderr // `go test` waits for it (5 s at most) and shows what it did
	// Its own process group: Ctrl-C in a terminal reaches the tests, not the reaper.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return err
	}
	reaper.cmd, reaper.pipe = cmd, w
	return nil
}

// stopReaper dismisses the reaper and waits for it. done says the container is gone;
// otherwise the reaper removes whatever is left.
func stopReaper(done bool) {
	if reaper.cmd == nil {
		return
	}
	if done {
		_, _ = reaper.pipe.Write([]byte{'q'})
	}
	_ = reaper.pipe.Close()
	_ = reaper.cmd.Wait()
	reaper.cmd = nil
}

// runReaper is the reaper's main: it returns the process's exit code.
func runReaper(session string) int {
	// SIGPIPE: `go test` may close stderr before the reaper is done writing.
	signal.Ignore(syscall.SIGINT, syscall.SIGHUP, syscall.SIGPIPE)
	var b [1]byte
	if n, _ := os.Stdin.Read(b[:]); n == 1 && b[0] == 'q' {
		return 0
	}
	setupTestcontainers()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testneo4j reaper: %v\n", err)
		return 1
	}
	defer cli.Close()
	status := 0
	// Twice: a create that the test process sent just before it died may complete late.
	for pass := range 2 {
		if pass > 0 {
			time.Sleep(time.Second)
		}
		list, err := cli.ContainerList(ctx, client.ContainerListOptions{
			All:     true,
			Filters: make(client.Filters).Add("label", sessionLabel+"="+session),
		})
		if err != nil {
			fmt.Fprintf(os.Stderr, "testneo4j reaper: list containers: %v\n", err)
			return 1
		}
		for _, c := range list.Items {
			fmt.Fprintf(os.Stderr, "testneo4j reaper: the test process ended without removing container %.12s; removing it\n", c.ID)
			if _, err := cli.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true}); err != nil {
				fmt.Fprintf(os.Stderr, "testneo4j reaper: remove %.12s: %v\n", c.ID, err)
				status = 1
			}
		}
	}
	return status
}
