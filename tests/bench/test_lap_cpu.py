"""bench/lap_cpu.py: which descendant counts as the scheduler, and that a descendant's CPU
is kept once it has exited."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil

from bench.lap_cpu import CpuByRole, role

BURN = "import sys\nn = 0\nfor i in range(3_000_000): n += i\n"


def test_the_dask_spec_process_is_the_scheduler_any_other_descendant_a_worker() -> None:
    sleeper = "import time; time.sleep(30)"
    scheduler = subprocess.Popen([sys.executable, "-c", sleeper, "-m", "dask", "spec", "x"])
    worker = subprocess.Popen([sys.executable, "-c", sleeper])
    try:
        for child in (scheduler, worker):  # right after fork the command line is pytest's
            while "-c" not in psutil.Process(child.pid).cmdline():
                time.sleep(0.01)
        assert role(psutil.Process(scheduler.pid)) == "scheduler"
        assert role(psutil.Process(worker.pid)) == "workers"
    finally:
        for child in (scheduler, worker):
            child.kill()
            child.wait()


def test_a_worker_that_exits_keeps_the_cpu_it_was_last_seen_with() -> None:
    cpu = CpuByRole()
    before = cpu.totals()["workers"]
    child = subprocess.Popen([sys.executable, "-c", BURN + "input()"], stdin=subprocess.PIPE)
    try:
        while psutil.Process(child.pid).cpu_times().user < 0.05:
            pass  # until the loop has burnt some CPU
        seen = cpu.totals()["workers"] - before
        assert seen > 0
    finally:
        child.communicate(b"\n")
    # gone now: its last sample still counts
    assert child.pid in cpu.seen
    assert cpu.totals()["workers"] - before >= seen
