"""Helpers of scripts/soak.py and scripts/rss_burst.py (Python 3 standard library only).

Start `./lector serve` on a free port, talk HTTP/1.1 to it, read its RSS from /proc.
"""
import http.client
import os
import signal
import socket
import subprocess
import time
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`./lector serve` on a free port; its stderr goes to `log`."""

    def __init__(self, serve_args=(), env=None, log="/tmp/lector-serve.log", ready_timeout=300):
        self.port = free_port()
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.log_path = log
        self.log = open(log, "w")
        cmd = [os.path.join(REPO, "lector"), "serve", "--bind", "127.0.0.1", "--port", str(self.port)] + list(serve_args)
        # ./lector execs java, so this pid is the JVM's
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=self.log, stderr=subprocess.STDOUT)
        end = time.time() + ready_timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                raise RuntimeError("lector serve exited with %s; see %s" % (self.proc.returncode, log))
            try:
                if request(self.port, "GET", "/health/ready", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError("lector serve was not ready within %d s; see %s" % (ready_timeout, log))

    def status(self):
        """/proc/PID/status fields in kB: VmRSS, VmHWM."""
        out = {}
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0])
        return out

    def rss_mb(self):
        return self.status()["VmRSS"] / 1024.0

    def reset_peak(self):
        """Resets VmHWM to the current RSS (Linux: clear_refs 5); whether it could."""
        try:
            with open("/proc/%d/clear_refs" % self.proc.pid, "w") as f:
                f.write("5")
            return True
        except OSError:
            return False

    def stop(self, timeout=60):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def request(port, method, path, body=None, headers=None, timeout=300):
    """(status, body bytes, headers dict lower-cased) of one request on its own connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return r.status, data, {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()


def multipart(parts):
    """(body, content type) of a multipart/form-data body; parts: (name, filename or None, content type, bytes)."""
    boundary = "lector-" + uuid.uuid4().hex
    out = bytearray()
    for name, filename, ctype, data in parts:
        out += b"--" + boundary.encode() + b"\r\n"
        disp = 'form-data; name="%s"' % name + ('; filename="%s"' % filename if filename else "")
        out += ("Content-Disposition: %s\r\n" % disp).encode()
        if ctype:
            out += ("Content-Type: %s\r\n" % ctype).encode()
        out += b"\r\n" + data + b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return bytes(out), "multipart/form-data; boundary=" + boundary
