"""The check step of a run (crosscheck.check_reconcile calls it): every rule over every fact where
the engine runs them (the Dask engine's partitioned tasks, the local workers, a forked check, the
page cut's rest, or this process), or a check limited to what the changed pages touch
(crosscheck.partial_checks) when it can be trusted; and the run's statements, read once.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from crosscheck import partial, partial_checks
from crosscheck.batches import concat
from crosscheck.check_state import CheckSite, Earlier, RunRows
from crosscheck.checks import run_checks
from crosscheck.checks.contracts import validate_frame
from crosscheck.checks.page_cut import run_checks_with
from crosscheck.checks.run import merged_content_order
from crosscheck.contracts import FINDING_COLUMNS, RELATION_COLUMNS
from crosscheck.dask_checks import partitioned_checks
from crosscheck.dask_step import dask_checked
from crosscheck.forked_checks import fork_checks_for, forked_checks
from crosscheck.forked_statements import fork_statements_for, forked_page_cut_checks
from crosscheck.normalize import Vocabulary
from crosscheck.normalize.relations import relations_of_claims

#: (checked again, carried over) findings of a check limited to what changed pages touch
Limited = tuple[pd.DataFrame, pd.DataFrame]


@dataclass
class Statements:
    """The run's comparative statements, read once when first asked for: those the workers
    read, then those of the claims left unread (`stored`: the reused pages' relations and the
    claim ids they were read from, spared a second read). A forked check reads them in its
    child and hands them back (`known`)."""

    unread: pd.DataFrame
    parsed: list[pd.DataFrame]
    vocabulary: Vocabulary
    stored: tuple[pd.DataFrame, set[str]] | None
    relations: pd.DataFrame | None = None

    def read(self) -> pd.DataFrame:
        """Every statement of the run (read at the first call)."""
        if self.relations is None:
            read = read_relations(self.unread, self.vocabulary, self.stored)
            if self.parsed:
                read = concat([*self.parsed, read], RELATION_COLUMNS)
            self.relations = read
        return self.relations

    def known(self, relations: pd.DataFrame) -> None:
        """The statements another process read (a forked check's child)."""
        self.relations = relations


@dataclass
class Checked:
    """The checks' findings, and the (checked again, carried over) halves when the check was
    limited to what the changed pages touch (None: a full check)."""

    findings: pd.DataFrame
    limited: Limited | None


def check_findings(
    rows: RunRows, statements: Statements, site: CheckSite, earlier: Earlier | None
) -> Checked:
    """The check limited to what the changed pages touch when it can be trusted, else a full
    check."""
    limited = limited_check(rows, statements, site, earlier)
    if limited is None:
        return Checked(full_check(rows, statements, site, earlier), None)
    return Checked(concat(list(limited), FINDING_COLUMNS), limited)


def full_check(
    rows: RunRows, statements: Statements, site: CheckSite, earlier: Earlier | None
) -> pd.DataFrame:
    """Every rule over every fact, where the engine runs them."""
    if site.runner is not None:  # the same rules and whole-run passes, by partitions
        found = dask_checked(
            site.runner, site.held, rows.facts, site.checked_pages, statements.read,
            site.kept_statements, site.check_config, site.kept, site.left if site.leaving else None,
        )  # fmt: skip
        if found is None:  # the findings stay there (crosscheck.dask_findings)
            return pd.DataFrame(columns=FINDING_COLUMNS)
    elif site.local is not None and earlier is None:  # a full check on the local workers
        found = partitioned_checks(
            site.local, rows.facts, site.checked_pages, statements.read(), site.check_config
        )
    else:
        rows.all_rows()
        if fork_checks_for(site.config.fork_checks, len(rows.facts)):
            # a child inherits the facts and runs part of the rules (crosscheck.forked_checks)
            forked = forked_checks(
                rows.facts, site.checked_pages, site.check_config, statements.read
            )
            statements.known(forked.relations)
            for side, seconds in forked.cpu.items():
                site.timer.add_cpu(f"checks_{side}", seconds)
            found = forked.result.findings
        elif site.page_cut is not None and rows.complete:
            # the page rules ran in the parse tasks: the other rules and passes run here,
            # over the facts in the content order the chunks sorted theirs in
            order = None if site.orders is None else merged_content_order(rows.facts, site.orders)
            args = (rows.facts, site.checked_pages, site.check_config, statements.read())
            if fork_statements_for(site.config.fork_statements, len(rows.facts)):
                # at size the statements run in a forked child beside the cross-page rules
                found, cpu = forked_page_cut_checks(*args, site.page_cut, order)
                for side, seconds in cpu.items():
                    site.timer.add_cpu(f"checks_{side}", seconds)
            else:
                found = run_checks_with(*args, site.page_cut, order).findings
        else:
            found = run_checks(
                rows.facts, site.checked_pages, site.check_config, statements.read()
            ).findings
    return validate_frame(found, "FindingModel", "checks").valid


def limited_check(
    rows: RunRows,
    statements: Statements,
    site: CheckSite,
    earlier: Earlier | None,
    extra: set[str] | None = None,
) -> Limited | None:
    """(checked again, carried over) of a run limited to what the changed pages touch (and
    `extra` entities); None when there is no latest run or its cut cannot be trusted."""
    if earlier is None:
        return None
    sets = earlier.claim_sets(rows)
    scope = partial.plan(earlier.prior, rows.claims, rows.facts, statements.read(), extra, sets[0])
    cut = partial_checks.cut_of(earlier.prior, scope.entities, rows.facts)
    found = partial_checks.checked_again(
        earlier.prior, cut, site.checked_pages, rows.facts, statements.read(), sets,
        site.check_config, None if rows.stored is None else rows.more,
        None if rows.stored is None else rows.where,
    )  # fmt: skip
    if found is None:
        return None
    return validate_frame(found[0], "FindingModel", "checks").valid, found[1]


def read_relations(
    claims: pd.DataFrame,
    vocabulary: Vocabulary,
    stored: tuple[pd.DataFrame, set[str]] | None,
) -> pd.DataFrame:
    """The relations of every claim: read from the claims not covered by `stored`."""
    if stored is None:
        return relations_of_claims(claims, vocabulary)
    fresh = claims[~claims["claim_id"].isin(list(stored[1]))]
    return concat([relations_of_claims(fresh, vocabulary), stored[0]], RELATION_COLUMNS)
