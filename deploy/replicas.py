"""N replicas of the app behind nginx, every process on 127.0.0.1 (deploy/README.md says why each part).

    python deploy/replicas.py --replicas 3 --port 8080           # serves http://127.0.0.1:8080 until Ctrl-C
    python deploy/replicas.py --replicas 3 --print-config        # the rendered nginx.conf only

Each replica is `streamlit run dashboard.py` on its own port; nginx (Debian's package) runs from a temporary
prefix holding its config, pid, logs and temp files, so it needs no root and no /etc/nginx. tests/e2e/
test_replicas.py drives `running` and kills a replica by its PID.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
# Debian's dynamic module (libnginx-mod-http-brotli-filter); brotli is on only where it is installed.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
TEXT_TYPES = (
    "text/css text/javascript application/javascript application/json application/geo+json "
    "image/svg+xml text/plain text/csv application/xml"
)


def find_nginx() -> Path | None:
    """The nginx binary (PATH, then Debian's /usr/sbin, which is not on a user's PATH); None if absent."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return Path(found) if Path(found).is_file() else None


def render_config(listen: int, replica_ports: list[int], prefix: Path, brotli: bool) -> str:
    """deploy/nginx.conf.template for nginx on 127.0.0.1:`listen` in front of replicas on 127.0.0.1:`replica_ports`,
    its pid, logs and temp files under `prefix`. ValueError if there is no replica."""
    if not replica_ports:
        raise ValueError("at least one replica port is needed")
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in replica_ports)
    fills = {
        "@@LOAD_MODULES@@": f"load_module {BROTLI_MODULE};" if brotli else "",
        "@@PREFIX@@": str(prefix),
        "@@SERVERS@@": servers,
        "@@BROTLI@@": f"    brotli on;\n    brotli_comp_level 5;\n    brotli_types {TEXT_TYPES};" if brotli else "",
        "@@LISTEN@@": f"127.0.0.1:{listen}",
    }
    text = TEMPLATE.read_text().replace("@@TEXT_TYPES@@", TEXT_TYPES)
    for name, value in fills.items():
        text = text.replace(name, value)
    return text


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Poll `url`/_stcore/health until it answers "ok"; RuntimeError with `log` if `process` exits or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy:\n{log.read_text(errors='replace')}")
        time.sleep(0.3)


@dataclass
class Deployment:
    url: str  # the proxy, the only address readers use
    replicas: dict[int, subprocess.Popen]  # port -> replica process
    nginx: subprocess.Popen  # nginx's master process (daemon off)
    prefix: Path  # nginx.conf, access.log, error.log, replica-<port>.log


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running(replica_ports: list[int], listen: int, prefix: Path, python: str = sys.executable) -> Iterator[Deployment]:
    """Start one replica per port and, once each answers /_stcore/health, nginx on `listen`; stop them all (by
    their processes, nginx first) on exit. RuntimeError if nginx is not installed or anything fails to start."""
    nginx_binary = find_nginx()
    if nginx_binary is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    prefix.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        prefix.chmod(0o755)  # nginx started by root runs its workers as nobody, who writes the temp files here
    env = dict(os.environ, STREAMLIT_SERVER_COOKIE_SECRET=secrets.token_hex(32))  # one secret for all replicas
    started: list[subprocess.Popen] = []
    try:
        replicas = {}
        for port in replica_ports:
            command = [python, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true"]
            command += ["--server.address", "127.0.0.1", "--server.port", str(port)]
            with (prefix / f"replica-{port}.log").open("w") as out:
                replicas[port] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
            started.append(replicas[port])
        for port, process in replicas.items():
            wait_healthy(f"http://127.0.0.1:{port}", process, prefix / f"replica-{port}.log")
        config = prefix / "nginx.conf"
        config.write_text(render_config(listen, replica_ports, prefix, BROTLI_MODULE.exists()))
        command = [str(nginx_binary), "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)]
        nginx = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.STDOUT, stdout=subprocess.DEVNULL)
        started.insert(0, nginx)
        url = f"http://127.0.0.1:{listen}"
        wait_healthy(url, nginx, prefix / "error.log", timeout=15)
        yield Deployment(url, replicas, nginx, prefix)
    finally:
        for process in started:
            _stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=2, help="how many Streamlit processes (default 2)")
    parser.add_argument("--first-port", type=int, default=8601, help="replica ports: this one and up (default 8601)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1 (default 8080)")
    parser.add_argument("--prefix", type=Path, help="nginx's prefix for config, pid, logs (default: a temporary one)")
    parser.add_argument("--print-config", action="store_true", help="print the nginx config and exit")
    args = parser.parse_args()
    ports = [args.first_port + i for i in range(args.replicas)]
    if args.print_config:
        prefix = args.prefix or Path("/var/lib/sahel-atlas-proxy")
        print(render_config(args.port, ports, prefix, BROTLI_MODULE.exists()))
        return
    prefix = args.prefix or Path(tempfile.mkdtemp(prefix="sahel-replicas-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill PID` stops replicas and nginx too
    with running(ports, args.port, prefix) as deployment:
        print(f"{deployment.url} -> replicas on {ports}; config and logs in {prefix}", flush=True)
        with suppress(KeyboardInterrupt):
            deployment.nginx.wait()


if __name__ == "__main__":
    main()
