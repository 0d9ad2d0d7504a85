# Build the release binary in the official Swift image, run it in a slim Debian.
# libsqlite3 and libpq (PostgreSQL's client: `database` may be a postgresql:// URL).
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev libpq-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
# SwiftPM refuses a manifest whose test targets have no folder, even to build one product.
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product article-entities \
    && mkdir /out \
    && cp .build/release/article-entities /out/ \
    && cp -R .build/release/*.resources /out/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 libpq5 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app app
WORKDIR /app
# The binary finds its resource bundles (model, word lists, openapi.yaml) beside itself.
COPY --from=build /out/ /app/
COPY Config /app/Config
RUN mkdir -p /app/data && chown app:app /app/data
VOLUME /app/data
USER app
# 0.0.0.0 is not loopback, so serve refuses to start without a token: give
# ARTICLE_ENTITIES_API_TOKENS at `docker run` (-e or --env-file; never baked into the image),
# or set ARTICLE_ENTITIES_ALLOW_ANONYMOUS_WRITES=true there to accept anonymous writes.
# Clients reaching the container by a name other than localhost need
# ARTICLE_ENTITIES_SERVER_NAMES. See README.md, "Container".
ENV ARTICLE_ENTITIES_HOST=0.0.0.0 \
    ARTICLE_ENTITIES_DATABASE=/app/data/articles.sqlite \
    ARTICLE_ENTITIES_ALLOW_ANONYMOUS_WRITES=false
EXPOSE 8080
ENTRYPOINT ["/app/article-entities"]
CMD ["serve"]
