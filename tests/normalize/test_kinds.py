"""One canonical name per kind, whatever the language or head noun (normalize.kinds), through
the entity resolution the facts use."""

from __future__ import annotations

import pytest
from crosscheck.normalize.entities import resolve_entity
from crosscheck.normalize.kinds import resolve_kind


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("pannelli monocristallini", "monocrystalline"),
        ("Monocrystalline panels", "monocrystalline"),
        ("los monocristalinos", None),  # an article is no head noun
        ("monocristalinos", "monocrystalline"),
        ("Monokristallin", "monocrystalline"),
        ("moduli a silicio cristallino", "crystalline silicon"),
        ("pannelli a thin film", "thin film"),
        ("QLC SSDs", "QLC"),
        ("LiFePO4", "LFP"),
        ("NMC Batteries", "NMC"),
        ("Erdreich-Wasser-Wärmepumpen", "ground-source heat pump"),
        ("Sole-Wasser-Wärmepumpe", "ground-source heat pump"),
        ("Samsung 990 Pro", None),
        ("linear", None),  # an ordinary word: a kind only with its head
        ("linear switches", "linear switches"),
        ("HEPA filters", "HEPA"),
        ("QLC SSD TLC SSD", None),
    ],
)
def test_resolve_kind(written: str, kind: str | None) -> None:
    assert resolve_kind(written) == kind


def test_entity_resolution_gives_the_kind() -> None:
    match = resolve_entity("pannelli policristallini")
    assert (match.entity, match.qualifier, match.known) == ("polycrystalline", "", True)
    assert resolve_entity("Flask 2.0+").entity == "Flask"
