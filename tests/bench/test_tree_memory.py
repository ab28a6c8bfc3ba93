"""bench.tree_memory: the run's memory peak sampled from a process of its own."""

from __future__ import annotations

import os

from bench.tree_memory import SampledTree, kib, tree

MIB = 2**20


def _touched(mib: int) -> bytearray:
    block = bytearray(mib * MIB)
    for at in range(0, len(block), 4096):  # resident, not only reserved
        block[at] = 1
    return block


def test_the_peak_counts_the_run_not_paused_spans_nor_the_sampler() -> None:
    before = kib(os.getpid(), "smaps_rollup", "Pss:") / 1024
    processes = len(tree(os.getpid()))  # this one, and any child an earlier test left
    memory = SampledTree().start()
    held = _touched(96)
    memory.sample()  # one sample while it is held, whatever the sampler's own pace
    del held
    memory.paused = True
    scoring = _touched(400)  # bench work, not the run's: must not count
    del scoring
    memory.paused = False
    memory.stop()
    assert before + 80 <= memory.peak_pss < before + 96 + 200
    assert memory.peak_processes == processes  # the sampler's own process is left out
    assert memory.peak_rss >= memory.peak_pss - 1 and memory.pss_reads >= 2
