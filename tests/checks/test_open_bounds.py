"""An open-ended statement ("over 40% faster") whose entities come in reverse name order has
no upper bound; turned around it has no lower one, and the chain check of three statements on
one page divided by it (a hardware review of two CPUs and a third part stopped the run)."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks import CheckConfig
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.normalize.relations import relation_facts

from crosscheck.contracts import CLAIM_COLUMNS, stable_id
from tests.reconcile.facts_factory import facts_frame


def _statement(raw: str, sentence: str, a: str, b: str) -> dict[str, object]:
    row = dict.fromkeys(CLAIM_COLUMNS)
    row.update(
        claim_id=stable_id("o.md", sentence, raw),
        source="o.md",
        entity_raw=a,
        counterpart_raw=b,
        label="faster",
        raw_value=raw,
        role="diff",
        evidence=sentence,
        locator=f"paragraph / {raw}",
    )
    return row


def test_an_open_ended_statement_in_a_chain_is_checked_without_dividing_by_zero() -> None:
    claims = pd.DataFrame(
        [
            _statement("over 40%", "Zen is over 40% faster than Core.", "Zen", "Core"),
            _statement("16%", "Zen is 16% faster than Arc.", "Zen", "Arc"),
            _statement("10%", "Arc is 10% faster than Core.", "Arc", "Core"),
        ],
        columns=CLAIM_COLUMNS,
    )
    relations = relation_facts(claims, lambda raw: raw or None)
    assert len(relations) == 3
    found = find_relation_mismatches(facts_frame([]), relations, CheckConfig())
    assert isinstance(found, list)  # the run went on (it stopped with ZeroDivisionError)
