"""Shapes of container and serverless pages (realacc12): image references as the subjects of
size lists and Dockerfile lines, a rate header naming the hardware in a group, a name that only
sets the scene ("For AWS Lambda, ..."), and a fall written "from A to B".

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.image_refs import image_refs, without_code_lead
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.ingest.table_headers import is_metric_like, split_header
from crosscheck.normalize.quantity import parse_quantity

from crosscheck.common.contracts import BoundKind
from tests.ingest.parsing import claim_owners, text_claims


def test_image_references_are_found_and_ports_times_and_urls_are_not() -> None:
    texts = [
        "Start from ubuntu:24.04 or debian:bookworm-slim, then try node:20-alpine.",
        "The gcr.io/distroless/static image, python:3.12-slim and alpine:latest.",
        "Open localhost:3000 or https://example.com/a:b at 11:00, a 16:10 screen; Note:this.",
    ]
    assert image_refs(texts) == [
        "ubuntu:24.04",
        "debian:bookworm-slim",
        "node:20-alpine",
        "gcr.io/distroless/static",
        "python:3.12-slim",
        "alpine:latest",
    ]


def test_a_dockerfile_word_before_an_image_is_not_its_name() -> None:
    assert without_code_lead("FROM node:20-slim") == "node:20-slim"
    assert without_code_lead("FROM golang:1.22 AS build") == "golang:1.22"
    assert without_code_lead("docker pull redis:7.2") == "redis:7.2"
    assert without_code_lead("FROM Scratch Studios") == "FROM Scratch Studios"
    assert without_code_lead("Fastify 4") == "Fastify 4"


def test_image_sizes_belong_to_the_images_a_page_names() -> None:
    page = (
        "How big are base images?\n\n"
        "A plain image such as debian:12 weighs in at roughly 117 MB on disk.\n"
        "The busybox:1.36 image is only about 4 MB, good for tiny tools.\n"
        "Dockerfile lines with their sizes:\n\n"
        "FROM rust:1.79 # ~1.5GB\n"
        "FROM rust:1.79-slim # ~800MB\n"
    )
    owners = claim_owners(text_claims(page))
    assert owners["roughly 117 MB"] == "debian:12"
    assert owners["about 4 MB"] == "busybox:1.36"
    assert owners["~1.5GB"] == "rust:1.79"
    assert owners["~800MB"] == "rust:1.79-slim"


def test_a_rate_header_with_a_group_is_a_metric_with_its_rate_as_unit() -> None:
    assert split_header("Hashes/second (RTX 3080)") == ("Hashes/second (RTX 3080)", "Hashes/second")
    assert is_metric_like("Requests/s (8 threads)")
    assert split_header("Stock (median)")[1] is None  # a variant's statistic, not a rate
    page = (
        "# Password hashing speed\n\n"
        "| Algorithm | Hashes/second (RTX 3080) |\n|---|---|\n"
        "| MD5 | ~60 billion |\n| SHA-1 | ~20 billion |\n| bcrypt (cost 12) | ~3,500 |\n"
    )
    claims = text_claims(page)
    owners = claim_owners(claims)
    assert owners["~60 billion"] == "MD5"
    assert owners["~3,500"].startswith("bcrypt")
    assert {c["unit_hint"] for c in claims} == {"Hashes/second"}


def test_a_name_setting_the_scene_does_not_take_the_figures_after_it() -> None:
    page = (
        "Bun vs Deno vs Node.js\n\n"
        "For AWS Lambda, this means Deno averaging 190ms against Bun at 140ms.\n"
        "On AWS Lambda the bill was 20 dollars.\n"
    )
    owners = claim_owners(text_claims(page))
    assert owners["190ms"] == "Deno"
    assert owners["140ms"] == "Bun"


def test_a_fall_from_a_to_b_is_two_figures_and_a_range_stays_one() -> None:
    fall = "The team cut its bill from $9,000 to $2,500 per month."
    assert [s.text for s in find_prose_figures(fall)] == ["$9,000", "$2,500"]
    rising = "Latency varies from 10 to 20 ms."
    assert [s.text for s in find_prose_figures(rising)] == ["10 to 20 ms"]
    bare = "Startup went from 300 to 120 ms."  # the first number's unit unwritten: kept whole
    assert [s.text for s in find_prose_figures(bare)] == ["300 to 120 ms"]


def test_a_recommendations_limit_is_the_other_products_ceiling() -> None:
    page = (
        "Tachyon Cloud vs Quasar Edge\n\n"
        "Pick Tachyon Cloud if you need more than 512 MB of memory or a request longer than"
        " 60 seconds.\n"
        "Tachyon Cloud boots in 300 ms.\n"
    )
    owners = claim_owners(text_claims(page))
    assert owners["more than 512 MB"] == "Quasar Edge"
    assert owners["60 seconds"] == "Quasar Edge"
    assert owners["300 ms"] == "Tachyon Cloud"


def test_a_price_per_period_written_as_a_modifier_is_a_figure() -> None:
    spans = find_prose_figures("They replaced a $4,500-a-month cluster and a 30-second job.")
    assert [s.text for s in spans] == ["$4,500"]


def test_a_repository_slug_heading_a_stats_line_owns_its_figures() -> None:
    page = (
        "Container tools in 2026\n\n"
        "- ⭐ acme/widgetd — 12,345 stars, 2,345 forks\n"
        "Data pulled live from GitHub and npm.\n"
    )
    owners = claim_owners(text_claims(page))
    assert owners["12,345 stars"] == "acme/widgetd"
    assert owners["2,345 forks"] == "acme/widgetd"


def test_sub_before_a_figure_is_an_upper_bound() -> None:
    spans = find_prose_figures("Pages stayed sub-50 ms for most readers; a sub-millisecond hop.")
    assert [s.text for s in spans] == ["sub-50 ms"]
    quantity = parse_quantity("sub-50 ms")
    assert (quantity.low, quantity.high, quantity.bound) == (0.0, 0.05, BoundKind.AT_MOST)


def test_a_one_row_price_table_belongs_to_the_product_its_heading_names() -> None:
    page = (
        "AWS Lambda and Cloudflare Workers\n\n"
        "Cloudflare Workers New Pricing\n\n"
        "One plan now, billed by CPU time and never for idle waiting.\n\n"
        "| Plan fee | Requests | CPU time |\n|---|---|---|\n"
        "| $7 per month | $0.40 per 1 Million | $0.03 per 1 Million CPU milliseconds |\n"
    )
    owners = claim_owners(text_claims(page))
    assert owners["$7 per month"] == "Cloudflare Workers"
    assert owners["$0.40 per 1 Million"] == "Cloudflare Workers"
