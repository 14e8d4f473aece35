# The release binary and the site, built in one stage and run as a non-root user in a small one.
#   docker build -t delguur .
#   docker run -p 3000:3000 -v delguur-data:/data --env-file delguur-docker.env delguur
# Everything the shop keeps (the SQLite database, uploaded pictures) is under /data, owned by uid 10001. The env
# file holds PUBLIC_URL, QPAY_*, ADMIN_* and the like, not the four paths this image sets (docs/deploy.md §9).

FROM node:20-bookworm AS node

FROM rust:1.95-bookworm AS build
# Node 20 (the end-to-end packages ask for it; Debian 12 has 18) for npm's binaryen (wasm-opt).
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
# `make release` installs the wasm32 target, cargo-leptos and the wasm-bindgen CLI the lock file asks for, and
# npm's binaryen (wasm-opt), then builds target/release/delguur and target/site.
RUN make release

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --create-home --shell /usr/sbin/nologin delguur
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
