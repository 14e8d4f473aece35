#!/usr/bin/env python3
"""`make bench`: measures the release build on this machine and prints one table (issue #8).

What it measures so far (each figure printed with how it was taken):
- time from process start to the first 200 of the home page;
- requests per second and p50/p99 latency at 32 connections (wrk, 2 threads) for the home page, a category page and
  a product page;
- bytes a shopper downloads for the home page and a product page (HTML, CSS, JS, WASM): raw, gzip -9, brotli -q 11;
- the server's peak memory (VmHWM) after the load.

Not measured yet, still to build: the pre-rendered baseline route beside each page, the pay page's status endpoint,
settlement throughput with 1 and 64 concurrent callbacks, and the pay page's transfer size.

Benchmarks are not tests: nothing here passes or fails on a figure.
"""

import gzip
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "delguur")
SITE = os.path.join(ROOT, "target", "site")
CONNECTIONS = 32
DURATION = os.environ.get("BENCH_DURATION", "10s")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.status, reply.read()


def start_shop(folder):
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": f"sqlite://{folder}/shop.db",
        "DELGUUR_ADDR": f"127.0.0.1:{port}",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "LEPTOS_SITE_ROOT": SITE,
        "LEPTOS_SITE_PKG_DIR": "pkg",
        "MEDIA_DIR": f"{folder}/media",
        "RUST_LOG": "warn",
    }
    started = time.monotonic()
    process = subprocess.Popen([BINARY], env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            if fetch(base + "/")[0] == 200:
                return process, base, time.monotonic() - started
        except OSError:
            pass
        if time.monotonic() - started > 30:
            process.kill()
            sys.exit("the shop did not answer / within 30 s")
        time.sleep(0.005)


def wrk(url):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, percentile(50), percentile(99), int(errors.group(1)) if errors else 0


def sizes(blobs):
    raw = sum(len(b) for b in blobs)
    gz = sum(len(gzip.compress(b, 9)) for b in blobs)
    br = 0
    for b in blobs:
        br += len(subprocess.run(["brotli", "-c", "-q", "11"], input=b, capture_output=True, check=True).stdout)
    return raw, gz, br


def page_assets(base, path):
    """The page's HTML and the CSS, JS and WASM it loads (the WASM only when the page has islands)."""
    html = fetch(base + path)[1]
    text = html.decode("utf-8", "replace")
    assets = {"html": [html]}
    for kind, pattern in (("css", r'href="(/pkg/[^"]+\.css)"'), ("js", r'(/pkg/[^"\']+\.js)')):
        for asset in sorted(set(re.findall(pattern, text))):
            assets.setdefault(kind, []).append(fetch(base + asset)[1])
    if "js" in assets:
        assets["wasm"] = [fetch(base + "/pkg/delguur.wasm")[1]]
    return assets


def peak_memory_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    if not os.path.exists(BINARY):
        sys.exit("build the release first: make release")
    with tempfile.TemporaryDirectory() as folder:
        shop, base, startup = start_shop(folder)
        try:
            pages = [("home", "/"), ("category", "/?category=food"), ("product", "/products/honey")]
            rows = [(name, path, *wrk(base + path)) for name, path in pages]
            transfer = [(name, page_assets(base, path)) for name, path in (("home", "/"), ("product", "/products/honey"))]
            peak = peak_memory_mb(shop.pid)
        finally:
            shop.terminate()
            shop.wait()

    print(f"Delguur benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, release build, SQLite, demo catalog")
    print(f"wrk -t2 -c{CONNECTIONS} -d{DURATION} --latency\n")
    print("| page | path | req/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---:|---:|---:|---:|")
    for name, path, rps, p50, p99, errors in rows:
        print(f"| {name} | `{path}` | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {errors} |")
    print("\n| page | part | raw bytes | gzip -9 | brotli -q 11 |")
    print("|---|---|---:|---:|---:|")
    for name, assets in transfer:
        for kind in ("html", "css", "js", "wasm"):
            if kind in assets:
                raw, gz, br = sizes(assets[kind])
                print(f"| {name} | {kind} | {raw:,} | {gz:,} | {br:,} |")
        if "wasm" not in assets:
            print(f"| {name} | wasm | none loaded | | |")
    print(f"\nstart to the first 200 of /: {startup * 1000:.0f} ms")
    print(f"peak memory (VmHWM) after the load: {peak:.1f} MB")


if __name__ == "__main__":
    main()
