# inspel in a container: dependencies built in a layer of their own (cargo-chef), so a change to
# inspel's code rebuilds inspel alone; a distroless runtime (no shell, no package manager) that
# runs as a non-root user, keeps its data on a volume and checks its own health.
#
#   docker build --build-arg VERSION=0.1.0 --build-arg SOURCE=<repository URL> -t inspel .

FROM rust:1.95-slim-bookworm AS chef
RUN cargo install --locked cargo-chef@0.1.78
WORKDIR /src

# The recipe: Cargo.toml and Cargo.lock reduced to what decides the dependencies.
FROM chef AS plan
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS build
COPY --from=plan /src/recipe.json recipe.json
# The cached layer: it is rebuilt only when the recipe (the dependencies) changes.
RUN cargo chef cook --release --locked --bin inspel --recipe-path recipe.json
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY web ./web
RUN cargo build --release --locked --bin inspel \
    && mkdir /data

# Debian 12 like the build stage, so the binary finds the same glibc; "cc" adds libgcc, which
# Rust's unwinding needs. Nothing else: no shell, so the health check runs the binary itself.
FROM gcr.io/distroless/cc-debian12:nonroot
ARG VERSION=0.1.0
ARG SOURCE=""
LABEL org.opencontainers.image.title="inspel" \
      org.opencontainers.image.description="Collect contributions from phones at dialogue meetings and show them live on a projected wall" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /src/target/release/inspel /usr/local/bin/inspel
# The same user id as earlier images, so a /data volume they wrote stays writable. No shell to
# mkdir with here: the empty, owned /data comes from the build stage.
COPY --from=build --chown=10001:10001 /data /data
USER 10001:10001
VOLUME ["/data"]
ENV INSPEL_ADDR=0.0.0.0:8080 \
    INSPEL_DATA=/data/inspel.redb
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/inspel", "--healthcheck"]
ENTRYPOINT ["/usr/local/bin/inspel"]
