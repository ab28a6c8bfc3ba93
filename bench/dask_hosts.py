"""A Dask run across several "hosts" on this machine: network namespaces joined by veth pairs
to a bridge, the scheduler, each worker and the client in their own namespace, reachable
only over the private addresses of the veths. Run by hand, as root (docs/scaling.md).

    python bench/dask_hosts.py --pages 1000 [--workers 2] [--out bench/out/dask-hosts]

It generates (or reuses) a corpus, runs it once with the local engine (no namespace) and once
with `--engine dask --scheduler tcp://SCHEDULER:8786` from the client namespace, compares the
findings (bench.findings_digest) and the consensus, reliability and copy-group tables, and
prints the wall times and the bytes each host sent and received over its veth. Every
namespace it made (and every process in it) is removed at the end, on failure, Ctrl-C or
SIGTERM too; after a SIGKILL, `ip netns pids ccdh<PID>-<role>` lists what is left and
`ip netns del` removes it (the namespaces are named ccdh<PID>-sw, -client, -scheduler, -worker<N>).
The page files, the snapshot store and the lake sit on this machine's filesystem, which every
namespace shares, at one absolute path: the "shared storage" of a real cluster.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the venv's dask and python
#: The tables besides the findings that must not depend on the engine (run ids left out).
TABLES = ("reconciled_facts", "reconciled_categories", "source_reliability", "copy_groups")


@dataclass
class Hosts:
    """The namespaces of one run: a switch (the bridge) and one per host, by role."""

    tag: str
    subnet: str
    roles: list[str]
    made: list[str] = field(default_factory=list)
    logs: dict[str, Any] = field(default_factory=dict)

    @property
    def switch(self) -> str:
        return f"{self.tag}-sw"

    def ns(self, role: str) -> str:
        return f"{self.tag}-{role}"

    def address(self, role: str) -> str:
        return f"{self.subnet}.{self.roles.index(role) + 1}"

    def port(self, role: str) -> str:
        return f"p{self.roles.index(role)}"  # the host's veth end on the switch


def ip(*args: str) -> str:
    return subprocess.run(["ip", *args], check=True, capture_output=True, text=True).stdout


def build(hosts: Hosts) -> None:
    """One namespace per host and a bridge in a switch namespace of its own, so nothing is
    added to this machine's own namespace (no route, no address, no name to clash)."""
    for name in [hosts.switch, *(hosts.ns(r) for r in hosts.roles)]:
        ip("netns", "add", name)
        hosts.made.append(name)
        ip("-n", name, "link", "set", "lo", "up")
    ip("-n", hosts.switch, "link", "add", "br0", "type", "bridge")
    ip("-n", hosts.switch, "link", "set", "br0", "up")
    for role in hosts.roles:
        port, ns = hosts.port(role), hosts.ns(role)
        ip("-n", hosts.switch, "link", "add", port, "type", "veth", "peer", "name", "eth0",
           "netns", ns)  # fmt: skip
        ip("-n", hosts.switch, "link", "set", port, "master", "br0")
        ip("-n", hosts.switch, "link", "set", port, "up")
        ip("-n", ns, "addr", "add", f"{hosts.address(role)}/24", "dev", "eth0")
        ip("-n", ns, "link", "set", "eth0", "up")


def counters(hosts: Hosts) -> dict[str, tuple[int, int]]:
    """Bytes (sent, received) by each host, read on its veth end inside the host."""
    out = {}
    for role in hosts.roles:
        link = json.loads(ip("-n", hosts.ns(role), "-s", "-j", "link", "show", "eth0"))[0]
        stats = link["stats64"]
        out[role] = (stats["tx"]["bytes"], stats["rx"]["bytes"])
    return out


def watch_peers(hosts: Hosts, stop: threading.Event) -> dict[str, set[str]]:
    """Which hosts each host holds TCP connections with, sampled every second until `stop`
    (a client that never connects to a worker shows it here)."""
    peers: dict[str, set[str]] = {role: set() for role in hosts.roles}
    names = {hosts.address(role): role for role in hosts.roles}

    def sample() -> None:
        while not stop.wait(1.0):
            for role in hosts.roles:
                listed = subprocess.run(["ip", "netns", "exec", hosts.ns(role), "ss", "-Htn"],
                                        capture_output=True, text=True)  # fmt: skip
                for line in listed.stdout.splitlines():
                    peer, _, port = line.split()[-1].rpartition(":") if line.split() else "::"
                    if peer in names and names[peer] != role:  # the scheduler's port shown
                        peers[role].add(names[peer] + (":8786" if port == "8786" else ""))

    threading.Thread(target=sample, daemon=True).start()
    return peers


def start(hosts: Hosts, role: str, argv: list[str], work: Path) -> subprocess.Popen[bytes]:
    """A process inside the host's namespace, its working directory a folder of its own (a
    relative path that only works in the client's folder shows up as a failure)."""
    home = work / role
    home.mkdir(parents=True, exist_ok=True)
    log = (work / f"{role}.log").open("wb")
    hosts.logs[role] = log
    return subprocess.Popen(
        ["ip", "netns", "exec", hosts.ns(role), *argv],
        cwd=home, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def wait_for_workers(hosts: Hosts, scheduler: str, count: int, timeout: float) -> None:
    probe = (
        "import sys, distributed\n"
        f"c = distributed.Client({scheduler!r}, timeout='30s')\n"
        f"c.wait_for_workers({count}, timeout={timeout})\n"
        "print(sorted(c.scheduler_info()['workers']))\n"
    )
    ran = subprocess.run(
        ["ip", "netns", "exec", hosts.ns("client"), str(BIN / "python"), "-c", probe],
        capture_output=True, text=True, timeout=timeout + 60,
    )  # fmt: skip
    if ran.returncode != 0:
        raise RuntimeError(f"the workers did not join the scheduler:\n{ran.stderr[-2000:]}")
    print(f"workers joined: {ran.stdout.strip()}", flush=True)


def teardown(hosts: Hosts) -> None:
    """Every process left in the namespaces this run made (only those), then the namespaces
    (their veths and the bridge go with them)."""
    pids: list[int] = []
    for name in hosts.made:
        listed = subprocess.run(["ip", "netns", "pids", name], capture_output=True, text=True)
        pids += [int(p) for p in listed.stdout.split()]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 10
        while sig == signal.SIGTERM and time.monotonic() < deadline:
            if not any(_alive(p) for p in pids):
                break
            time.sleep(0.2)
    for name in reversed(hosts.made):
        subprocess.run(["ip", "netns", "del", name], capture_output=True)
    hosts.made.clear()
    for log in hosts.logs.values():
        log.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def run_cli(prefix: list[str], args: list[str], cwd: Path, env: dict[str, str]) -> float:
    """One `crosscheck run`; its wall seconds (exit 0 or 1: findings are not a failure)."""
    started = time.perf_counter()
    done = subprocess.run([*prefix, str(BIN / "python"), "-m", "crosscheck", *args],
                          cwd=cwd, env=env, capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"crosscheck run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    stages = [line.split("] ", 1)[1] for line in done.stderr.splitlines() if "] " in line]
    print("  " + "; ".join(s for s in stages if s.split()[0] != "run"), flush=True)
    return wall


def table_digest(db: Path) -> dict[str, tuple[int, str]]:
    """Rows and a SHA-256 of each table of TABLES (sorted, run ids left out)."""
    import duckdb

    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in TABLES:
            rows = con.execute(f"SELECT * EXCLUDE (run_id) FROM {table} ORDER BY ALL").fetchall()
            out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:16])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2, help="worker hosts (one process each)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "dask-hosts")
    parser.add_argument("--subnet", default="10.213.7", help="the hosts' private /24")
    parser.add_argument("--skip-local", action="store_true", help="reuse OUT/local.duckdb")
    parser.add_argument(
        "--relative",
        action="store_true",
        help="give the client --snapshots and --lake as paths relative to its own folder "
        "(each worker runs in a folder of its own: shows what a relative path does)",
    )
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        parser.error("network namespaces need root")
    from bench.dask_bench import corpus_for

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    corpus = corpus_for(REPO / "bench" / "out", args.pages, 2).resolve()
    env = {**os.environ, "CROSSCHECK_WORKERS": "2"}
    local_db = out / "local.duckdb"
    if not (args.skip_local and local_db.exists()):
        for stale in out.glob("local.duckdb*"):
            stale.unlink()
        local = run_cli([], ["run", str(corpus), "--db", str(local_db), "--no-validate",
                             "--engine", "local", "--snapshots", str(out / "snap-local")],
                        out, env)  # fmt: skip
        print(f"local engine: {local:.1f} s", flush=True)
    roles = ["client", "scheduler", *(f"worker{i + 1}" for i in range(args.workers))]
    hosts = Hosts(f"ccdh{os.getpid()}", args.subnet, roles)
    work = out / f"hosts-{os.getpid()}"

    def interrupted(signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    try:
        build(hosts)
        scheduler = f"tcp://{hosts.address('scheduler')}:8786"
        start(hosts, "scheduler", [str(BIN / "dask"), "scheduler", "--host",
              hosts.address("scheduler"), "--port", "8786", "--no-dashboard"], work)  # fmt: skip
        for role in roles[2:]:
            start(hosts, role, [str(BIN / "dask"), "worker", scheduler, "--host",
                  hosts.address(role), "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                  "--local-directory", str(work / role)], work)  # fmt: skip
        wait_for_workers(hosts, scheduler, args.workers, 180)
        before = counters(hosts)
        stop = threading.Event()
        peers = watch_peers(hosts, stop)
        (work / "client").mkdir(parents=True, exist_ok=True)
        dask_db = work / "client" / "dask.duckdb"
        stores = ["--snapshots", str(work / "snapshots"), "--lake", str(work / "lake")]
        if args.relative:
            stores = ["--snapshots", "snapshots", "--lake", "lake"]
        wall = run_cli(["ip", "netns", "exec", hosts.ns("client")],
                       ["run", str(corpus), "--db", str(dask_db), "--no-validate",
                        "--engine", "dask", "--scheduler", scheduler, *stores],
                       work / "client", env)  # fmt: skip
        after = counters(hosts)
        stop.set()
        print(f"dask engine on {args.workers} worker hosts: {wall:.1f} s", flush=True)
        for role in roles:
            sent, received = (a - b for a, b in zip(after[role], before[role], strict=True))
            print(f"  {role:10} {hosts.address(role):>12} sent {sent / 1e6:8.1f} MB, "
                  f"received {received / 1e6:8.1f} MB, connected with "
                  f"{', '.join(sorted(peers[role])) or 'nobody'}")  # fmt: skip
    finally:
        teardown(hosts)
    digest = subprocess.run([str(BIN / "python"), "-m", "bench.findings_digest", str(local_db),
                             str(dask_db)], cwd=REPO, capture_output=True, text=True)  # fmt: skip
    print(digest.stdout.strip())
    same = digest.returncode == 0
    mine, theirs = table_digest(local_db), table_digest(dask_db)
    for table in TABLES:
        verdict = "identical" if mine[table] == theirs[table] else "DIFFERENT"
        print(f"{table}: local {mine[table]}, dask {theirs[table]}: {verdict}")
        same = same and mine[table] == theirs[table]
    return 0 if same else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
