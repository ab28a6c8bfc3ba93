"""Three values joined by "vs" after three names joined by "vs" (realcond21): one each, in
order, never all three to the first name."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims


def test_a_three_way_value_chain_follows_the_three_names() -> None:
    text = (
        "Inference engines compared\n\n"
        "Our chart shows llama.cpp vs Ollama vs vLLM decode speed (A100, 8B model: "
        "118 vs 109 vs 131 tok/s) on one prompt.\n"
    )
    claims = claims_by_raw(text_claims(text))
    assert claims["118"]["entity_raw"] == "llama.cpp"
    assert claims["109"]["entity_raw"] == "Ollama"
    assert claims["131 tok/s"]["entity_raw"] == "vLLM"
