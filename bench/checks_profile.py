"""The checks lap's CPU per rule, on inputs captured once per corpus (issue 20).

`capture CORPUS OUT.pkl` parses CORPUS (local engine) and pickles what `run_checks` is given
(facts, pages, relations, config) and the claims `_relations` reads. `rules OUT.pkl` prints
the CPU seconds (`time.process_time`) of each step of the lap on those inputs, medians of
--repeat runs, so before and after compare on the same frames; `--profile FILE` writes a
cProfile (CPU seconds) of one `run_checks`.

    python -m bench.checks_profile capture bench/out/corpus-2000 bench/out/checks-syn.pkl
    python -m bench.checks_profile rules bench/out/checks-syn.pkl --repeat 3
    python -m bench.checks_profile split bench/out/checks-syn.pkl --repeat 3

`pagecut PICKLE` times `run_checks` against the page cut's rules on chunks of pages (what the
local engine's parse tasks run, checks.page_cut) and what the checks lap keeps.

`split` alternates the one-process check (the statements read, then `run_checks`) and the
forked one (crosscheck.forked_checks), asserts equal findings and statements, and prints
the CPU seconds of each side, the walls and the child's private (copied) memory at its end.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import pickle
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from crosscheck.checks import run as checks_run
from crosscheck.checks.comparable import comparable_facts, without_retracted
from crosscheck.checks.finish import cited_facts, finish
from crosscheck.checks.page_cut import page_findings, run_checks_with
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.checks.rules import RULES
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import expand_sources, iter_snapshots

from crosscheck import check_step, forked_checks, pipeline


def _run_config(tmp: Path) -> pipeline.RunConfig:
    """The settings `bench.run` parses with (2 workers, reference year 2026), checked in one
    process (`capture` keeps what `run_checks` is given)."""
    return pipeline.RunConfig(
        sources=[], db_path=tmp / "x.duckdb", snapshot_dir=tmp, reference_year=2026, workers=2,
        fork_checks=False,
    )  # fmt: skip


@contextlib.contextmanager
def keeping_check_inputs(into: dict[str, Any]) -> Iterator[None]:
    """While open, the run's calls of the checks (`run_checks`, or `run_checks_with` when the
    page rules ran in the parse tasks) and of the statements' reading keep their inputs in
    `into`; undone whatever happens, so a later run in this process keeps nothing here."""
    original = check_step.run_checks
    original_with = check_step.run_checks_with
    original_relations = check_step.read_relations

    def keep(facts: pd.DataFrame, pages: pd.DataFrame, config: Any, relations: Any) -> Any:
        into.update(facts=facts, pages=pages, config=config, relations=relations)
        return original(facts, pages, config, relations)

    def keep_with(
        facts: pd.DataFrame,
        pages: pd.DataFrame,
        config: Any,
        relations: Any,
        cuts: Any,
        order: Any = None,
    ) -> Any:
        into.update(facts=facts, pages=pages, config=config, relations=relations)
        return original_with(facts, pages, config, relations, cuts, order)

    def keep_claims(claims: pd.DataFrame, vocabulary: Any, stored: Any) -> Any:
        into.update(claims=claims)
        return original_relations(claims, vocabulary, stored)

    check_step.run_checks = keep  # type: ignore[assignment]
    check_step.run_checks_with = keep_with  # type: ignore[assignment]
    check_step.read_relations = keep_claims  # type: ignore[assignment]
    try:
        yield
    finally:
        check_step.run_checks = original  # type: ignore[assignment]
        check_step.run_checks_with = original_with  # type: ignore[assignment]
        check_step.read_relations = original_relations  # type: ignore[assignment]


def analyze_corpus(corpus: Path) -> None:
    """The local engine's analysis of every page of `corpus` in a throwaway folder."""
    with tempfile.TemporaryDirectory() as tmp:
        config = _run_config(Path(tmp))
        store = SnapshotStore(Path(tmp) / "snapshots")
        specs = expand_sources([str(corpus)])
        pipeline.analyze_snapshots(list(iter_snapshots(specs, config.fetch, store)), config)


def capture(corpus: Path, out: Path) -> None:
    """Parse `corpus` and pickle the checks' inputs (the run's own call of the checks)."""
    captured: dict[str, Any] = {}
    with keeping_check_inputs(captured):
        analyze_corpus(corpus)
    out.write_bytes(pickle.dumps(captured, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{len(captured['facts'])} facts, {len(captured['relations'])} relations -> {out}")


def cpu_timer(laps: dict[str, float]) -> Callable[[str, Callable[[], Any]], Any]:
    """`timed(name, step)`: runs `step` and adds its CPU seconds to `laps[name]`."""

    def timed(name: str, step: Callable[[], Any]) -> Any:
        start = time.process_time()
        value = step()
        laps[name] = laps.get(name, 0.0) + time.process_time() - start
        return value

    return timed


def print_medians(runs: list[dict[str, float]]) -> None:
    """Each step's median CPU seconds over `runs`, and their total."""
    total = 0.0
    for name in runs[0]:
        median = statistics.median(r[name] for r in runs)
        total += median
        print(f"{name:24s} {median:7.3f}")
    print(f"{'total':24s} {total:7.3f}")


def _laps(data: dict[str, Any]) -> dict[str, float]:
    """CPU seconds of each step of `run_checks` (and of reading the statements) once."""
    laps: dict[str, float] = {}
    timed = cpu_timer(laps)
    config, pages, relations = data["config"], data["pages"], data["relations"]
    if "claims" in data:
        vocabulary = pipeline._vocabulary(_run_config(Path(tempfile.gettempdir())))
        timed("relation_facts", lambda: check_step.read_relations(data["claims"], vocabulary, None))
    facts = timed("canonical", lambda: checks_run._canonical(without_retracted(data["facts"])))
    comparable = timed("comparable", lambda: comparable_facts(facts, config))
    found = []
    for rule in RULES:
        found += timed(rule.name, lambda r=rule: r.apply(facts, pages, config, comparable))
    found += timed(
        "relations", lambda: find_relation_mismatches(facts, relations, config, comparable, found)
    )
    timed("finish", lambda: finish(found, cited_facts(facts, found), config.max_findings_per_page))
    return laps


def rules(path: Path, repeat: int, profile: Path | None) -> None:
    """Print the median CPU seconds per step over `repeat` runs."""
    data = pickle.loads(path.read_bytes())
    runs = [_laps(data) for _ in range(repeat)]
    print(f"{len(data['facts'])} facts, load average {os.getloadavg()[0]:.1f}")
    print_medians(runs)
    if profile is not None:
        args = (data["facts"], data["pages"], data["config"], data["relations"])
        cpu_profile(profile, checks_run.run_checks, *args)


def cpu_profile(out: Path, call: Callable[..., Any], *args: Any) -> None:
    """A cProfile of `call(*args)` in CPU seconds (`time.process_time`) written to `out`:
    cProfile's default clock is the wall, which other sessions' load stretches at random."""
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(call, *args)
    profiler.dump_stats(str(out))


def _private_mib() -> dict[str, float]:
    """This process's PSS and private (written, so copied after a fork) memory, MiB."""
    got = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("Pss", "Private_Clean", "Private_Dirty"):
                got[key] = float(rest.split()[0]) / 1024
    return {"pss": got["Pss"], "private": got["Private_Clean"] + got["Private_Dirty"]}


def _one_split(data: dict[str, Any], forked: bool, memory: Path) -> dict[str, Any]:
    """One check of the captured inputs, in one process or forked: findings, relations,
    CPU seconds per side and wall."""
    vocabulary = pipeline._vocabulary(_run_config(Path(tempfile.gettempdir())))
    config, pages, facts = data["config"], data["pages"], data["facts"]

    def relations_of() -> pd.DataFrame:
        return check_step.read_relations(data["claims"], vocabulary, None)

    wall, cpu = time.perf_counter(), time.process_time()
    if not forked:
        relations = relations_of()
        findings = checks_run.run_checks(facts, pages, config, relations).findings
        sides = {"one_process": time.process_time() - cpu}
    else:
        result = forked_checks.forked_checks(facts, pages, config, relations_of)
        findings, relations, sides = result.result.findings, result.relations, result.cpu
        sides["child_mib"] = json.loads(memory.read_text())
    return {"findings": findings, "relations": relations, "sides": sides,
            "wall": time.perf_counter() - wall}  # fmt: skip


def split(path: Path, repeat: int) -> None:
    """One process against the forked check, alternating, `repeat` times each."""
    data = pickle.loads(path.read_bytes())
    original = forked_checks._child
    memory = Path(tempfile.gettempdir()) / f"checks-child-{os.getpid()}.json"

    def measured(*args: Any) -> None:
        original(*args)
        memory.write_text(json.dumps(_private_mib()))

    forked_checks._child = measured  # type: ignore[assignment]
    print(f"{len(data['facts'])} facts; parent before fork {_private_mib()}")
    try:
        for _ in range(repeat):
            one, two = _one_split(data, False, memory), _one_split(data, True, memory)
            assert one["findings"].equals(two["findings"]), "findings differ"
            assert one["relations"].equals(two["relations"]), "statements differ"
            load = os.getloadavg()[0]
            print(
                f"load {load:.1f}: one process {one['sides']['one_process']:.2f} s CPU, "
                f"{one['wall']:.2f} s wall; forked: parent {two['sides']['parent']:.2f} s "
                f"CPU, child {two['sides']['child']:.2f} s CPU, {two['wall']:.2f} s wall, "
                f"child {two['sides']['child_mib']}; {len(one['findings'])} findings equal"
            )
    finally:
        forked_checks._child = original  # type: ignore[assignment]
        memory.unlink(missing_ok=True)


def pagecut(path: Path, repeat: int, per_chunk: int) -> None:
    """CPU seconds of `run_checks` against the page cut's rules on chunks of `per_chunk`
    pages in the run's order (the parse tasks' share, checks.page_cut) and `run_checks_with`
    (what the checks lap keeps), medians of `repeat` runs; asserts the frames are equal."""
    data = pickle.loads(path.read_bytes())
    facts, pages, config, relations = (data[k] for k in ("facts", "pages", "config", "relations"))
    sources = list(dict.fromkeys(pages["source"]))
    chunks = [set(sources[i : i + per_chunk]) for i in range(0, len(sources), per_chunk)]
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        laps: dict[str, float] = {}
        timed = cpu_timer(laps)
        one = timed("run_checks", lambda: checks_run.run_checks(facts, pages, config, relations))
        cuts = timed(
            "page cut (parse tasks)",
            lambda: [
                page_findings(
                    facts[facts["source"].isin(c)].reset_index(drop=True),
                    pages[pages["source"].isin(c)].reset_index(drop=True),
                    config,
                )
                for c in chunks
            ],
        )
        rest = timed(
            "run_checks_with (lap)",
            lambda: run_checks_with(facts, pages, config, relations, cuts),  # noqa: B023
        )
        pd.testing.assert_frame_equal(one.findings, rest.findings)
        runs.append(laps)
    print(f"{len(facts):,} facts, {len(sources):,} pages in {len(chunks)} chunks; frames equal")
    for name in runs[0]:
        print(f"{name:24s} {statistics.median(r[name] for r in runs):7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("corpus", type=Path)
    cap.add_argument("out", type=Path)
    laps = sub.add_parser("rules")
    laps.add_argument("inputs", type=Path)
    laps.add_argument("--repeat", type=int, default=3)
    laps.add_argument("--profile", type=Path)
    fork = sub.add_parser("split")
    fork.add_argument("inputs", type=Path)
    fork.add_argument("--repeat", type=int, default=3)
    cut = sub.add_parser("pagecut")
    cut.add_argument("inputs", type=Path)
    cut.add_argument("--repeat", type=int, default=3)
    cut.add_argument("--chunk", type=int, default=250, help="pages per parse task")
    args = parser.parse_args()
    if args.command == "capture":
        capture(args.corpus, args.out)
    elif args.command == "split":
        split(args.inputs, args.repeat)
    elif args.command == "pagecut":
        pagecut(args.inputs, args.repeat, args.chunk)
    else:
        rules(args.inputs, args.repeat, args.profile)


if __name__ == "__main__":
    main()
