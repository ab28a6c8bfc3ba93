"""The label above a load-test run names a chain of servers or a name before a comma
(ingest.run_labels): the run's entity is the whole chain, never its first known name."""

from __future__ import annotations

from crosscheck.ingest.recovered import caption_entity
from crosscheck.ingest.run_labels import chain_label, comma_lead

from tests.ingest.parsing import text_claims

RUN = """```
Running 10s test @ http://127.0.0.1:7000/ping
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   {avg}  640.10us  15.20ms   97.70%
    Req/Sec    61.02k     3.10k   70.41k    84.20%
  1200345 requests in 10.10s, 170.20MB read
Requests/sec: {rps}
Transfer/sec:     16.85MB
```
"""

PAGE = (
    "# Proxy runs\n\n## Alpha\n\n"
    + RUN.format(avg="131.20us", rps="118845.05")
    + "\n## Alpha --> Alpha\n\n"
    + RUN.format(avg="275.90us", rps="117002.61")
)


def test_a_chain_heading_is_the_whole_entity_of_its_run() -> None:
    rates = [
        (c["entity_raw"], c["raw_value"]) for c in text_claims(PAGE) if c["label"] == "Requests/sec"
    ]
    assert rates == [("Alpha", "118845.05"), ("Alpha --> Alpha", "117002.61")]


def test_chain_shapes() -> None:
    assert chain_label("Beta --> Gamma") == "Beta --> Gamma"
    assert chain_label("load tool => pooler => db") == "load tool => pooler => db"
    assert chain_label("Delta behind Epsilon") == "Delta behind Epsilon"
    assert chain_label("Results for Beta") is None
    assert chain_label("x -> y means a sentence with many more words than names") is None
    # a known name inside the chain does not cut it
    assert caption_entity("Beta --> Gamma", ["Beta"]) == ("Beta --> Gamma", None)


def test_comma_lead_names_the_subject_of_a_label_line() -> None:
    generic = frozenset({"results", "run"})
    assert comma_lead("Zeta, Lang (nightly) web framework", generic) == "Zeta"
    assert comma_lead("Results, run 2", generic) is None
    assert comma_lead("Zeta web framework", generic) is None
    assert caption_entity("Zeta, Lang (nightly) web framework", []) == ("Zeta", None)
