"""The local engine's full check over two processes: after the parse lap one core idles while
this process checks alone. A child forked once the facts are in canonical order inherits them
copy-on-write (nothing is pickled to it) and runs part of the rules table, the comparative
statements and the reading of the statements (`relations_of`); this process runs the other
rules meanwhile, then the whole-run passes on the merged lists, as `run_checks` does."""

from __future__ import annotations

import multiprocessing
import pickle
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, TypeVar

import pandas as pd

from crosscheck.checks import CheckConfig, ChecksResult
from crosscheck.checks.findings import Finding
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.checks.rules import RULES
from crosscheck.checks.run import apply_rules, finished, in_table_order, prepared
from crosscheck.common.heap import trim_heap
from crosscheck.contracts import FindingKind
from crosscheck.errors import RunFailed

T = TypeVar("T")

#: The rules the child runs. The statements read the diff_mismatch findings, which these
#: rules give (diff_mismatches, wrong_products, unit_costs), so the child runs the statements
#: too; the split by CPU per rule (`python -m bench.checks_profile rules`, docs/benchmarks.md).
CHILD_RULES = frozenset(
    {"cross_source_conflicts", "diff_mismatches", "wrong_products", "unit_costs", "summaries"}
)

#: Facts from which a run forks its checks when RunConfig.fork_checks is None (None: never
#: by default). Pages either process writes while both live are copied: at 10,000
#: real-shaped pages the split took the run's peak tree PSS from ~1.9 to 2.47 GiB, past the
#: 2 GiB target (docs/benchmarks.md), so it is asked for (`[checks] fork = true`), not assumed.
MIN_FACTS_FOR_FORKED_CHECKS: int | None = None


def fork_checks_for(setting: bool | None, facts: int) -> bool:
    """Whether a full local check of `facts` facts forks (`setting` None: by its size)."""
    if setting is not None:
        return setting
    least = MIN_FACTS_FOR_FORKED_CHECKS
    return least is not None and facts >= least


@dataclass
class ChildPart:
    """What the child found: its rules' findings by name, the statements' findings, the
    relations it read, and its CPU seconds."""

    by_rule: dict[str, list[Finding]]
    statements: list[Finding]
    relations: pd.DataFrame
    cpu: float = 0.0


@dataclass
class ForkedChecks:
    """The checks' result, the relations the child read, and the CPU seconds of each side
    (parent: the canonical order, its rules and the passes; child: its part)."""

    result: ChecksResult
    relations: pd.DataFrame
    cpu: dict[str, float] = field(default_factory=dict)


def _child(
    conn: Connection,
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame,
    relations_of: Callable[[], pd.DataFrame],
    names: frozenset[str],
) -> None:
    """The child's part, sent back pickled (or the error's traceback)."""
    start = time.process_time()
    try:
        by_rule = apply_rules(facts, pages, config, comparable, names)
        relations = relations_of()
        found = [f for rule in by_rule.values() for f in rule]
        statements = find_relation_mismatches(facts, relations, config, comparable, found)
        part = ChildPart(by_rule, statements, relations, time.process_time() - start)
        conn.send_bytes(pickle.dumps(("ok", part), protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException as error:  # the parent raises it: the run fails, nothing is loaded
        failure = (f"{type(error).__name__}: {error}", traceback.format_exc())
        conn.send_bytes(pickle.dumps(("error", failure)))
    finally:
        conn.close()


def forked_checks(
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    relations_of: Callable[[], pd.DataFrame],
    names: frozenset[str] = CHILD_RULES,
) -> ForkedChecks:
    """`run_checks(facts, pages, config, relations_of())` over two processes, the same frame:
    the child runs the rules in `names` and the statements. Should a rule this process runs
    give a diff_mismatch finding, the statements run again here on every rule's findings."""
    start = time.process_time()
    facts, comparable = prepared(facts, config)
    by_rule, part = beside_child(
        _child,
        (facts, pages, config, comparable, relations_of, names),
        "checks",
        lambda: apply_rules(facts, pages, config, comparable, _others(names)),
    )
    assert isinstance(part, ChildPart)
    by_rule.update(part.by_rule)
    found = in_table_order(by_rule)
    statements = part.statements
    if any(f.kind is FindingKind.DIFF_MISMATCH for f in _parents(by_rule, names)):
        statements = find_relation_mismatches(facts, part.relations, config, comparable, found)
    result = finished(facts, found, statements, config)
    cpu = {"parent": time.process_time() - start, "child": part.cpu}
    return ForkedChecks(result, part.relations, cpu)


def _others(names: frozenset[str]) -> frozenset[str]:
    return frozenset(r.name for r in RULES if r.name not in names)


def _parents(by_rule: dict[str, list[Finding]], names: frozenset[str]) -> list[Finding]:
    return [f for name, found in by_rule.items() if name not in names for f in found]


def child_result(receive: Connection, child: Any, what: str) -> Any:
    """What a forked child sent as ("ok", value); a child that died or sent ("error", (line,
    traceback)) fails the run (nothing is loaded). `what` names the child in the message."""
    try:
        status, value = pickle.loads(receive.recv_bytes())
    except EOFError:
        child.join()
        raise RunFailed(
            f"the {what} child process died (exit code {child.exitcode}, pid {child.pid}); "
            "nothing was loaded"
        ) from None
    if status != "ok":
        line, trace = value
        failed = RunFailed(f"the {what} child process failed: {line}; nothing was loaded")
        failed.add_note(trace)  # the child's traceback, for a debugger (the CLI prints one line)
        raise failed
    return value


def beside_child(
    target: Callable[..., None], args: tuple[Any, ...], what: str, work: Callable[[], T]
) -> tuple[T, Any]:
    """`work()` here while a forked child runs `target(send, *args)` and sends ("ok", value):
    (work's result, the child's value). A failed or dead child fails the run; a failure here
    kills the child. Freed heap pages go back first: a page either side writes once they share
    it is copied, and a free one kept resident would be copied for nothing."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=target, args=(send, *args), name=f"crosscheck-{what}", daemon=True
    )
    trim_heap()
    child.start()
    send.close()
    try:
        mine = work()
        theirs = child_result(receive, child, f"{what}'")
    except BaseException:
        child.kill()  # this process failed or was interrupted: the child's part is not wanted
        raise
    finally:
        receive.close()
        child.join()
    return mine, theirs
