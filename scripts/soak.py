#!/usr/bin/env python3
"""Soak of `./lector serve` (issue 13): normal receipts mixed with the issue's bad inputs.

Starts the server on a free port (build its jar first: ./mvnw -B -q -o package -DskipTests),
sends REQUESTS requests from CLIENTS concurrent clients, half of them normal receipts (read in
place from --images, raw bodies and multipart in turn), the other half the bad inputs of issue 13,
generated into a temporary folder at run time:

  big_det_side    a 7000x7000 PNG with det_limit_side=8192          -> 422 bad_option
  pdf_pixel_bomb  a PDF whose page draws a 20000x20000 image          -> 413 image_too_large
  encrypted_pdf   a PDF encrypted with a user password                -> 400 undecodable
  bad_option      a receipt with cls=maybe                            -> 422 bad_option
  two_images      multipart with two 'image' parts                    -> 400 bad_request
  pages_on_image  a receipt with pages=2                              -> 422 bad_option
  oversized_body  a body declared above --max-body-mb (20 MB)         -> 413 body_too_large
  wrong_method    GET /v1/ocr                                         -> 405 method_not_allowed

and reports the status codes per input kind, any 5xx on normal requests, whether every bad one
got its 4xx, and the server's RSS (VmRSS) after the first 200 requests and after the run (bar:
within 15%). The result cache is off (--cache-entries 0) so that every normal request runs the
engine. Exit code 0 when every bar holds, 1 otherwise. Python 3 standard library only.

  python3 scripts/soak.py [--requests 2000] [--clients 8] [--env NAME=VALUE] [-- serve flags]
"""
import argparse
import collections
import concurrent.futures
import json
import os
import random
import socket
import struct
import sys
import tempfile
import threading
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lector_proc  # noqa: E402

EXPECTED = {  # kind -> (status, error code, a word the message must hold or None)
    "big_det_side": (422, "bad_option", "det_limit_side"),
    "pdf_pixel_bomb": (413, "image_too_large", "20000"),
    "encrypted_pdf": (400, "undecodable", "encrypted"),
    "bad_option": (422, "bad_option", "cls"),
    "two_images": (400, "bad_request", "image"),
    "pages_on_image": (422, "bad_option", "page"),
    "oversized_body": (413, "body_too_large", None),
    "wrong_method": (405, "method_not_allowed", None),
}


# ---- inputs, made at run time

def png_gray(width, height, row_of):
    """A grayscale PNG; row_of(y) gives the row's bytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    z = zlib.compressobj(9)
    parts = []
    for y in range(height):
        parts.append(z.compress(b"\0" + row_of(y)))
    parts.append(z.flush())
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))


def big_png(side=7000):
    white = b"\xff" * side
    bar = b"\xff" * 1000 + b"\x00" * (side - 2000) + b"\xff" * 1000
    return png_gray(side, side, lambda y: bar if (y // 200) % 5 == 2 else white)


def pdf(objects, trailer_extra=b""):
    """A PDF of the given object bodies (numbered from 1; object 1 the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(dict_body, data):
    return b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pixel_bomb_pdf(side=20000):
    z = zlib.compressobj(9)
    row_block = b"\0" * (side * 50)
    data = b"".join(z.compress(row_block) for _ in range(side // 50)) + z.flush()
    content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
        stream(b"", content),
        stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"
               % (side, side), data),
    ])


def encrypted_pdf():
    # the standard security handler (RC4, revision 2) with O and U of a password that is not
    # empty: a reader without the password cannot open it
    rnd = random.Random(13)
    o = bytes(rnd.randrange(256) for _ in range(32)).hex().encode()
    u = bytes(rnd.randrange(256) for _ in range(32)).hex().encode()
    file_id = bytes(rnd.randrange(256) for _ in range(16)).hex().encode()
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream(b"", b"\x13\x37garbled-by-rc4"),
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o + b"> /U <" + u + b"> /P -44 >>",
    ], b"/Encrypt 5 0 R /ID [<" + file_id + b"> <" + file_id + b">] ")


# ---- requests

def error_of(body):
    try:
        e = json.loads(body)["error"]
        return e.get("code"), e.get("message") or ""
    except (ValueError, KeyError, TypeError):
        return None, ""


def oversized(port, max_body_mb):
    """Declares a body above the cap and sends its first MB; the server answers from the declared length."""
    s = socket.create_connection(("127.0.0.1", port), timeout=120)
    try:
        length = (max_body_mb + 1) * 1024 * 1024
        s.sendall(b"POST /v1/ocr HTTP/1.1\r\nHost: soak\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n" % length)
        try:
            s.sendall(b"\xff\xd8" + b"\0" * (1 << 20))
        except OSError:
            pass  # answered and closed before the first MB went out
        data = b""
        while b"\r\n\r\n" not in data:
            more = s.recv(65536)
            if not more:
                break
            data += more
        head, _, rest = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
        n = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                n = int(v.strip())
        while len(rest) < n:
            more = s.recv(65536)
            if not more:
                break
            rest += more
        return status, rest
    finally:
        s.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", default="/work/shared/data/sroie/images", help="normal receipts (read in place)")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--normal-share", type=float, default=0.5, help="share of normal requests")
    ap.add_argument("--rss-after", type=int, default=200, help="first RSS reading after this many requests")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server's environment")
    ap.add_argument("serve_args", nargs="*", help="extra flags of lector serve (after --)")
    a = ap.parse_args()

    receipts = [os.path.join(a.images, f) for f in sorted(os.listdir(a.images)) if f.lower().endswith((".jpg", ".jpeg", ".png"))]
    receipt_bytes = {f: open(f, "rb").read() for f in receipts}
    tmp = tempfile.mkdtemp(prefix="lector-soak-")
    t0 = time.time()
    made = {"big.png": big_png(), "bomb.pdf": pixel_bomb_pdf(), "encrypted.pdf": encrypted_pdf()}
    for name, data in made.items():
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(data)
    print("inputs made in %s in %.1f s: %s" % (tmp, time.time() - t0,
                                               ", ".join("%s %d KB" % (n, len(d) // 1024) for n, d in made.items())))
    bad = {
        "big_det_side": lambda p: lector_proc.request(p, "POST", "/v1/ocr?det_limit_side=8192", made["big.png"], {"Content-Type": "image/png"}),
        "pdf_pixel_bomb": lambda p: lector_proc.request(p, "POST", "/v1/ocr", made["bomb.pdf"], {"Content-Type": "application/pdf"}),
        "encrypted_pdf": lambda p: lector_proc.request(p, "POST", "/v1/ocr", made["encrypted.pdf"], {"Content-Type": "application/pdf"}),
        "bad_option": lambda p: lector_proc.request(p, "POST", "/v1/ocr?cls=maybe", receipt_bytes[receipts[0]], {"Content-Type": "image/jpeg"}),
        "two_images": lambda p: (lambda b: lector_proc.request(p, "POST", "/v1/ocr", b[0], {"Content-Type": b[1]}))(
            lector_proc.multipart([("image", "a.jpg", "image/jpeg", receipt_bytes[receipts[0]]),
                                   ("image", "b.jpg", "image/jpeg", receipt_bytes[receipts[1]])])),
        "pages_on_image": lambda p: lector_proc.request(p, "POST", "/v1/ocr?pages=2", receipt_bytes[receipts[0]], {"Content-Type": "image/jpeg"}),
        "oversized_body": lambda p: oversized(p, 20) + ({},),
        "wrong_method": lambda p: lector_proc.request(p, "GET", "/v1/ocr"),
    }

    rnd = random.Random(a.seed)
    plan = []
    for i in range(a.requests):
        if rnd.random() < a.normal_share:
            plan.append(("normal", receipts[rnd.randrange(len(receipts))], i % 2 == 0))
        else:
            plan.append((rnd.choice(sorted(bad)), None, False))

    env = dict(kv.split("=", 1) for kv in a.env)
    server = lector_proc.Server(["--cache-entries", "0"] + a.serve_args, env=env, log=os.path.join(tmp, "serve.log"))
    print("lector serve pid %d on port %d, RSS %.0f MB at start; log %s" % (server.proc.pid, server.port, server.rss_mb(), server.log_path))
    statuses = collections.defaultdict(collections.Counter)
    wrong = []  # (kind, status, code, message) of answers not as expected
    lock = threading.Lock()
    done = [0]
    rss_marks = {}
    latencies = []

    def one(item):
        kind, path, raw = item
        t = time.time()
        try:
            if kind == "normal":
                data = receipt_bytes[path]
                if raw:
                    st, body, _ = lector_proc.request(server.port, "POST", "/v1/ocr", data, {"Content-Type": "image/jpeg"})
                else:
                    mb, ct = lector_proc.multipart([("image", os.path.basename(path), "image/jpeg", data)])
                    st, body, _ = lector_proc.request(server.port, "POST", "/v1/ocr", mb, {"Content-Type": ct})
            else:
                st, body, _ = bad[kind](server.port)
        except OSError as e:
            st, body = 0, str(e).encode()
        took = time.time() - t
        code, message = error_of(body) if st != 200 else (None, "")
        with lock:
            statuses[kind][st] += 1
            if kind == "normal":
                latencies.append(took)
                if st != 200:
                    wrong.append((kind, st, code, message[:160]))
            else:
                want = EXPECTED[kind]
                if st != want[0] or code != want[1] or (want[2] and want[2] not in message):
                    wrong.append((kind, st, code, message[:160]))
            done[0] += 1
            if done[0] == a.rss_after:
                rss_marks["after_first"] = server.rss_mb()
            if done[0] % 250 == 0:
                print("  %d requests, %.0f s, RSS %.0f MB" % (done[0], time.time() - start, server.rss_mb()), flush=True)

    start = time.time()
    peak = [0.0]
    stop_sampling = threading.Event()

    def sample():
        while not stop_sampling.is_set():
            try:
                peak[0] = max(peak[0], server.rss_mb())
            except OSError:
                return
            stop_sampling.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(a.clients) as pool:
            list(pool.map(one, plan))
        elapsed = time.time() - start
        rss_end = server.rss_mb()
        time.sleep(10)
        rss_settled = server.rss_mb()
        alive = server.proc.poll() is None and lector_proc.request(server.port, "GET", "/health/live")[0] == 200
    finally:
        stop_sampling.set()
        rc = server.stop()

    print("\n%d requests from %d clients in %.0f s (%.1f req/s); server exit code %s" % (a.requests, a.clients, elapsed,
                                                                                      a.requests / elapsed, rc))
    print("%-16s %6s  %s" % ("kind", "count", "statuses"))
    for kind in ["normal"] + sorted(bad):
        c = statuses.get(kind, {})
        want = "200" if kind == "normal" else "%d %s" % EXPECTED[kind][:2]
        print("%-16s %6d  %s   (expected %s)" % (kind, sum(c.values()), dict(sorted(c.items())), want))
    lat = sorted(latencies)
    if lat:
        print("normal latency: p50 %.2f s, p95 %.2f s, max %.2f s" % (lat[len(lat) // 2], lat[int(len(lat) * 0.95)], lat[-1]))
    normal_5xx = sum(n for st, n in statuses["normal"].items() if st >= 500 or st == 0)
    bad_wrong = [w for w in wrong if w[0] != "normal"]
    first = rss_marks.get("after_first", float("nan"))
    ratio = rss_end / first if first == first else float("nan")
    print("5xx (or no answer) on normal requests: %d; other non-200 on normal: %d" % (
        normal_5xx, sum(n for st, n in statuses["normal"].items() if 0 < st < 500 and st != 200)))
    print("bad inputs not answered their 4xx: %d of %d" % (len(bad_wrong), sum(sum(statuses[k].values()) for k in bad)))
    for w in (wrong[:10]):
        print("   ", w)
    print("RSS after the first %d requests %.0f MB, at the end %.0f MB (%.1f%% of it), 10 s later %.0f MB, peak sampled %.0f MB"
          % (a.rss_after, first, rss_end, 100 * ratio, rss_settled, peak[0]))
    print("server still live at the end: %s" % alive)
    ok = normal_5xx == 0 and not bad_wrong and ratio <= 1.15 and alive
    print("bars (no 5xx on normal, every bad one its 4xx, end RSS within 15%% of RSS after %d, live): %s"
          % (a.rss_after, "PASS" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
