"""The check settings of a run: its vocabulary's tolerances, metric words and entity-specific
metrics, the components that identify a product, and the run's own limits.

Kept apart from the step that runs the checks (crosscheck.check_reconcile): the parse tasks
(the page cut) and the settings digest (crosscheck.run_outputs) need them too.
"""

from __future__ import annotations

from crosscheck.checks import CheckConfig
from crosscheck.common.gazetteer import load_components
from crosscheck.normalize import Vocabulary
from crosscheck.run_types import RunConfig

# Components that identify a product when a figure is "measured with" them.
# Packages that are parts of an entity (data: normalize/data/entities.toml, [components]).
COMPONENTS = load_components()


def check_config_for(vocabulary: Vocabulary, config: RunConfig) -> CheckConfig:
    """The run's check settings: its vocabulary's tolerances and the run's settings."""
    return CheckConfig(
        intervals=config.intervals,
        tolerances={m.id: m.tolerance for m in vocabulary.metrics.values()},
        entity_specific=frozenset(m.id for m in vocabulary.metrics.values() if m.entity_specific),
        components=COMPONENTS,
        metric_words={
            m.id: tuple(dict.fromkeys((*m.aliases, *m.context_keywords)))
            for m in vocabulary.metrics.values()
        },
        metric_dimensions={m.id: m.dimension for m in vocabulary.metrics.values() if m.dimension},
        reference_year=config.reference_year,
        max_findings_per_page=config.max_findings_per_page,
    )


def page_checks_for(vocabulary: Vocabulary, config: RunConfig) -> CheckConfig | None:
    """The check settings the local engine's parse tasks run the page cut with, or None:
    the Dask engine cuts by page itself, and a forked check runs every rule over the facts
    it inherits (`[checks] fork = true`: crosscheck.forked_checks)."""
    if config.engine == "dask" or config.fork_checks:
        return None
    return check_config_for(vocabulary, config)
