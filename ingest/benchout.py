"""Benchmark harness output → a recovered table.

`go test -bench` (`BenchmarkName-4   1000   1234 ns/op   56 B/op   2 allocs/op`; the iteration
count b.N is a harness detail, never a figure), Rust's libtest (`test parse ... bench: 1,234
ns/iter (+/- 56)`) and criterion (`parse  time:   [26.0 µs 26.2 µs 26.5 µs]`, the middle
value being the estimate, and its `thrpt: [...]` line below when the group sets a throughput):
one row per benchmark, one column per unit. The entity is
the block's caption or the page's, unless sub-benchmark names carry it
(`BenchmarkParse/small/fastjson`, `BenchmarkParse/small/stdjson-map`): a name segment whose
values each recur under every case is then the entity of its row, the rest a condition.
"""

from __future__ import annotations

import re
from collections import Counter

from crosscheck.ingest.blocks import Block, BlockKind

_GO_BENCH = re.compile(r"^\s*(?P<name>Benchmark\S+)\s+(?P<n>\d+)\s+(?P<rest>\d.*?)\s*$")
_MEASURE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s+(?P<unit>[A-Za-zµ%][\w/%µ]*)")
_ENV = re.compile(r"^[A-Z][A-Z0-9_]*=\S+$")
_PROMPT = re.compile(r"^\s*[$>#]\s+(?P<cmd>.+)$")
_PROCS = re.compile(r"-\d+$")
_LIBTEST = re.compile(
    r"^\s*test\s+(?P<name>\S+)\s+\.\.\.\s+bench:\s+(?P<value>[\d,.]+\s?\S+/iter)"
    r"(?:\s+\(\+/-\s+(?P<dev>[\d,.]+)\))?"
)
_CRITERION = re.compile(
    r"^\s*(?P<name>\S(?:.*\S)?)?\s+time:\s+\[(?P<low>[\d.]+\s?\S+)\s+(?P<mid>[\d.]+\s?\S+)"
    r"\s+(?P<high>[\d.]+\s?\S+)\]"
)
# criterion's line under 'time:' when the group sets a throughput: '[lo est hi]' per second
_THRPT = re.compile(r"^\s*thrpt:\s+\[[\d.]+\s?\S+\s+(?P<mid>[\d.]+\s?\S+/s)\s+[\d.]+\s?\S+\]\s*$")
_LONE_NAME = re.compile(r"^\s*(?P<name>[^\s:]\S*)\s*$")  # a long name criterion wraps above 'time:'
_NAME_TOKENS = re.compile(r"[_\-]+")
_PARAM = re.compile(r"=|^[\d.]+\s?[kKMG]?[Bb]?$")  # 'size=10', '1024', '4KB': cases, not names


def _rust_row(line: str, above: str) -> tuple[str, dict[str, str]] | None:
    """(name, {unit: value}) of a libtest or criterion line, or None; a criterion line without
    a name takes the lone name on the line `above` (criterion wraps names too long to align)."""
    libtest = _LIBTEST.match(line)
    if libtest:
        value, dev = libtest.group("value"), libtest.group("dev")
        if dev is None:
            return libtest.group("name"), {"ns/iter": value}
        # '(+/- 36,892)': the spread, in the value's unit
        return libtest.group("name"), {
            "ns/iter": value,
            "deviation": f"{dev} {value.lstrip('0123456789,. ')}",
        }
    criterion = _CRITERION.match(line)
    if criterion:
        name = criterion.group("name")
        if name is None:
            lone = _LONE_NAME.match(above)
            if lone is None:
                return None
            name = lone.group("name")
        return name, {"time": criterion.group("mid")}
    return None


def bench_table(lines: list[str], caption: str | None) -> Block | None:
    """The benchmark lines of a code block as one table, or None when it has none."""
    units: list[str] = []
    rows: list[tuple[str, dict[str, str]]] = []
    texts: list[str] = []  # each row's line as written
    env: list[str] = []
    notes: list[str] = []  # each row's setting: a comment between rows ('# with target-cpu=native')
    note = ""
    above = ""
    for line in lines:
        prompt = _PROMPT.match(line)
        if prompt:
            env = [t for t in prompt.group("cmd").split() if _ENV.match(t)]
            if rows and line.lstrip().startswith("#"):
                note = prompt.group("cmd").replace("`", "").strip()
            continue
        thrpt = _THRPT.match(line) if rows and "thrpt" in line else None
        if thrpt is not None and "time" in rows[-1][1] and "throughput" not in rows[-1][1]:
            rows[-1][1]["throughput"] = thrpt.group("mid")  # the estimate, as for 'time:'
            texts[-1] = f"{texts[-1]} {line.strip()}"
            if "throughput" not in units:
                units.append("throughput")
            continue
        harness = _rust_row(line, above)
        if line.strip():
            above = line
        if harness is not None:
            rows.append(harness)
            notes.append(note)
            texts.append(line.strip() if harness[0] in line else f"{harness[0]} {line.strip()}")
            for unit in harness[1]:
                if unit not in units:
                    units.append(unit)
            continue
        match = _GO_BENCH.match(line)
        if not match:
            continue
        measures: dict[str, str] = {}
        for m in _MEASURE.finditer(match.group("rest")):
            unit = m.group("unit")
            measures[unit] = m.group(0)
            if unit not in units:
                units.append(unit)
        if measures:
            rows.append((match.group("name"), measures))
            notes.append(note)
            texts.append(line.strip())
    if not rows or len(rows) * 2 < sum(1 for x in lines if x.strip().startswith("Benchmark")):
        return None
    if len(rows) < 2 and not any(u.endswith("/op") for u in units):
        return None  # one 'time:' line is too little to call a block benchmark output
    conditions = "; ".join(env) or None
    cells = [[*(m.get(u, "") for u in units)] for _, m in rows]
    names = [name for name, _ in rows]
    entities = _entities_in_names(names) or _entities_in_paths(names)
    if entities is None and "ns/iter" in units:  # libtest's 'tests::bench_std_sort_i32'
        entities = _implementations(names)
    if entities is not None:
        table_rows = [[entity, *row] for entity, row in zip(entities, cells, strict=True)]
        return Block(
            BlockKind.TABLE,
            header=["", *units],
            rows=table_rows,
            row_texts=_texts(table_rows, texts),
            origin="code block",
            caption=caption,
            entities_as_rows=True,
            conditions=conditions,
            row_conditions=[f"{n}; {t}" if t else n for n, t in zip(names, notes, strict=True)],
        )
    table_rows = [[name, *row] for name, row in zip(names, cells, strict=True)]
    return Block(
        BlockKind.TABLE,
        header=["benchmark", *units],
        rows=table_rows,
        row_texts=_texts(table_rows, texts),
        origin="code block",
        caption=caption,
        caption_entity=True,  # benchmark lines are one library's: the caption's or the page's
        conditions=conditions,
        row_entities=_go_subjects(names),
    )


_GO_SUBJECT = re.compile(r"^Benchmark_?(?P<subject>[A-Za-z0-9][\w.]*?)(?:-(?P<procs>\d+))?$")


def _go_subjects(names: list[str]) -> list[tuple[str, str | None]] | None:
    """Each `go test -bench` row's subject and GOMAXPROCS (go omits '-1'), or None when a name
    has sub-benchmarks or fewer than two subjects differ: what the rows name when nothing else
    on the page does (BenchmarkSHA256-4 → ('SHA256', 'GOMAXPROCS=4'))."""
    subjects: list[tuple[str, str | None]] = []
    for name in names:
        match = _GO_SUBJECT.match(name)
        if match is None:
            return None
        subjects.append((match.group("subject"), f"GOMAXPROCS={match.group('procs') or 1}"))
    return subjects if len({s for s, _ in subjects}) >= 2 else None


def _texts(rows: list[list[str]], texts: list[str]) -> dict[tuple[str, ...], str]:
    """Each row's cells → the line it was read from (the evidence quotes the page)."""
    return {tuple(row): text for row, text in zip(rows, texts, strict=True)}


def _entities_in_names(names: list[str]) -> list[str] | None:
    """The segment of sub-benchmark names that names an implementation, row by row, or None."""
    slash = any("/" in n for n in names)  # 'bool serde_json 2^20': criterion ids written spaced
    parts = [_PROCS.sub("", n).split("/" if slash else None) for n in names]
    depth = len(parts[0])
    if depth < (2 if slash else 3) or any(len(p) != depth for p in parts):
        return None  # spaced: 'group library case' only ('parse small' is one library's cases)
    for position in range(depth - 1, 0, -1):
        values = Counter(p[position] for p in parts)
        if len(values) < 2:
            continue
        alone = all(len({p[i] for p in parts}) == 1 for i in range(depth) if i != position)
        if min(values.values()) < 2 and not alone:
            continue  # a value under one case only, unless every other segment is shared
        if any(_PARAM.search(v) for v in values):
            continue
        return [p[position] for p in parts]
    return None


def _implementations(names: list[str]) -> list[str] | None:
    """Each name's implementation when every name, past a module path and the words all names
    open or close with ('tests::bench_', '_i32'), is '<implementation>_<operation>' with one
    operation word at the same place ('quickest_sort', 'std_sort_unstable'), or None: one
    operation run by two or more implementations; 'parse_small' / 'parse_large' are cases."""
    words = [n.rsplit("::", 1)[-1].split("_") for n in names]
    while all(len(w) > 2 for w in words) and len({w[0] for w in words}) == 1:
        words = [w[1:] for w in words]
    while all(len(w) > 2 for w in words) and len({w[-1] for w in words}) == 1:
        words = [w[:-1] for w in words]
    for at in (1, 2):
        if any(len(w) <= at for w in words) or len({w[at] for w in words}) != 1:
            continue
        if len({tuple(w[:at]) for w in words}) < 2:
            return None
        return ["_".join(w) for w in words]
    return None


def _entities_in_paths(names: list[str]) -> list[str] | None:
    """The implementation each Rust benchmark name leads with, row by row, or None: the crate of
    `crate::function` paths when the paths name two crates or more, else the first word of
    `pest_parse_long`-style names (after a prefix all share, `bench_`) when every first word
    runs most of its cases under every other first word too."""
    if all("::" in n for n in names):
        crates = [n.split("::", 1)[0] for n in names]
        return crates if len(set(crates)) >= 2 else None
    parts = [_NAME_TOKENS.split(n, maxsplit=1) for n in names]
    if all(len(p) == 2 for p in parts) and len({p[0] for p in parts}) == 1:
        # 'bench_hyperscan_trivial': a prefix every name shares names no implementation
        parts = [_NAME_TOKENS.split(p[1], maxsplit=1) for p in parts]
    if any(len(p) != 2 or not p[0] or not p[1] for p in parts):
        return None
    cases: dict[str, set[str]] = {}
    for first, rest in parts:
        cases.setdefault(first, set()).add(rest)
    if len(cases) < 2 or any(len(c) < 2 for c in cases.values()):
        return None
    # the implementations run the same cases, save one that only some of them run
    shared = set.intersection(*cases.values())
    if len(shared) < 2 or any(2 * len(shared) <= len(c) for c in cases.values()):
        return None
    return [p[0] for p in parts]
