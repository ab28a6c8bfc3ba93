"""The rules `run_checks` runs, in its order, with the key each rule's groups never cross:
one table for both engines, so a rule added here runs on one process and on partitions.

Same-page rules (a table's columns, a row's cells, a page's sentences, a page's repairs) are
cut by page; cross-source rules that compare one entity's figures (conflicts, categories, a
release year against an age stated elsewhere) by entity; a row's magnitude outlier, judged
against the median of its metric on every page, by metric. The conflict rule is two rules,
its same-page half (page cut) and its cross-source half (entity cut). A rule with groups of
both kinds could run in both cuts, each cut keeping the findings it sees whole (`Part.keep`).
Comparative statements (checks.relations) run after every rule here: they name two entities
and read the other rules' findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import pandas as pd
from crosscheck.checks.arithmetic import find_wrong_products
from crosscheck.checks.bit_byte import find_bit_byte_slips
from crosscheck.checks.bold_cells import find_bold_cells
from crosscheck.checks.categorical import find_categorical_conflicts
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import find_cross_source_conflicts, find_same_page_conflicts
from crosscheck.checks.count_bounds import find_count_bound_conflicts
from crosscheck.checks.counted_totals import find_counted_totals
from crosscheck.checks.declared_ties import find_declared_ties
from crosscheck.checks.diff_mismatch import find_diff_mismatches
from crosscheck.checks.encoding import find_encoding
from crosscheck.checks.findings import Finding
from crosscheck.checks.identical_columns import find_identical_columns
from crosscheck.checks.logic import find_entity_logic, find_page_logic
from crosscheck.checks.marked_best import find_marked_best
from crosscheck.checks.misattribution import find_misattributions
from crosscheck.checks.name_slips import find_name_slips
from crosscheck.checks.peak_ratings import find_peaks_below_ratings
from crosscheck.checks.peaks import find_exceeded_peaks
from crosscheck.checks.scale_slips import find_scale_slips
from crosscheck.checks.spec_conflicts import find_spec_conflicts
from crosscheck.checks.spelled_specs import (
    find_spelled_apart_conflicts,
    find_spelled_apart_page_conflicts,
)
from crosscheck.checks.stated_changes import find_stated_changes
from crosscheck.checks.summary import find_summaries_outside_tables
from crosscheck.checks.unit_costs import find_unit_cost_slips
from crosscheck.checks.unit_pairs import find_unit_pair_slips
from crosscheck.checks.unit_scale import (
    find_row_magnitude_outliers,
    find_unit_scale,
    row_outlier_metrics,
)
from crosscheck.checks.variant_formulas import find_formula_breaks
from crosscheck.checks.variants import find_variant_outliers


class Family(Enum):
    """Which key a rule's groups stay within."""

    PAGE = "page"  # cut facts by source
    ENTITY = "entity"  # cut facts by canonical entity
    METRIC = "metric"  # cut facts by canonical metric


#: The column each family is cut by (a hash of it picks the partition).
FAMILY_KEY: dict[Family, str] = {
    Family.PAGE: "source",
    Family.ENTITY: "entity",
    Family.METRIC: "metric",
}

# (facts in content order, pages, config, comparable facts) -> findings
Apply = Callable[[pd.DataFrame, pd.DataFrame, CheckConfig, pd.DataFrame], list[Finding]]
Keep = Callable[[Finding], bool]


def _every(finding: Finding) -> bool:
    return True


@dataclass(frozen=True)
class Part:
    """One cut a rule runs in, and which of its findings that cut sees whole."""

    family: Family
    keep: Keep = _every


@dataclass(frozen=True)
class Rule:
    """A rule of `run_checks`: its name, how to apply it and the cuts it runs in."""

    name: str
    apply: Apply
    parts: tuple[Part, ...]
    #: The rule reads the comparable figures only (not the facts nor the pages): a cut of
    #: such rules alone sorts only those rows (checks.partitioned.check_partition).
    comparable_only: bool = False
    #: For a rule of the metric cut: read from whole pages' comparable figures, the metrics
    #: whose figures it may need (a superset); a metric cut of such rules alone holds only
    #: those metrics' figures (checks.partitioned.metric_limit). None: every metric.
    metrics: Callable[[pd.DataFrame], set[str]] | None = None


_PAGE = (Part(Family.PAGE),)
_ENTITY = (Part(Family.ENTITY),)

RULES: tuple[Rule, ...] = (
    # Same-page conflicts read every entity of the page (prose runs: checks.scenarios), the
    # cross-source ones every page of the entity: two rules, so neither cut computes the
    # other's half.
    Rule(
        "same_page_conflicts",
        lambda f, p, c, cmp: find_same_page_conflicts(f, c, cmp),
        _PAGE,
    ),
    Rule(
        "cross_source_conflicts",
        lambda f, p, c, cmp: find_cross_source_conflicts(f, c, cmp),
        _ENTITY,
    ),
    # the same spec spelled two ways ('Battery' and 'battery capacity'; a section heading as
    # the qualifier on one page, in the label on another): the conflict rules on both halves
    Rule(
        "spelled_page_conflicts",
        lambda f, p, c, cmp: find_spelled_apart_page_conflicts(f, c, cmp),
        _PAGE,
    ),
    Rule(
        "spelled_cross_conflicts",
        lambda f, p, c, cmp: find_spelled_apart_conflicts(f, c, cmp),
        _ENTITY,
    ),
    # one product's only figure of a physical dimension on two pages, its measure unnamed
    # by the vocabulary on one side at least (spec_conflicts.toml)
    Rule("spec_conflicts", lambda f, p, c, cmp: find_spec_conflicts(f), _ENTITY),
    # a count below another page's floor of it ("88" against "90+"), or floors far apart
    Rule("count_bounds", lambda f, p, c, cmp: find_count_bound_conflicts(cmp), _ENTITY, True),
    Rule("variants", lambda f, p, c, cmp: find_variant_outliers(cmp, c), _ENTITY, True),
    # a peak rate one page quotes against the runs another page lists it among
    Rule("peaks", lambda f, p, c, cmp: find_exceeded_peaks(cmp, c), _ENTITY, True),
    # a product's peak below its own continuous figure in one spec
    Rule("peak_ratings", lambda f, p, c, cmp: find_peaks_below_ratings(cmp, c), _PAGE, True),
    Rule("diff_mismatches", lambda f, p, c, cmp: find_diff_mismatches(f, c, cmp), _PAGE),
    Rule("identical_columns", lambda f, p, c, cmp: find_identical_columns(f, c), _PAGE),
    Rule("misattributions", lambda f, p, c, cmp: find_misattributions(f, c, cmp), _PAGE),
    # a takeaway's figures under a name one model number from the table's product's
    Rule("name_slips", lambda f, p, c, cmp: find_name_slips(cmp), _PAGE, True),
    Rule("unit_scale", lambda f, p, c, cmp: find_unit_scale(f, c), _PAGE),
    # a figure a lost unit prefix puts out of its quantity's range (plausible_ranges.toml)
    Rule("scale_slips", lambda f, p, c, cmp: find_scale_slips(f), _PAGE),
    Rule("bit_byte", lambda f, p, c, cmp: find_bit_byte_slips(f), _PAGE),
    # a figure and its bracketed conversion share an entity; the entity's other pages say
    # which side to believe
    Rule("unit_pairs", lambda f, p, c, cmp: find_unit_pair_slips(f), _ENTITY),
    # A row's outlier is judged against the median of the metric's figures on every page.
    Rule(
        "row_magnitude",
        lambda f, p, c, cmp: find_row_magnitude_outliers(f, c, cmp),
        (Part(Family.METRIC),),
        comparable_only=True,
        metrics=row_outlier_metrics,
    ),
    Rule("page_logic", lambda f, p, c, cmp: find_page_logic(f, c, cmp), _PAGE),
    Rule("entity_logic", lambda f, p, c, cmp: find_entity_logic(f, c, cmp), _ENTITY),
    # a block's line marked as its winner (a star, "fastest") that another line beats
    Rule("marked_best", lambda f, p, c, cmp: find_marked_best(f), _PAGE),
    # a table row's bolded winner cell that another cell of the row beats
    Rule("bold_cells", lambda f, p, c, cmp: find_bold_cells(f), _PAGE),
    # a row's winner cell declaring a tie between figures far apart
    Rule("declared_ties", lambda f, p, c, cmp: find_declared_ties(f), _PAGE),
    Rule("categorical", lambda f, p, c, cmp: find_categorical_conflicts(f, c), _ENTITY),
    Rule("encoding", lambda f, p, c, cmp: find_encoding(f, p), _PAGE),
    Rule("wrong_products", lambda f, p, c, cmp: find_wrong_products(f), _PAGE),
    # a unit price times a volume against the total the page states from them
    Rule("unit_costs", lambda f, p, c, cmp: find_unit_cost_slips(f), _PAGE),
    Rule("summaries", lambda f, p, c, cmp: find_summaries_outside_tables(f, c, cmp), _PAGE),
    # a spec figure above its bound or off the product it is defined as, and per-variant
    # lines of one product that break a relation every variant shares (spec_formulas.toml)
    Rule("spec_formulas", lambda f, p, c, cmp: find_formula_breaks(f), _PAGE),
    # a change stated for a condition ("TLS adds 30-40 % overhead") against the page's own
    # pair of figures with and without it (stated_changes.toml)
    Rule("stated_changes", lambda f, p, c, cmp: find_stated_changes(f), _PAGE),
    # a total stated for a count of parts against the page's per-part figure
    Rule("counted_totals", lambda f, p, c, cmp: find_counted_totals(f), _PAGE),
)
