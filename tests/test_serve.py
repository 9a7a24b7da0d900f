"""``newskg serve``: the SPARQL 1.1 Protocol over HTTP on loopback, queried
with ``requests`` as any SPARQL client would (all traffic stays on 127.0.0.1)."""
from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from test_sparql import sample_kg

from newskg import sparql
from newskg.exports.rdf import write_rdf
from newskg.serve import make_server, negotiate
from newskg.store import GraphStore

REPO = Path(__file__).resolve().parents[1]
KAZAKHSTAN = "https://newskg.example/entity/country/kazakhstan"
SCO_MEMBERS = "SELECT ?c WHERE { ?c nkg:memberOf ?o . ?o skos:altLabel 'SCO' }"
#: A query that runs for minutes even on a tiny graph: a four-way cross product.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    write_rdf(sample_kg(), path, "turtle")
    return path


def start(source, **options):
    server = make_server(str(source), "127.0.0.1", 0, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def endpoint(graph_file):
    server = start(graph_file, workers=2, timeout=20)
    yield server.url + "sparql"
    stop(server)


def test_get_query_answers_sparql_json_by_default(endpoint):
    response = requests.get(endpoint, params={"query": SCO_MEMBERS}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    assert response.json()["results"]["bindings"] == [{"c": {"type": "uri", "value": KAZAKHSTAN}}]


def test_post_sparql_query_body_with_csv_accept(endpoint):
    response = requests.post(endpoint, data=SCO_MEMBERS.encode(), timeout=30,
                             headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(response.text))) == [["c"], [KAZAKHSTAN]]


@pytest.mark.parametrize("accept, expected", [
    ("application/sparql-results+xml", f"<uri>{KAZAKHSTAN}</uri>"),
    ("text/tab-separated-values", f"?c\n<{KAZAKHSTAN}>"),
    ("text/csv;q=0.5, application/sparql-results+json", '"bindings"'),
])
def test_post_form_with_each_result_format(endpoint, accept, expected):
    response = requests.post(endpoint, data={"query": SCO_MEMBERS}, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200 and expected in response.text


def test_ask_and_construct(endpoint):
    ask = requests.get(endpoint, params={"query": "ASK { country:belarus nkg:joining ?o }"}, timeout=30)
    assert ask.json() == {"head": {}, "boolean": True}
    query = "CONSTRUCT { ?p nkg:leaderOf ?c } WHERE { ?p nkg:leaderOf ?c }"
    turtle = requests.get(endpoint, params={"query": query}, timeout=30)
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    assert "person:xi-jinping nkg:leaderOf country:china" in turtle.text
    jsonld = requests.get(endpoint, params={"query": query}, headers={"Accept": "application/ld+json"}, timeout=30)
    assert len(json.loads(jsonld.text)) == 3


def test_the_answer_agrees_with_newskg_query(endpoint, graph_file):
    query = sparql.example("leaders").text
    over_http = requests.post(endpoint, data={"query": query}, headers={"Accept": "text/csv"}, timeout=30).text
    local = sparql.format_result(sparql.run_query(sparql.open_graph(graph_file), query), "csv").decode()
    assert over_http == local and over_http.count("\n") == 4


@pytest.mark.parametrize("request_kwargs", [
    {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"data": b"DELETE WHERE { ?s ?p ?o }", "headers": {"Content-Type": "application/sparql-update"}},
])
def test_updates_are_refused_and_change_nothing(endpoint, request_kwargs):
    response = requests.post(endpoint, timeout=30, **request_kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    assert requests.get(endpoint, params={"query": SCO_MEMBERS}, timeout=30).json()["results"]["bindings"]
    inserted = requests.get(endpoint, params={"query": "ASK { <urn:a> ?p ?o }"}, timeout=30).json()
    assert inserted["boolean"] is False


def test_a_malformed_query_gets_400_and_the_parsers_message(endpoint):
    response = requests.get(endpoint, params={"query": "SELECT ?s WHERE { ?s ?p"}, timeout=30)
    assert response.status_code == 400 and response.text.startswith("malformed SPARQL: error at 1:")


def test_a_query_over_100_kb_gets_413(endpoint):
    padding = "#" + "x" * 100_000 + "\n"
    response = requests.post(endpoint, data=(padding + SCO_MEMBERS).encode(), timeout=30,
                             headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert requests.get(endpoint, params={"query": padding + SCO_MEMBERS}, timeout=30).status_code in (413, 414)


def test_service_calls_are_refused_but_the_word_in_a_string_is_not(endpoint):
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert requests.get(endpoint, params={"query": federated}, timeout=30).status_code == 403
    harmless = "SELECT ?s WHERE { ?s nkg:evidence ?e FILTER(CONTAINS(?e, 'service')) }"
    assert requests.get(endpoint, params={"query": harmless}, timeout=30).status_code == 200


def test_unacceptable_accept_gets_406(endpoint):
    response = requests.get(endpoint, params={"query": SCO_MEMBERS}, headers={"Accept": "image/png"}, timeout=30)
    assert response.status_code == 406


def test_negotiation_follows_quality_and_wildcards():
    offered = {"application/sparql-results+json": "JSON", "text/csv": "CSV"}
    assert negotiate("", offered) == "application/sparql-results+json"
    assert negotiate("text/*", offered) == "text/csv"
    assert negotiate("application/sparql-results+json;q=0.2, text/csv", offered) == "text/csv"
    assert negotiate("text/html, */*;q=0.8", offered) == "application/sparql-results+json"
    assert negotiate("text/csv;q=0", offered) is None


def test_the_query_page_is_offline_and_lists_the_examples(endpoint):
    page = requests.get(endpoint.removesuffix("sparql"), timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page.text and "Who leads which country" in page.text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.text)  # nothing fetched from elsewhere


def test_a_query_past_the_time_limit_gets_503_and_the_endpoint_recovers(graph_file):
    server = start(graph_file, workers=1, timeout=1.5)
    url = server.url + "sparql"
    try:
        started = time.monotonic()
        slow = requests.get(url, params={"query": ENDLESS}, timeout=30)
        assert slow.status_code == 503 and "time limit" in slow.text
        assert time.monotonic() - started < 5
        deadline = time.monotonic() + 20
        while (answer := requests.get(url, params={"query": SCO_MEMBERS}, timeout=30)).status_code == 503:
            assert time.monotonic() < deadline, "the killed worker was never replaced"
        assert answer.status_code == 200 and KAZAKHSTAN in answer.text
    finally:
        stop(server)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_cli(source, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "newskg", "serve", str(source), "--port", str(port)],
                               stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()  # printed once the graph is loaded and the port bound
    assert "SPARQL endpoint" in line, line
    return process


def test_newskg_serve_command_on_a_store_directory(tmp_path):
    directory = tmp_path / "store"
    writer = GraphStore(directory)
    writer.update(sample_kg())
    del writer
    port = free_port()
    process = serve_cli(directory, port)
    try:
        response = requests.get(f"http://127.0.0.1:{port}/sparql", params={"query": SCO_MEMBERS}, timeout=30)
        assert response.json()["results"]["bindings"][0]["c"]["value"] == KAZAKHSTAN
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_an_unloadable_graph_stops_serve_with_one_line(tmp_path):
    broken = tmp_path / "graph.ttl"
    broken.write_text("this is not turtle")
    result = subprocess.run([sys.executable, "-m", "newskg", "serve", str(broken), "--port", str(free_port())],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr.startswith("newskg: error [E301]")
    assert result.stderr.count("\n") == 1


def test_seed_graph_sco_members_over_http_match_newskg_query(tmp_path):
    subprocess.run([sys.executable, "-m", "newskg", "build", str(REPO / "seeds"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    graph = tmp_path / "graph.ttl"
    query = sparql.example("members").text
    local = subprocess.run([sys.executable, "-m", "newskg", "query", str(graph), query, "--format", "csv"],
                           check=True, capture_output=True).stdout.decode()  # bytes: keep CSV's \r\n
    port = free_port()
    process = serve_cli(graph, port)
    try:
        over_http = requests.post(f"http://127.0.0.1:{port}/sparql", data={"query": query},
                                  headers={"Accept": "text/csv"}, timeout=30).text
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert over_http == local
    assert {"Kazakhstan", "India", "Pakistan"} <= {row["memberName"] for row in csv.DictReader(io.StringIO(local))}
