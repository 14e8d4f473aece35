# The release binary and the site, built in one stage and run as a non-root user in a small one.
#   docker build -t delguur .
#   docker run -p 3000:3000 -v delguur-data:/data --env-file /etc/delguur.env delguur
# Everything the shop keeps (the SQLite database, uploaded pictures) is under /data.

FROM rust:1.95-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# `make release` installs the wasm32 target, cargo-leptos and the wasm-bindgen CLI the lock file asks for, and
# npm's binaryen (wasm-opt), then builds target/release/delguur and target/site.
RUN make release

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /data --create-home --shell /usr/sbin/nologin delguur
COPY --from=build /src/target/release/delguur /usr/local/bin/delguur
COPY --from=build /src/target/site /srv/delguur/site
ENV LEPTOS_SITE_ROOT=/srv/delguur/site \
    LEPTOS_SITE_PKG_DIR=pkg \
    DELGUUR_ADDR=0.0.0.0:3000 \
    DATABASE_URL=sqlite:///data/delguur.db \
    MEDIA_DIR=/data/media
USER delguur
WORKDIR /data
VOLUME /data
EXPOSE 3000
CMD ["delguur"]
