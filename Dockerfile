# inspel in a container: a multi-stage build, a small runtime image, data on a volume.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY web ./web
RUN cargo build --release --locked --bin inspel

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin inspel \
    && mkdir /data && chown inspel:inspel /data
COPY --from=build /src/target/release/inspel /usr/local/bin/inspel
USER 10001:10001
VOLUME ["/data"]
ENV INSPEL_ADDR=0.0.0.0:8080 \
    INSPEL_DATA=/data/inspel.redb
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD ["inspel", "--healthcheck"]
ENTRYPOINT ["inspel"]
