# syntax=docker/dockerfile:1
# Lector's HTTP service (lector serve) on the CPU. Build and run:
#   docker build -t lector .
#   docker run --rm -p 8080:8080 lector        # http://127.0.0.1:8080/
# The GPU variant is Dockerfile.gpu; docs/containers.md has both and what has (not) been run.

# --- build: the binary distribution, as docs/distribution.md builds it ---------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -Pdist package -DskipTests \
    && mkdir /opt/dist \
    && tar xzf lector-cli/target/lector-*-linux-x86_64.tar.gz -C /opt/dist \
    && mv /opt/dist/lector-* /opt/lector

# --- run: a JRE, the distribution (models are inside its jars), a non-root user ------------------
FROM eclipse-temurin:25-jre
# curl for the health check; fontconfig and a font for Java2D (the engine's warm-up draws text)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /home/lector --shell /usr/sbin/nologin lector
COPY --from=build /opt/lector /opt/lector
USER 10001:10001
WORKDIR /home/lector
# the server reads LECTOR_* (see lector serve --help); the container listens on every address.
# LECTOR_JAVA_OPTS is bin/lector's heap option; LECTOR_CACHE_DIR keeps the INT8 calibration.
ENV LECTOR_BIND=0.0.0.0 \
    LECTOR_PORT=8080 \
    LECTOR_DRAIN_TIMEOUT_MS=30000 \
    LECTOR_CACHE_DIR=/home/lector/.cache/lector \
    LECTOR_JAVA_OPTS=-Xmx1g
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
# bin/lector serve drains on SIGTERM (readiness false, in-flight requests finish, exit 0)
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/lector/bin/lector", "serve"]
