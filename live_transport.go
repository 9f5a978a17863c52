package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/livehttp"
	"github.com/diplograph/diplograph/metrics"
)

const (
	// streamKeepAlive is how often an idle stream gets a keep-alive, so that proxies keep it
	// open and a dead peer is noticed by the failed write.
	streamKeepAlive = 15 * time.Second
	// streamWriteTimeout bounds each WebSocket message written: a client that stops reading
	// is cut off after it rather than holding its buffers.
	streamWriteTimeout = 10 * time.Second
	// closeUnauthenticated is graphql-transport-ws's close code for refused credentials.
	closeUnauthenticated = 4401
)

// websocketTransport serves graphql-transport-ws and graphql-ws on /graphql. Credentials
// come in the upgrade request's header (checked by withAuthentication, like every request)
// or in the connection_init payload, under the same names.
func websocketTransport(c Config, log *slog.Logger) transport.Websocket {
	authn, err := auth.New(c.Auth.authConfig())
	if err != nil {
		panic("auth configuration: " + err.Error()) // as withAuthentication
	}
	return transport.Websocket{
		Implementation:        livehttp.Websocket{WriteTimeout: streamWriteTimeout},
		InitFunc:              initPayloadAuth(authn, log),
		InitTimeout:           10 * time.Second,
		KeepAlivePingInterval: streamKeepAlive,
		PingPongInterval:      streamKeepAlive,
	}
}

// initPayloadAuth authenticates the credentials of a connection_init payload
// ({"Authorization": "Bearer <key or token>"} or {"X-API-Key": "<key>"}, any letter case),
// which browsers must use: they cannot set a WebSocket's headers. Credentials that do not
// verify close the connection with 4401; none leave the caller the upgrade request made.
func initPayloadAuth(authn *auth.Authenticator, log *slog.Logger) transport.WebsocketInitFunc {
	return func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		h := http.Header{}
		for k, v := range payload {
			s, ok := v.(string)
			if !ok {
				continue
			}
			switch {
			case strings.EqualFold(k, "Authorization"):
				h.Add("Authorization", s)
			case strings.EqualFold(k, "X-API-Key"):
				h.Add("X-Api-Key", s)
			}
		}
		if len(h) == 0 {
			return ctx, nil, nil
		}
		p, err := authn.AuthenticateHeader(h)
		if err != nil {
			metrics.ObserveError(ctx, errcode.Unauthenticated)
			log.InfoContext(ctx, "websocket credentials refused", "reason", err)
			return transport.WithWebsocketCloseCode(ctx, closeUnauthenticated), nil, errors.New("The credentials are not valid.")
		}
		if p == nil {
			return ctx, nil, nil
		}
		return kg.WithPrincipal(ctx, p), nil, nil
	}
}
