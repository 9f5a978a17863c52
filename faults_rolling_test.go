package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// replicaEnv makes the test binary run `diplograph serve` instead of tests (TestMain): the
// rolling-restart test's replicas are real processes that get a real SIGTERM.
const replicaEnv = "DIPLOGRAPH_TEST_REPLICA"

// testRollingRestart runs two replicas behind Debian's nginx (the configuration
// docs/operations.md recommends) under a steady load of reads and writes, and restarts each
// in turn with SIGTERM: not one request may fail.
func testRollingRestart(t *testing.T, db *faultNeo4j) {
	nginxPath, err := exec.Command("scripts/ensure-nginx").Output()
	if err != nil {
		t.Fatalf("scripts/ensure-nginx: %v", err)
	}
	// The first start migrates and seeds; one replica does it before the other starts
	// (docs/operations.md).
	replicas := []*replica{newReplica(t, db), newReplica(t, db)}
	t.Cleanup(func() {
		if t.Failed() {
			for _, r := range replicas {
				t.Logf("replica on %d, log:\n%s", r.port, r.log)
			}
		}
	})
	for _, r := range replicas {
		r.start(t)
		if err := waitReady(r.base(), 2*time.Minute, r.exited); err != nil {
			t.Fatalf("%v\nlog:\n%s", err, r.log)
		}
	}
	proxy := startNginx(t, strings.TrimSpace(string(nginxPath)), replicas)
	client := newFaultClient(proxy, 30*time.Second)
	defer client.close()
	if err := waitReady(proxy, 10*time.Second, nil); err != nil {
		t.Fatal(err)
	}

	loadCtx, endLoad := context.WithCancel(context.Background())
	loadDone := make(chan []outcome, 1)
	go func() {
		loadDone <- openLoad(loadCtx, faultLoadRate, func(i int) []outcome {
			switch i % 4 {
			case 0:
				return []outcome{client.recordEvent(fmt.Sprintf("event/rolling-%d-%d", time.Now().Unix(), i), i)}
			case 1:
				return []outcome{client.readSearch()}
			}
			return []outcome{client.readEntity()}
		})
	}()
	time.Sleep(2 * time.Second)
	for _, r := range replicas {
		r.terminate(t)
		r.start(t)
		if err := waitReady(r.base(), 2*time.Minute, r.exited); err != nil {
			t.Fatalf("%v\nlog:\n%s", err, r.log)
		}
		time.Sleep(2 * time.Second) // both serve again before the next goes
	}
	endLoad()
	outcomes := <-loadDone
	var failed []outcome
	for _, o := range outcomes {
		if o.transport != nil || o.code != "" {
			failed = append(failed, o)
		}
	}
	t.Logf("%d requests through nginx during two restarts, %d failed", len(outcomes), len(failed))
	if len(failed) > 0 {
		t.Errorf("%d requests failed during the rolling restart; the first: %v", len(failed), failed[:min(10, len(failed))])
	}
	if len(outcomes) < 100 {
		t.Errorf("only %d requests: the load did not run", len(outcomes))
	}
	for _, r := range replicas {
		r.terminate(t)
	}
}

// replica is one `diplograph serve` process (this test binary, under replicaEnv).
type replica struct {
	db     *faultNeo4j
	port   int
	cmd    *exec.Cmd
	log    *syncBuffer
	exited chan error
}

func newReplica(t *testing.T, db *faultNeo4j) *replica {
	return &replica{db: db, port: freePort(t), log: &syncBuffer{}}
}

func (r *replica) base() string { return "http://127.0.0.1:" + strconv.Itoa(r.port) }

func (r *replica) start(t *testing.T) {
	t.Helper()
	args := append([]string{"serve"}, faultServiceArgs(r.db, "127.0.0.1:"+strconv.Itoa(r.port))...)
	r.cmd = exec.Command(os.Args[0], args...)
	r.cmd.Env = append(os.Environ(), replicaEnv+"=1")
	r.cmd.Stdout, r.cmd.Stderr = r.log, r.log
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.exited = make(chan error, 1)
	go func(cmd *exec.Cmd, exited chan error) { exited <- cmd.Wait() }(r.cmd, r.exited)
	t.Cleanup(func() { _ = r.cmd.Process.Kill() })
}

// terminate sends SIGTERM and waits for a clean exit: readiness off, requests drained.
func (r *replica) terminate(t *testing.T) {
	t.Helper()
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-r.exited:
		if err != nil {
			t.Errorf("replica on %d exited with %v after SIGTERM; log:\n%s", r.port, err, r.log)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("replica on %d did not exit within 30 s of SIGTERM", r.port)
	}
}

// startNginx runs nginx in the foreground as this user, with a configuration in a
// temporary directory: one upstream of the replicas, on a free loopback port.
func startNginx(t *testing.T, nginx string, replicas []*replica) string {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t)
	var servers strings.Builder
	for _, r := range replicas {
		fmt.Fprintf(&servers, "    server 127.0.0.1:%d max_fails=0;\n", r.port)
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;\n" // as root nginx would hand the temp directory's files to nobody
	}
	conf := fmt.Sprintf(nginxConfTemplate, user, dir, servers.String(), port)
	confPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log"))
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Logf("nginx output:\n%s\nnginx error.log:\n%s", log, b)
		}
	})
	return "http://127.0.0.1:" + strconv.Itoa(port)
}

// nginxConfTemplate is docs/operations.md's replica configuration, with paths and ports
// for a test: a request that cannot reach one replica (refused while it restarts, or cut
// as it stops) goes to the other. max_fails=0: a replica is never marked failed, since a
// refused connection costs nginx a fraction of a millisecond, while a replica marked failed
// a moment ago leaves no live upstream when the other one stops. non_idempotent lets nginx
// resend a mutation too, which is safe here: every mutation is keyed by a stable id and
// repeating it changes nothing.
const nginxConfTemplate = `%sdaemon off;
worker_processes 1;
pid %[2]s/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path %[2]s/client_body;
  proxy_temp_path %[2]s/proxy;
  fastcgi_temp_path %[2]s/fastcgi;
  uwsgi_temp_path %[2]s/uwsgi;
  scgi_temp_path %[2]s/scgi;
  upstream diplograph {
%[3]s  }
  server {
    listen 127.0.0.1:%[4]d;
    location / {
      proxy_pass http://diplograph;
      proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }
  }
}
`
