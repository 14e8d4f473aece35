#!/usr/bin/env python3
"""`make bench`: measures the release build on this machine and prints one table (issue #8).

What it measures, each figure printed with how it was taken:
- time from process start to the first 200 of the home page;
- requests per second and p50/p99 latency at 32 connections (wrk, 2 threads) for the home page, a category page and
  a product page, for a shopper with a session and for a visitor without one, each beside its pre-rendered copy
  served by the same server (`/_baseline/…`, `BENCH_BASELINE`);
- a product picture, as every file of the site is sent;
- the pay page's status endpoint (`POST /api/order_status`, as the open pay page asks it, with the shopper's
  session cookie), the same way;
- settlement: orders per second from "callback received" to "paid committed", each callback verified with QPay's
  `payment/check` against the QPay emulator (`delguur qpay-sandbox`, a process of its own), with 1 and with 64 callbacks at once;
- bytes a shopper downloads for the home page, a product page and the pay page (HTML, CSS, JS, WASM): raw,
  gzip -9, brotli -q 11, and what the server itself sends when the browser accepts brotli;
- the pictures of the first screen of the home page and of its first card's product page, as a phone 390 CSS px
  wide at 3 device pixels per px downloads them (`first_screen_pictures`), and one of them under wrk as a shopper's
  browser asks it from the database;
- the server's peak memory (VmHWM) after all of the above;
- the shop at scale (issue #23 point 5, the report of #22): `delguur seed-scale` writes 10,000 products and 100,000
  orders into a fresh shop through the repositories (`BENCH_SCALE_PRODUCTS`, `BENCH_SCALE_ORDERS` to change them),
  then the list, a category, search and a product page (a shopper with a cart, 32 connections), the owner's order
  list searched and the report for 30 days and a year (2 connections; each report's first view timed apart) are
  measured beside the demo shop's same pages, and the CSV export of every order is timed with the peak memory;
  then the bulk price change through the catalog's spreadsheet (`sheet_import`): every product exported as CSV,
  every price raised, uploaded, previewed and applied, each step timed, with the peak memory after.

Benchmarks are not tests: nothing here passes or fails on a figure.

The orders are placed as a shopper without JavaScript places them (`Shopper.place_order`): the product page's
add-to-cart form, then the checkout form as the page gives it, filled in for pickup at the page's first pickup point.
`bench.py --smoke --url http://127.0.0.1:PORT` runs only that step, for a few orders, against a shop already running,
checks each order's page, reads the pages' pictures as the full bench does, and exits non-zero with the reason when a
step fails; `tests/api/bench_smoke.rs` runs it against a test shop, so a change to checkout that would stop
`make bench` fails `make test` instead. The smoke step needs nothing but Python's standard library.
"""

import argparse
import concurrent.futures
import csv
import gzip
import html
import html.parser
import http.client
import io
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "delguur")
SITE = os.path.join(ROOT, "target", "site")
CONNECTIONS = 32
DURATION = os.environ.get("BENCH_DURATION", "10s")
# Orders settled one callback at a time, and with 64 callbacks at once.
SETTLE_ALONE = int(os.environ.get("BENCH_SETTLE_ALONE", "200"))
SETTLE_TOGETHER = int(os.environ.get("BENCH_SETTLE_TOGETHER", "1000"))
TOGETHER = 64
OWNER_CONNECTIONS = 2
# The large shop (issue #23 point 5, the report's budget of #22): 400 times the demo's products and orders.
SCALE_PRODUCTS = int(os.environ.get("BENCH_SCALE_PRODUCTS", "10000"))
SCALE_ORDERS = int(os.environ.get("BENCH_SCALE_ORDERS", "100000"))
SCALE_CATEGORIES = 50
OWNER = ("bench-owner@shop.mn", "bench-owner-password")
STATUS_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "status.lua")
# The phone whose pictures are counted: 390 CSS px wide, 3 device pixels to each (an iPhone 12 to 15), the root
# font 16 px.
PHONE_WIDTH = 390
PHONE_DPR = 3
ROOT_FONT_PX = 16


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.status, reply.read()


def wait_for(url, process, what):
    started = time.monotonic()
    while True:
        try:
            if fetch(url)[0] == 200:
                return time.monotonic() - started
        except OSError:
            pass
        if time.monotonic() - started > 30:
            process.kill()
            sys.exit(f"{what} did not answer within 30 s")
        time.sleep(0.005)


def start_emulator(folder):
    """QPay's emulator in a process of its own, as QPay is: what it keeps of every invoice (QR images included) is
    not counted in the shop's memory."""
    port = free_port()
    emulator = subprocess.Popen(
        [BINARY, "qpay-sandbox", "--addr", f"127.0.0.1:{port}"],
        env={"PATH": os.environ.get("PATH", ""), "RUST_LOG": "warn"},
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/_control/counters", emulator, "the QPay emulator")
    return emulator, base


def start_shop(folder, qpay, extra=None):
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": f"sqlite://{folder}/shop.db",
        "DELGUUR_ADDR": f"127.0.0.1:{port}",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "LEPTOS_SITE_ROOT": SITE,
        "LEPTOS_SITE_PKG_DIR": "pkg",
        "MEDIA_DIR": f"{folder}/media",
        "BENCH_BASELINE": "true",
        "QPAY_MODE": "sandbox",
        "QPAY_BASE_URL": qpay + "/v2",
        # Nothing but the benchmark's own callbacks asks QPay while it runs.
        "RECONCILE_SCHEDULE": "1h",
        "INVOICE_LIFETIME": "2h",
        "RUST_LOG": "warn",
        # The owner the owner's pages are measured as.
        "ADMIN_EMAIL": OWNER[0],
        "ADMIN_PASSWORD": OWNER[1],
        **(extra or {}),
    }
    process = subprocess.Popen([BINARY], env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    return process, base, wait_for(base + "/", process, "the shop")


def wrk(url, script=None, cookie=None, connections=CONNECTIONS):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "--latency"]
    if script:
        command += ["-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
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


def sent_with_brotli(base, paths, cookie):
    """What the server sends for these paths to a browser that accepts brotli and gzip."""
    sent = 0
    for path in paths:
        headers = {"Accept-Encoding": "br, gzip", **({"Cookie": cookie} if cookie else {})}
        sent += len(fetch(base + path, headers)[1])
    return sent


def page_assets(base, path, cookie=None):
    """The page's HTML and the CSS, JS and WASM it loads (the WASM only when the page has islands), each with the
    paths it came from."""
    html = fetch(base + path, {"Cookie": cookie} if cookie else {})[1]
    text = html.decode("utf-8", "replace")
    assets = {"html": ([path], [html])}
    for kind, pattern in (("css", r'href="(/pkg/[^"]+\.css)"'), ("js", r'(/pkg/[^"\']+\.js)')):
        for asset in sorted(set(re.findall(pattern, text))):
            paths, blobs = assets.setdefault(kind, ([], []))
            paths.append(asset)
            blobs.append(fetch(base + asset)[1])
    if "js" in assets:
        wasm = sorted(set(re.findall(r'(/pkg/[^"\']+\.wasm)', text))) or ["/pkg/delguur.wasm"]
        assets["wasm"] = (wasm, [fetch(base + w)[1] for w in wasm])
    return assets


class ImageReader(html.parser.HTMLParser):
    """Every `<img>` of a page, as its attributes (`src`, `srcset`, `sizes`, `loading`, …)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append({key: value if value is not None else "" for key, value in attrs})


def images_on(page):
    reader = ImageReader()
    reader.feed(page)
    reader.close()
    return reader.images


def css_px(length, viewport):
    """A length as `sizes` and its media conditions write it (`50vw`, `16rem`, `320px`) in CSS px, `viewport` px
    wide."""
    found = re.fullmatch(r"([\d.]+)(vw|rem|em|px)", length.strip())
    if not found:
        sys.exit(f"bench: a length in sizes it cannot read: {length!r}")
    number, unit = found.groups()
    return float(number) * {"vw": viewport / 100, "rem": ROOT_FONT_PX, "em": ROOT_FONT_PX, "px": 1}[unit]


def media_holds(condition, viewport):
    """Whether a media condition of the kind the shop's `sizes` use (`(max-width: 34rem)`, `(min-width: 48rem)`,
    joined by `and`) holds `viewport` px wide. Any other kind stops the bench rather than be guessed."""
    for part in re.split(r"\s+and\s+", condition.strip()):
        found = re.fullmatch(r"\(\s*(min|max)-width\s*:\s*([\d.]+[a-z]+)\s*\)", part.strip())
        if not found:
            sys.exit(f"bench: a media condition in sizes it cannot read: {condition!r}")
        bound = css_px(found.group(2), viewport)
        if (viewport < bound) if found.group(1) == "min" else (viewport > bound):
            return False
    return True


def slot_px(sizes, viewport):
    """How wide `sizes` says the picture is drawn, in CSS px, `viewport` px wide: the length of its first entry whose
    condition holds (the last has none), as a browser reads it; 100vw without `sizes`."""
    for entry in (sizes or "100vw").split(","):
        found = re.fullmatch(r"(.*\))\s*(\S+)", entry.strip())
        if not found:
            return css_px(entry, viewport)
        if media_holds(found.group(1), viewport):
            return css_px(found.group(2), viewport)
    return viewport


def chosen_file(image, viewport=PHONE_WIDTH, dpr=PHONE_DPR):
    """The file a browser `viewport` CSS px wide with `dpr` device pixels to each px downloads for `image`: from its
    `srcset`, the narrowest file at least as wide as the picture's slot in device pixels, else the widest; its `src`
    without a `srcset`."""
    candidates = []
    for candidate in image.get("srcset", "").split(","):
        parts = candidate.split()
        if not parts:
            continue
        if len(parts) != 2 or not re.fullmatch(r"\d+w", parts[1]):
            sys.exit(f"bench: a srcset candidate it cannot read: {candidate!r}")
        candidates.append((int(parts[1][:-1]), parts[0]))
    if not candidates:
        return image.get("src", "")
    wanted = slot_px(image.get("sizes"), viewport) * dpr
    wide_enough = [c for c in candidates if c[0] >= wanted]
    return min(wide_enough)[1] if wide_enough else max(candidates)[1]


def first_screen_pictures(base, path):
    """The files a phone (`PHONE_WIDTH` CSS px, `PHONE_DPR`) downloads at once for the pictures of `path`: one per
    `<img>` not `loading="lazy"` (the shop makes lazy every card below a phone's first row and every product picture
    after the first), chosen as the browser chooses them. Returns the page, the files (each once) and the bytes the
    server sends for them to a browser that accepts brotli and gzip. Cards of a second row that would show on a
    tall screen, and the lazy pictures a browser fetches ahead of scrolling, are not counted."""
    page = fetch(base + path, {"Accept": "text/html"})[1].decode("utf-8", "replace")
    chosen = [chosen_file(image) for image in images_on(page) if image.get("loading", "").lower() != "lazy"]
    files = list(dict.fromkeys(f for f in chosen if f and not f.startswith("data:")))
    sent = sum(
        len(fetch(urllib.parse.urljoin(base + path, f), {"Accept-Encoding": "br, gzip"})[1]) for f in files
    )
    return page, files, sent


def phone_pictures(base):
    """[(name, path, files, bytes sent)] for the home page and its first card's product page."""
    home, files, sent = first_screen_pictures(base, "/")
    card = re.search(r'data-test="product-card".*?href="(/products/[^"?#]+)"', home, re.S)
    if not card:
        sys.exit("bench: the home page shows no product card")
    _, product_files, product_sent = first_screen_pictures(base, card.group(1))
    return [("home", "/", files, sent), ("product", card.group(1), product_files, product_sent)]


def pictures_line(measured):
    """One line: what the first screen's pictures of each page cost the phone."""

    def one(name, files, sent):
        return f"{name} {sent / 1000:,.1f} KB ({len(files)} file{'' if len(files) == 1 else 's'})"

    shown = ", ".join(one(name, files, sent) for name, _, files, sent in measured)
    return f"images, first screen at {PHONE_WIDTH} px ×{PHONE_DPR}: {shown}"


def peak_memory_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


class OrderStepFailed(Exception):
    """A step of placing an order went otherwise than it goes for a shopper; the message says which and why."""


def expect(condition, reason):
    if not condition:
        raise OrderStepFailed(reason)


class Form:
    """A form as a browser submits it: its action, and the fields it sends without anything typed."""

    def __init__(self, action):
        self.action = action
        # (name, value) in the order a browser sends them: inputs with their value, the checked radios and
        # checkboxes, each select's selected option (else its first), each textarea's text.
        self.fields = []
        # Every value a radio or checkbox of that name offers.
        self.choices = {}
        # Every option's value of the select of that name, in the page's order.
        self.options = {}


class FormReader(html.parser.HTMLParser):
    """The forms of a page (`forms_on`). Disabled fields and buttons send nothing, as in a browser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None  # (name, [(value, selected)]); name None when disabled
        self.option = None  # [value or None, [text], selected]
        self.textarea = None  # (name, [text])

    def handle_starttag(self, tag, attrs):
        a = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self.form = Form(a.get("action", ""))
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name") if "disabled" not in a else None
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                value = a.get("value", "on")
                self.form.choices.setdefault(name, []).append(value)
                if "checked" in a:
                    self.form.fields.append((name, value))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.form.fields.append((name, a.get("value", "")))
        elif tag == "select":
            self.select = (name, [])
        elif tag == "option" and self.select is not None:
            self.end_option()
            if "disabled" not in a:
                self.option = [a.get("value"), [], "selected" in a]
        elif tag == "textarea" and name:
            self.textarea = (name, [])

    def handle_data(self, data):
        if self.option is not None:
            self.option[1].append(data)
        if self.textarea is not None:
            self.textarea[1].append(data)

    def end_option(self):
        if self.option is not None and self.select is not None:
            value, text, selected = self.option
            if value is None:
                value = " ".join("".join(text).split())
            self.select[1].append((value, selected))
        self.option = None

    def handle_endtag(self, tag):
        if tag == "option":
            self.end_option()
        elif tag == "select" and self.select is not None:
            self.end_option()
            name, options = self.select
            self.select = None
            if name and self.form is not None:
                values = [value for value, _ in options]
                self.form.options[name] = values
                chosen = [value for value, selected in options if selected] or values[:1]
                if chosen:
                    self.form.fields.append((name, chosen[0]))
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.textarea = None
            if self.form is not None:
                self.form.fields.append((name, "".join(text)))
        elif tag == "form":
            self.form = None


def forms_on(page):
    reader = FormReader()
    reader.feed(page)
    reader.close()
    return reader.forms


def form_posting_to(page, server_fn, where):
    """The form on `page` that posts to the server function `server_fn` (`/api/{server_fn}…`)."""
    for form in forms_on(page):
        if urllib.parse.urlsplit(form.action).path.startswith(f"/api/{server_fn}"):
            return form
    raise OrderStepFailed(f"{where} has no form posting to /api/{server_fn}")


def alerts_on(page):
    """What a page sent back says is wrong: each `role="alert"` paragraph, as `field: message` (the field from its
    `id="…-error"`) or the message alone."""
    said = []
    for attributes, inner in re.findall(r"<p\b([^>]*)>(.*?)</p>", page, re.S):
        if 'role="alert"' not in attributes:
            continue
        text = " ".join(html.unescape(re.sub(r"<[^>]*>", "", inner)).split())
        field = re.search(r'\bid="([^"]+)-error"', attributes) or re.search(r'\bdata-test="([^"]+)"', attributes)
        said.append(f"{field.group(1)}: {text}" if field else text)
    return said


class Shopper:
    """One browser: a keep-alive connection and the session cookie, on an address and with a phone of its own.

    The bench talks to the shop as a reverse proxy on this machine would, so `X-Forwarded-For` names the shopper
    (`src/web/client.rs`). With its own session, address and phone, no cap meant for one visitor is what limits the
    bench, and the shop runs with its default caps: orders per session (10) and per address (30) in ten minutes
    (`src/limits.rs`), units held by unpaid orders per phone (50) and per address (150), unpaid offline orders per
    phone and address (none here: every order is paid with QPay), and texts per phone (15 a day). The shop's texts
    per hour (200) are reached: each order texts its shopper 'placed', and those past the budget are held, not sent,
    which places the order all the same."""

    def __init__(self, base, number):
        # Both made from `number`: an IPv4 address in 10.0.0.0/8 and an 8-digit mobile number (88xxxxxx).
        assert 0 < number < 1_000_000, number
        self.connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
        self.address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        self.phone = str(88_000_000 + number)
        self.cookie = None

    def send(self, method, path, form=None):
        headers = {"X-Forwarded-For": self.address, "Accept": "text/html"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        reply = self.connection.getresponse()
        text = reply.read().decode("utf-8", "replace")
        for name, value in reply.getheaders():
            if name.lower() == "set-cookie" and value.startswith("delguur.sid="):
                self.cookie = value.split(";", 1)[0]
        return reply.status, reply.getheader("location"), text

    def place_order(self, check_page=False):
        """Adds a pack of aaruul to the cart and checks out for pickup, as a shopper without JavaScript does: each
        form posted with every field the page gives it, the shopper's name and phone typed in, pickup chosen at the
        page's first pickup point, QPay chosen when the form offers ways to pay. Returns the order number.

        `check_page`: follow the redirect to the order's page and check it shows the order, awaiting payment, with
        its QPay QR (the smoke run; the full bench leaves it out, so its placing figure stays what it was)."""
        status, _, product = self.send("GET", "/products/aaruul")
        expect(status == 200, f"the product page /products/aaruul answered {status}")
        add = form_posting_to(product, "add_to_cart", "the product page")
        fields = dict(add.fields)
        expect(fields.get("variant_id"), "the product page's add-to-cart form has no variant chosen")
        status, location, _ = self.send("POST", add.action, fields)
        expect(300 <= status < 400, f"adding to the cart answered {status} {location}")

        status, _, checkout = self.send("GET", "/checkout")
        expect(status == 200, f"the checkout page answered {status}")
        expect('data-test="cart-empty"' not in checkout, "checkout found the cart empty after adding to it")
        form = form_posting_to(checkout, "place_order", "the checkout page")
        fields = dict(form.fields)
        expect(fields.get("key"), "the checkout form has no key")
        expect("pickup" in form.choices.get("delivery", []), "the checkout form offers no delivery=pickup")
        points = form.options.get("pickup_point")
        expect(points, "the checkout form offers no pickup point (its pickup_point select has no option)")
        fields.update(name="Болд", phone=self.phone, delivery="pickup", pickup_point=points[0])
        if "pay_method" in form.choices:
            expect("qpay" in form.choices["pay_method"], "the checkout form's ways to pay do not include qpay")
            fields["pay_method"] = "qpay"
        status, location, _ = self.send("POST", form.action, fields)
        path = urllib.parse.urlsplit(location or "").path
        if not path.startswith("/orders/"):
            raise OrderStepFailed(f"checkout did not place an order: {status} {location}{self.why_sent_back(path)}")
        order_no = path.removeprefix("/orders/")
        if check_page:
            self.check_order_page(path, order_no)
        return order_no

    def why_sent_back(self, path):
        """What the page checkout sent the shopper back to says, to follow a failed `place_order`."""
        if path == "/checkout":
            said = alerts_on(self.send("GET", "/checkout")[2])
            return f" (the form came back saying: {'; '.join(said) or 'nothing'})"
        if path == "/cart":
            return " (the cart was empty)"
        return ""

    def check_order_page(self, path, order_no):
        """The page the shopper is sent to after placing: the order, awaiting payment, with its QPay QR."""
        status, _, page = self.send("GET", path)
        expect(status == 200, f"the order's page {path} answered {status}")
        shown = re.search(r'data-test="order-no"[^>]*>(.*?)</', page, re.S)
        # Leptos marks where a view's parts meet (`<!>`, `<!---->`): not part of the text a shopper reads.
        shown = re.sub(r"<!(--.*?--)?>", "", shown.group(1), flags=re.S).strip() if shown else None
        expect(shown == order_no, f"the order's page {path} shows the order number {shown!r}")
        status_tag = re.search(r'<[^>]*\bdata-test="pay-status"[^>]*>', page)
        state = re.search(r'\bdata-status="([^"]*)"', status_tag.group(0)) if status_tag else None
        state = state.group(1) if state else None
        expect(state == "awaiting", f"order {order_no}'s page does not show it awaiting payment (state {state!r})")
        if 'data-test="qr"' not in page:
            trouble = " (its page offers to try the invoice again)" if 'data-test="retry-invoice"' in page else ""
            raise OrderStepFailed(f"order {order_no}'s page shows no QPay QR{trouble}")


def place_orders(base, count, first_number, check_pages=False):
    """`count` orders, each by a shopper of its own, 4 at a time; (order number, session cookie) each. The first
    failure stops it (`OrderStepFailed`, naming the shopper)."""

    def one(number):
        shopper = Shopper(base, number)
        try:
            return shopper.place_order(check_pages), shopper.cookie
        except OrderStepFailed as failed:
            raise OrderStepFailed(f"shopper {number} (phone {shopper.phone}): {failed}") from None
        except OSError as error:
            raise OrderStepFailed(f"shopper {number}: the shop did not answer: {error}") from None

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        try:
            return list(pool.map(one, range(first_number, first_number + count)))
        except OrderStepFailed:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def smoke(base, count):
    """`--smoke`: the order step, `count` orders against the shop at `base`, each order's page checked; then the
    pictures of the first screen, read as the full bench reads them."""
    placed = place_orders(base, count, 1, check_pages=True)
    numbers = [order_no for order_no, _ in placed]
    expect(len(set(numbers)) == count, f"{count} shoppers got the order numbers {numbers}")
    print(f"bench order step: {count} orders placed over HTTP, each awaiting payment with its QR: {', '.join(numbers)}")
    # The pictures' measurement reads the pages as the full bench does: a page it cannot read stops it here first.
    print(pictures_line(phone_pictures(base)))


def control(qpay, path, body):
    request = urllib.request.Request(
        qpay + "/_control" + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())


def settle(base, qpay, database, orders, together):
    """Pays every order in the emulator (which is told not to call back), then sends the callbacks QPay would,
    `together` at a time. Each answer comes once the shop has checked the payment with QPay and committed the
    order paid. Returns orders per second and the p50/p99 of one callback, in ms."""
    with sqlite3.connect(database, timeout=30) as db:
        rows = db.execute(
            "SELECT o.order_no, o.callback_token, i.invoice_id FROM orders o "
            f"JOIN qpay_invoices i ON i.order_id = o.id WHERE o.order_no IN ({','.join('?' * len(orders))})",
            orders,
        ).fetchall()
    callbacks = []
    for order_no, token, invoice_id in rows:
        payment = control(qpay, "/pay", {"invoice_id": invoice_id})["payment_id"]
        query = urllib.parse.urlencode({"token": token, "qpay_payment_id": payment})
        callbacks.append(f"/qpay/callback/{order_no}?{query}")
    connections = {}

    def call(path):
        me = threading.get_ident()
        if me not in connections:
            connections[me] = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
        started = time.monotonic()
        connections[me].request("GET", path)
        reply = connections[me].getresponse()
        answer = reply.read()
        if reply.status != 200 or answer != b"SUCCESS":
            sys.exit(f"a callback was answered {reply.status} {answer!r}")
        return time.monotonic() - started

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(together) as pool:
        took = sorted(pool.map(call, callbacks))
    elapsed = time.monotonic() - started
    with sqlite3.connect(database, timeout=30) as db:
        paid = db.execute(
            f"SELECT COUNT(*) FROM orders WHERE payment_state = 'paid' AND order_no IN ({','.join('?' * len(orders))})",
            orders,
        ).fetchone()[0]
    if paid != len(orders):
        sys.exit(f"settlement: {paid} of {len(orders)} orders are paid after their callbacks")
    return len(orders) / elapsed, took[len(took) // 2] * 1000, took[int(len(took) * 0.99)] * 1000


def sign_in_owner(base):
    """The owner's session cookie, signed in through the sign-in page's form as a browser without JavaScript does."""
    owner = Shopper(base, 999_999)
    status, _, page = owner.send("GET", "/admin/login")
    expect(status == 200, f"the sign-in page answered {status}")
    form = form_posting_to(page, "admin_sign_in", "the sign-in page")
    fields = dict(form.fields)
    fields.update(email=OWNER[0], password=OWNER[1])
    status, location, _ = owner.send("POST", form.action, fields)
    expect(300 <= status < 400 and location == "/admin", f"signing in answered {status} {location}")
    return owner.cookie


def timed_download(base, path, cookie, pid):
    """One GET of `path` read to its end: seconds, bytes, lines, and the shop's peak memory (VmHWM, MB) after it."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=600)
    started = time.monotonic()
    connection.request("GET", path, headers={"Cookie": cookie})
    reply = connection.getresponse()
    size = lines = 0
    while chunk := reply.read(1 << 16):
        size += len(chunk)
        lines += chunk.count(b"\n")
    took = time.monotonic() - started
    expect(reply.status == 200, f"{path} answered {reply.status}")
    return took, size, lines, peak_memory_mb(pid)


def shopper_with_cart(base, product):
    """A shopper's session cookie, with `product` put in the cart through its page's form."""
    shopper = Shopper(base, 2)
    status, _, page = shopper.send("GET", f"/products/{product}")
    expect(status == 200, f"/products/{product} answered {status}")
    add = form_posting_to(page, "add_to_cart", "the product page")
    status, location, _ = shopper.send("POST", add.action, dict(add.fields))
    expect(300 <= status < 400 and shopper.cookie, f"adding to the cart answered {status} {location}")
    return shopper.cookie


def catalog_and_owner_pages(base, pid, shopper, category, product, words, days=366):
    """The pages whose cost grows with the shop: each under wrk (a shopper with a session, the owner signed in),
    then the CSV export of every order, timed, with the shop's peak memory before and after it. `words` are three
    searches: in Cyrillic, in Latin letters as Mongolians type, and with one wrong letter (domain/search.rs)."""
    word, latin, typo = words
    owner = sign_in_owner(base)
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
    first = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 - (days - 1) * 86400))
    # Shoppers come many at once; the owner's pages are one owner's and perhaps a staff member's: 2 connections.
    pages = [
        ("list (home)", "/", shopper, CONNECTIONS),
        ("a category", f"/?category={category}", shopper, CONNECTIONS),
        ("search", f"/?q={urllib.parse.quote(word)}", shopper, CONNECTIONS),
        ("search, Latin letters", f"/?q={urllib.parse.quote(latin)}", shopper, CONNECTIONS),
        ("search, a wrong letter", f"/?q={urllib.parse.quote(typo)}", shopper, CONNECTIONS),
        ("header suggestions", f"/search/suggestions?q={urllib.parse.quote(latin)}", shopper, CONNECTIONS),
        ("a product", f"/products/{product}", shopper, CONNECTIONS),
        ("owner: orders, paid, a phone searched", "/admin?payment=paid&fulfilment=all&q=99001", owner, OWNER_CONNECTIONS),
        ("owner: report, 30 days", "/admin/reports?period=30d", owner, OWNER_CONNECTIONS),
        (f"owner: report, {days} days", f"/admin/reports?period=custom&from={first}&to={today}", owner, OWNER_CONNECTIONS),
    ]
    rows = []
    for name, path, cookie, connections in pages:
        # A report's first view computes its sums; the ones after find them kept (admin/reports/sums.rs).
        first_view = timed_download(base, path, cookie, pid)[0] * 1000 if "report" in path else None
        rows.append((name, path, connections, first_view, *wrk(base + path, cookie=cookie, connections=connections)))
    before = peak_memory_mb(pid)
    export = timed_download(base, "/admin/orders.csv?payment=all&fulfilment=all", owner, pid)
    return rows, (before, *export)


def owner_request(base, method, path, cookie, body=None, content_type=None):
    """One request of the signed-in owner: status, location, and the body's bytes."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=600)
    headers = {"Cookie": cookie, "Accept": "text/html"}
    if content_type:
        headers["Content-Type"] = content_type
    connection.request(method, path, body=body, headers=headers)
    reply = connection.getresponse()
    return reply.status, reply.getheader("location"), reply.read()


def sheet_import(base, pid):
    """The bulk price change at scale (admin/catalog_sheet): the whole catalog exported as CSV, every price raised by
    100₮ in it, uploaded and its preview read, then applied; each step timed, with the shop's peak memory after."""
    owner = sign_in_owner(base)
    started = time.monotonic()
    status, _, exported = owner_request(base, "GET", "/admin/products/sheet/products.csv", owner)
    export_took = time.monotonic() - started
    expect(status == 200, f"the catalog's export answered {status}")
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    price = rows[0].index("price")
    for row in rows[1:]:
        row[price] = str(int(row[price]) + 100)
    edited = io.StringIO()
    csv.writer(edited).writerows(rows)
    boundary = "delguur-bench-sheet"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="sheet"; filename="prices.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{edited.getvalue()}\r\n--{boundary}--\r\n"
    ).encode()
    started = time.monotonic()
    status, location, _ = owner_request(
        base, "POST", "/admin/products/import/upload", owner, body, f"multipart/form-data; boundary={boundary}"
    )
    expect(status == 303 and "upload=" in (location or ""), f"the upload answered {status} {location}")
    status, _, preview = owner_request(base, "GET", location, owner)
    preview_took = time.monotonic() - started
    preview = preview.decode("utf-8", "replace")
    problems = re.findall(r'<ul class="sheet-problems"[^>]*>(.*?)</ul>', preview, re.S)
    expect(
        status == 200 and 'data-test="sheet-apply"' in preview,
        f"the preview answered {status} without its button: {html.unescape(re.sub('<[^>]+>', ' | ', ''.join(problems)))[:600]}",
    )
    form = form_posting_to(preview, "admin_apply_sheet", "the preview")
    started = time.monotonic()
    status, location, _ = owner_request(
        base, "POST", form.action, owner, urllib.parse.urlencode(form.fields), "application/x-www-form-urlencoded"
    )
    apply_took = time.monotonic() - started
    expect(status in (302, 303) and location == "/admin/products", f"the apply answered {status} {location}")
    return len(rows) - 1, len(body), export_took, preview_took, apply_took, peak_memory_mb(pid)


def scale_shop(qpay):
    """A fresh shop with `delguur seed-scale`'s catalog and orders (through the repositories), measured as the demo
    shop's same pages are. Returns the seed's line, its time, and the measurements."""
    with tempfile.TemporaryDirectory() as folder:
        env = {"PATH": os.environ.get("PATH", ""), "DATABASE_URL": f"sqlite://{folder}/shop.db", "RUST_LOG": "warn"}
        started = time.monotonic()
        seeded = subprocess.run(
            [BINARY, "seed-scale", "--products", str(SCALE_PRODUCTS), "--orders", str(SCALE_ORDERS),
             "--categories", str(SCALE_CATEGORIES)],
            env=env, cwd=folder, capture_output=True, text=True, check=True, timeout=1500,
        ).stdout.strip()
        took = time.monotonic() - started
        shop, base, _ = start_shop(folder, qpay)
        try:
            measured = catalog_and_owner_pages(
                base, shop.pid, shopper_with_cart(base, "scale-product-1234"), "scale-7", "scale-product-1234", ("цамц", "tsamts", "gutak")
            )
            database_mb = os.path.getsize(f"{folder}/shop.db") / 1e6
            imported = sheet_import(base, shop.pid)
        finally:
            shop.terminate()
            shop.wait()
    return seeded, took, database_mb, measured, imported


def print_scale(demo, scale):
    """The large shop's rows beside the demo's (`demo` None: `--scale-only`, the demo's columns left empty)."""
    seeded, took, database_mb, (rows, export), imported = scale
    print(f"\nThe shop at scale: `delguur seed-scale` wrote {seeded} (with start-up, {took:.0f} s; database {database_mb:.0f} MB)")
    print("| what | connections | demo req/s | demo p50 ms | demo p99 ms | scale req/s | scale p50 ms | scale p99 ms | non-2xx |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    demo_rows = demo[0] if demo else [None] * len(rows)
    for demo_row, row in zip(demo_rows, rows):
        name, path, connections, first_view, rps, p50, p99, errors = row
        shown = f"{demo_row[4]:,.0f} | {demo_row[5]:.2f} | {demo_row[6]:.2f}" if demo_row else " | | "
        errors += demo_row[7] if demo_row else 0
        print(f"| {name} `{path}` | {connections} | {shown} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {errors} |")
    for demo_row, row in zip(demo_rows, rows):
        if row[3] is not None:
            on_demo = f"{demo_row[3]:.0f} ms on the demo, " if demo_row else ""
            print(f"{row[0]}: its first view, computing the sums, {on_demo}{row[3]:.0f} ms at scale")
    for label, measured in (("demo", demo[1] if demo else None), ("scale", export)):
        if measured:
            before, seconds, size, lines, after = measured
            print(
                f"CSV export of every order, {label}: {lines - 1:,} orders, {size / 1e6:.1f} MB in {seconds:.2f} s; "
                f"the shop's peak memory {before:.1f} MB before it, {after:.1f} MB after"
            )
    print_import(imported)


def print_import(imported):
    rows, size, export_took, preview_took, apply_took, memory = imported
    print(
        f"Catalog sheet at scale (every price +100₮): export {rows:,} rows in {export_took:.2f} s; "
        f"upload ({size / 1e6:.1f} MB CSV) and preview {preview_took:.2f} s; apply {apply_took:.2f} s; "
        f"the shop's peak memory after it {memory:.1f} MB"
    )


def scale_only():
    """`--scale-only`: the large shop alone, against the emulator, without the demo's figures."""
    with tempfile.TemporaryDirectory() as folder:
        emulator, qpay = start_emulator(folder)
        try:
            scale = scale_shop(qpay)
        finally:
            emulator.terminate()
            emulator.wait()
    print(f"Delguur benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, release build, SQLite, the shop at scale only")
    print_scale(None, scale)


def status_script(orders):
    """A wrk script that asks the status of `orders` in turn, each with its shopper's session cookie."""
    calls = ",\n".join(
        f'  {{"{cookie}", "order_no={order_no}"}}' for order_no, cookie in orders
    )
    with open(STATUS_SCRIPT) as template:
        return template.read().replace("-- ORDERS --", calls)


def bench():
    if not os.path.exists(BINARY):
        sys.exit("build the release first: make release")
    with tempfile.TemporaryDirectory() as folder:
        emulator, qpay = start_emulator(folder)
        shop, base, startup = start_shop(folder, qpay)
        database = f"{folder}/shop.db"
        try:
            with sqlite3.connect(database, timeout=30) as db:
                db.execute("UPDATE variants SET stock = 1000000 WHERE sku = 'aaruul-1'")
            control(qpay, "/settings", {"callback": {"drop": True}})
            placing = time.monotonic()
            alone = place_orders(base, SETTLE_ALONE, 1)
            together = place_orders(base, SETTLE_TOGETHER, SETTLE_ALONE + 1)
            # Never paid: its page shows the QR and the bank links, as a shopper about to pay sees it.
            unpaid = place_orders(base, 1, SETTLE_ALONE + SETTLE_TOGETHER + 1)[0]
            placed_per_second = (SETTLE_ALONE + SETTLE_TOGETHER) / (time.monotonic() - placing)

            # A shopper who has ordered has a session: pages are rendered for them. A visitor without one may get
            # a page kept from a rendering less than a second old (catalog/page_cache.rs).
            session = alone[-1][1]
            pages = [("home", "/"), ("category", "/?category=food"), ("product", "/products/honey")]
            rows = []
            for name, path in pages:
                rows.append((f"{name}, with a session", path, *wrk(base + path, cookie=session)))
                rows.append((f"{name}, a visitor without one", path, *wrk(base + path)))
                baseline = "/_baseline" + path
                rows.append((f"{name}, pre-rendered", baseline, *wrk(base + baseline)))
            # The pictures a phone downloads first (issue #36), and one of them as every shopper's browser asks it.
            pictures = phone_pictures(base)
            picture = "/images/products/honey.svg"
            rows.append(("a file of the site (an SVG)", picture, *wrk(base + picture)))
            stored = (pictures[0][2] or [picture])[0]
            rows.append(("a product picture (from the database)", stored, *wrk(base + stored)))

            script = os.path.join(folder, "status.lua")
            with open(script, "w") as out:
                out.write(status_script(together[:TOGETHER]))
            rows.append(("pay page status", "POST /api/order_status", *wrk(base + "/api/order_status", script)))

            settled = [
                (1, len(alone), *settle(base, qpay, database, [no for no, _ in alone], 1)),
                (TOGETHER, len(together), *settle(base, qpay, database, [no for no, _ in together], TOGETHER)),
            ]
            pay_page = f"/orders/{unpaid[0]}"
            transfer = [
                (name, page_assets(base, path, cookie), cookie)
                for name, path, cookie in (
                    ("home", "/", None),
                    ("product", "/products/honey", None),
                    ("pay page", pay_page, unpaid[1]),
                )
            ]
            sent = {name: sent_with_brotli(base, [p for paths, _ in a.values() for p in paths], c) for name, a, c in transfer}
            peak = peak_memory_mb(shop.pid)
            # Last, so the figures above stay what they were: the demo's side of the cost curve, then the large shop.
            demo = catalog_and_owner_pages(base, shop.pid, session, "food", "honey", ("бал", "aaruul", "aaruyl"))
            shop.terminate()
            shop.wait()
            scale = scale_shop(qpay)
        finally:
            for process in (shop, emulator):
                process.terminate()
                process.wait()

    print(f"Delguur benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, release build, SQLite, demo catalog")
    print(f"wrk -t2 -c{CONNECTIONS} -d{DURATION} --latency, on the same cores as the shop\n")
    print("| what | request | req/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---:|---:|---:|---:|")
    for name, path, rps, p50, p99, errors in rows:
        print(f"| {name} | `{path}` | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {errors} |")
    for i in range(0, 9, 3):
        page = rows[i][0].split(",")[0]
        print(
            f"{page}: with a session {rows[i][2] / rows[i + 2][2]:.0%}, without one {rows[i + 1][2] / rows[i + 2][2]:.0%} "
            "of its pre-rendered copy's throughput"
        )
    print("\nSettlement: callback in, payment/check with the QPay emulator (its own process), order paid and committed,")
    print("SUCCESS out")
    print("| callbacks at once | orders | orders/s | p50 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|")
    for at_once, count, per_second, p50, p99 in settled:
        print(f"| {at_once} | {count:,} | {per_second:,.0f} | {p50:.2f} | {p99:.2f} |")
    print(f"(placing those orders over HTTP, 4 shoppers at a time, with their QPay invoices: {placed_per_second:,.0f} orders/s)")
    print("\n| page | part | raw bytes | gzip -9 | brotli -q 11 |")
    print("|---|---|---:|---:|---:|")
    for name, assets, _ in transfer:
        for kind in ("html", "css", "js", "wasm"):
            if kind in assets:
                raw, gz, br = sizes(assets[kind][1])
                print(f"| {name} | {kind} | {raw:,} | {gz:,} | {br:,} |")
        if "wasm" not in assets:
            print(f"| {name} | wasm | none loaded | | |")
    for name, _, _ in transfer:
        print(f"{name}: the server sends {sent[name]:,} bytes in all to a browser that accepts brotli")
    print(pictures_line(pictures))
    for name, path, files, _ in pictures:
        print(f"  {name} (`{path}`): {', '.join(files) or 'none'}")
    print(f"\nstart to the first 200 of /: {startup * 1000:.0f} ms")
    print(f"the shop's peak memory (VmHWM) after all of the above: {peak:.1f} MB")
    print_scale(demo, scale)


def main():
    parser = argparse.ArgumentParser(description="make bench: the release build measured (docs/PERFORMANCE.md)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="only place a few orders against the shop at --url, as the bench does, and check them; measure nothing",
    )
    parser.add_argument("--scale-only", action="store_true", help="measure only the shop at scale (no demo figures)")
    parser.add_argument("--url", help="the running shop for --smoke, e.g. http://127.0.0.1:3000")
    parser.add_argument("--orders", type=int, default=4, help="orders --smoke places (default 4)")
    args = parser.parse_args()
    try:
        if args.smoke:
            if not args.url:
                parser.error("--smoke needs --url")
            smoke(args.url.rstrip("/"), args.orders)
        elif args.scale_only:
            if not os.path.exists(BINARY):
                sys.exit("build the release first: make release")
            scale_only()
        else:
            bench()
    except OrderStepFailed as failed:
        sys.exit(f"bench order step failed: {failed}")


if __name__ == "__main__":
    main()
