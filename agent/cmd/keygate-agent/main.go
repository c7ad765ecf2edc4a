// Command keygate-agent escrows a Windows device's BitLocker recovery passwords into the BitLocker Key
// Gate realm and rotates them when the realm asks (SPEC §3).
//
//	keygate-agent thumbprint   print the RFC 7638 thumbprint of this device's agent key (for an admin to pin)
//	keygate-agent proof -method M -url U   print a DPoP proof for one request, signed with the agent key (the
//	                           access token, if any, on standard input): to call the API by hand in support
//	keygate-agent once         check in once (rotating if asked) and exit
//	keygate-agent run          check in at start, on a protector change and daily; as a service when
//	                           the service control manager starts it
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"keygate.io/agent/checkin"
	"keygate.io/agent/config"
	"keygate.io/agent/dpop"
	"keygate.io/agent/identity"
	"keygate.io/agent/realm"
	"keygate.io/agent/service"
)

// ServiceName is the Windows service the MSI installs.
const ServiceName = "KeygateBitLockerAgent"

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	command := os.Args[1]
	cfg, err := config.Load()
	if err != nil && command != "thumbprint" { // the key does not need the installer's settings
		fail(err)
	} else if err != nil {
		cfg = &config.Config{}
	}
	fs := flag.NewFlagSet(command, flag.ExitOnError)
	cfg.Bind(fs)
	method := fs.String("method", "PUT", "proof: the request's method")
	target := fs.String("url", "", "proof: the request's URL")
	fs.Parse(os.Args[2:])

	switch command {
	case "thumbprint":
		key, err := identity.Open(cfg.KeyFile)
		if err != nil {
			fail(err)
		}
		fmt.Println(dpop.Thumbprint(key.Public()))
	case "proof":
		key, err := identity.Open(cfg.KeyFile)
		if err != nil {
			fail(err)
		}
		token, err := io.ReadAll(io.LimitReader(os.Stdin, 64<<10))
		if err != nil {
			fail(err)
		}
		proof, err := dpop.Proof(key, *method, *target, strings.TrimSpace(string(token)), time.Now())
		if err != nil {
			fail(err)
		}
		fmt.Println(proof)
	case "once":
		agent, err := newAgent(cfg, log.New(os.Stderr, "", log.LstdFlags))
		if err != nil {
			fail(err)
		}
		answer, err := agent.Cycle(context.Background())
		if err != nil {
			fail(err)
		}
		fmt.Printf("escrowStatus=%s rotationRequested=%t\n", answer.EscrowStatus, answer.RotationRequested)
	case "run":
		logs := logOutput()
		agent, err := newAgent(cfg, log.New(logs, "", log.LstdFlags))
		if err != nil {
			fail(err)
		}
		work := func(ctx context.Context) error { return agent.Run(ctx, checkin.DefaultSchedule()) }
		if err := service.Run(ServiceName, work); err != service.ErrNotAService {
			if err != nil {
				fail(err)
			}
			return
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if err := work(ctx); err != nil && ctx.Err() == nil {
			fail(err)
		}
	default:
		usage()
	}
}

func newAgent(cfg *config.Config, logger *log.Logger) (*checkin.Agent, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	key, err := identity.Open(cfg.KeyFile)
	if err != nil {
		return nil, err
	}
	volumes, err := openVolumes(cfg)
	if err != nil {
		return nil, err
	}
	client := &realm.Client{RealmURL: cfg.RealmURL, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, Key: key,
		HTTP: &http.Client{Timeout: time.Minute}}
	logger.Printf("agent for device %s (%s), key %s, realm %s", cfg.DeviceID, cfg.DeviceName,
		dpop.Thumbprint(key.Public()), cfg.RealmURL)
	return &checkin.Agent{Volumes: volumes, Realm: client, DeviceID: cfg.DeviceID, DeviceName: cfg.DeviceName,
		Owner: cfg.Owner, Log: logger}, nil
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: keygate-agent thumbprint|proof|once|run [flags] (keygate-agent once -h lists the flags)")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "keygate-agent:", err)
	os.Exit(1)
}
