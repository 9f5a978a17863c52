# diplograph service image: a static Go binary on `scratch`.
#
#   docker build -t diplograph/diplograph:dev .                  # builder: official golang image
#   docker build --network host --build-arg GO_IMAGE=diplograph/golang:1.26 -t diplograph/diplograph:dev .
#                                                                # builder: local image, no registry
#                                                                # (scripts/docker-images service)
#
# Written for the classic builder as well as BuildKit (no RUN --mount, no `# syntax=` line: both
# would need a registry). Module downloads are a layer of their own, keyed on go.mod/go.sum.

ARG GO_IMAGE=golang:1.26-bookworm

# ---- build -----------------------------------------------------------------------------------
FROM ${GO_IMAGE} AS build

# Go module proxy settings of the build host, if it passes them (--build-arg GOPROXY=...).
ARG GOPROXY
ARG GONOSUMDB
ARG GOPRIVATE
ENV CGO_ENABLED=0 \
    GOFLAGS=-buildvcs=false \
    GOTOOLCHAIN=local

WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify

COPY . .
# The main package to build (the repository root unless told otherwise).
ARG MAIN_PKG=.
ARG VERSION=dev
RUN go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/diplograph "${MAIN_PKG}"

# The scratch image's only files besides the binary: CA bundle, a passwd/group naming the
# unprivileged user, and a writable /tmp.
RUN set -eux; \
    mkdir -p /out/rootfs/etc/ssl/certs /out/rootfs/tmp; \
    chmod 1777 /out/rootfs/tmp; \
    cp /etc/ssl/certs/ca-certificates.crt /out/rootfs/etc/ssl/certs/; \
    echo 'nonroot:x:65532:65532:nonroot:/nonexistent:/sbin/nologin' > /out/rootfs/etc/passwd; \
    echo 'nonroot:x:65532:' > /out/rootfs/etc/group

# ---- run -------------------------------------------------------------------------------------
FROM scratch
LABEL org.opencontainers.image.title="diplograph" \
      org.opencontainers.image.description="GraphQL service over a Neo4j knowledge graph"

COPY --from=build /out/rootfs/ /
# The curated seed data (data/seed.yaml and the source texts it names, relative to it):
#   diplograph serve -seed /usr/share/diplograph/data/seed.yaml   (or DIPLOGRAPH_SEED=...)
COPY --from=build /src/data/ /usr/share/diplograph/data/
COPY --from=build /out/diplograph /diplograph

USER 65532:65532
EXPOSE 8080
# No shell or curl in scratch: the binary checks itself. If DIPLOGRAPH_ADDR moves the listener,
# override this (docker-compose.test.yml does).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/diplograph", "healthcheck", "--url", "http://127.0.0.1:8080/readyz"]

ENTRYPOINT ["/diplograph"]
CMD ["serve"]
