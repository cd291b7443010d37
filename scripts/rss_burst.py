#!/usr/bin/env python3
"""RSS of `./lector serve` before, at the peak of, and after a burst of big inputs (issue 13).

Starts the server (build its jar first), warms it with a few small receipts, then sends the
burst (N big images, C at a time) and reads VmRSS / VmHWM from /proc/PID/status: before the
burst, its peak, and SETTLE seconds after it. Python 3 standard library only.

  python3 scripts/rss_burst.py --images /work/shared/data/sroie/images --n 8 -c 4 \
      [--det-limit-side 3072] [--then-small 2] [--env MALLOC_TRIM_THRESHOLD_=131072] [-- extra serve flags]
"""
import argparse
import concurrent.futures
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lector_proc  # noqa: E402


def images_by_size(folder):
    files = [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.lower().endswith((".jpg", ".jpeg", ".png"))]
    return sorted(files, key=os.path.getsize)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", default="/work/shared/data/sroie/images", help="folder of images (read in place)")
    ap.add_argument("--n", type=int, default=8, help="big inputs in the burst (the largest files, cycled)")
    ap.add_argument("-c", "--concurrency", type=int, default=4)
    ap.add_argument("--det-limit-side", type=int, default=0, help="det_limit_side of the burst's requests (0: the server's)")
    ap.add_argument("--settle", type=float, default=15, help="seconds after the burst before the 'after' reading")
    ap.add_argument("--then-small", type=int, default=0,
                    help="small receipts sent after the burst (a service's next normal requests), before the settle time")
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server's environment")
    ap.add_argument("--label", default="")
    ap.add_argument("serve_args", nargs="*", help="extra flags of lector serve (after --)")
    a = ap.parse_args()

    files = images_by_size(a.images)
    small, big = files[:3], list(reversed(files))[: min(a.n, len(files))]
    burst = [big[i % len(big)] for i in range(a.n)]
    env = dict(kv.split("=", 1) for kv in a.env)
    # the result cache off, so that a repeated input is computed again
    s = lector_proc.Server(["--cache-entries", "0"] + a.serve_args, env=env, log="/tmp/rss-burst-%d.log" % os.getpid())
    try:
        for f in small:
            st = lector_proc.request(s.port, "POST", "/v1/ocr", open(f, "rb").read(), {"Content-Type": "image/jpeg"})[0]
            if st != 200:
                raise SystemExit("warm-up request answered %d" % st)
        time.sleep(2)
        before = s.rss_mb()
        hwm_ok = s.reset_peak()
        sampled = [before]
        path = "/v1/ocr" + ("?det_limit_side=%d" % a.det_limit_side if a.det_limit_side else "")

        def one(f):
            return lector_proc.request(s.port, "POST", path, open(f, "rb").read(), {"Content-Type": "image/jpeg"})[0]

        t0 = time.time()
        statuses = []
        with concurrent.futures.ThreadPoolExecutor(a.concurrency) as pool:
            futures = [pool.submit(one, f) for f in burst]
            while not all(x.done() for x in futures):
                sampled.append(s.rss_mb())
                time.sleep(0.05)
            statuses = [x.result() for x in futures]
        took = time.time() - t0
        peak = max(max(sampled), s.status()["VmHWM"] / 1024.0 if hwm_ok else 0)
        for i in range(a.then_small):
            f = small[i % len(small)]
            statuses.append(lector_proc.request(s.port, "POST", "/v1/ocr", open(f, "rb").read(), {"Content-Type": "image/jpeg"})[0])
        end = time.time() + a.settle
        while time.time() < end:
            time.sleep(0.5)
        after = s.rss_mb()
        print("%s before %.0f MB, peak %.0f MB, after %.0f MB (%s%.0f s later); burst of %d (%d at a time) in %.1f s, statuses %s"
              % (a.label + ": " if a.label else "", before, peak, after,
                 "%d small requests, then " % a.then_small if a.then_small else "", a.settle, len(burst), a.concurrency, took,
                 sorted(set(statuses))))
    finally:
        s.stop()


if __name__ == "__main__":
    main()
