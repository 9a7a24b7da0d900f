"""A read-only SPARQL 1.1 Protocol endpoint over a graph file or store.

``/sparql`` answers GET ``?query=``, POST ``application/sparql-query`` and
POST form-encoded ``query=``, in the format the ``Accept`` header asks for
(SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML for
CONSTRUCT/DESCRIBE). ``/`` is a small offline page to type queries.

Limits, so one careless query cannot take the machine:

* updates (``update=`` or ``application/sparql-update``) -> 403, and so are
  federated ``SERVICE`` calls, which would make the server fetch other URLs;
* a query over ``max_query_bytes`` (100 kB) -> 413;
* a query running past ``timeout`` seconds (30) -> 503. pyoxigraph cannot
  interrupt a running query, so queries run in worker processes that each
  hold the graph (a store is opened read-only, a file loaded into memory):
  at the deadline the worker is killed and a fresh one started in the
  background. Requests wait for a free worker within the same deadline.

Built on the standard library's ThreadingHTTPServer: the endpoint is for
one user or a small team on a trusted network, not the open internet.
"""
from __future__ import annotations

import html
import json
import multiprocessing
import queue
import re
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from newskg.errors import GraphFileError

MAX_QUERY_BYTES = 100_000
DEFAULT_TIMEOUT = 30.0

#: Accepted media types -> pyoxigraph format names, the first one the default.
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
}


@dataclass(frozen=True)
class Answer:
    """What the endpoint sends back for one query."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode())


# ---- worker processes ------------------------------------------------------

def _worker_main(source: str, connection) -> None:
    """Hold the graph, answer queries until the pipe closes."""
    from newskg import sparql
    from newskg.errors import NewskgError

    try:
        store = sparql.open_graph(source)
        base = sparql.graph_base(store)
    except NewskgError as exc:
        connection.send(("failed", str(exc.message)))
        return
    connection.send(("ready", ""))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        connection.send(_answer(store, base, *request))


def _answer(store, base: str, query: str, accept: str, default_graphs: list[str], named_graphs: list[str]) -> Answer:
    import pyoxigraph as ox

    from newskg import sparql
    from newskg.errors import QueryError

    options = {}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = sparql.run_query(store, query, base, **options)
        if isinstance(result, ox.QueryTriples):
            media_type = negotiate(accept, GRAPH_TYPES)
            if media_type is None:
                return Answer.error(406, f"a graph result can be sent as {', '.join(GRAPH_TYPES)}")
            fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media_type])
            body = sparql.serialize_graph(result, fmt, base)
        else:
            media_type = negotiate(accept, RESULT_TYPES)
            if media_type is None:
                return Answer.error(406, f"query results can be sent as {', '.join(RESULT_TYPES)}")
            body = result.serialize(format=getattr(ox.QueryResultsFormat, RESULT_TYPES[media_type]))
    except (QueryError, ValueError, OSError) as exc:
        return Answer.error(400, getattr(exc, "message", str(exc)))
    return Answer(200, f"{media_type}; charset=utf-8", body)


def negotiate(accept: str, offered: dict[str, str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (the first
    offered when it names none or says ``*/*``), or None if it allows none."""
    if not accept.strip():
        return next(iter(offered))
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        quality = next((float(p[2:]) for p in params if re.fullmatch(r"q=[0-9.]+", p)), 1.0)
        if quality > 0:
            ranked.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranked):
        if media in offered:
            return media
        if media == "*/*":
            return next(iter(offered))
        if media.endswith("/*"):
            match = next((m for m in offered if m.startswith(media[:-1])), None)
            if match:
                return match
    return None


class QueryWorkers:
    """A pool of worker processes, each with its own copy of the graph."""

    def __init__(self, source: str, workers: int = 2, timeout: float = DEFAULT_TIMEOUT):
        self.source, self.timeout = source, timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue = queue.Queue()
        self._closed = False
        for process, connection in [self._spawn() for _ in range(max(1, workers))]:
            self._wait_ready(process, connection)
            self._idle.put((process, connection))

    def _spawn(self):
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(self.source, child_end), daemon=True)
        process.start()
        child_end.close()
        return process, parent_end

    def _wait_ready(self, process, connection) -> None:
        try:
            state, message = connection.recv()
        except EOFError:
            state, message = "failed", f"the query worker for {self.source} stopped while loading it"
        if state != "ready":
            process.join()
            self.close()
            raise GraphFileError(message)

    def _replace(self) -> None:
        """Start a worker in the background to take a killed one's place."""
        def start():
            process, connection = self._spawn()
            try:
                self._wait_ready(process, connection)
            except GraphFileError as exc:  # the graph changed under us: say so, serve with fewer workers
                print(f"newskg serve: cannot restart a query worker: {exc.message}", file=sys.stderr)
                return
            if self._closed:
                process.kill()
            else:
                self._idle.put((process, connection))

        threading.Thread(target=start, daemon=True).start()

    def _discard(self, process) -> None:
        process.kill()
        process.join()
        self._replace()

    def run(self, query: str, accept: str = "", default_graphs=(), named_graphs=()) -> Answer:
        deadline = time.monotonic() + self.timeout
        try:
            process, connection = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.error(503, f"every query worker stayed busy for {self.timeout:g} s; try again later")
        try:
            connection.send((query, accept, list(default_graphs), list(named_graphs)))
            if connection.poll(max(0.0, deadline - time.monotonic())):
                answer = connection.recv()
                self._idle.put((process, connection))
                return answer
        except (EOFError, OSError):
            self._discard(process)
            return Answer.error(500, "the query worker died while answering; it is being restarted")
        self._discard(process)
        return Answer.error(503, f"the query ran past the {self.timeout:g} s time limit and was stopped")

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                process, connection = self._idle.get_nowait()
            except queue.Empty:
                return
            connection.close()
            process.kill()
            process.join()


# ---- HTTP --------------------------------------------------------------------

SERVICE_CALL = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def _without_strings_and_comments(query: str) -> str:
    return re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|<[^<>\s]*>|#[^\n]*',
                  " ", query)


class EndpointServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, workers: QueryWorkers, max_query_bytes: int = MAX_QUERY_BYTES):
        super().__init__(address, EndpointHandler)
        self.workers, self.max_query_bytes = workers, max_query_bytes

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.workers.close()


class EndpointHandler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = "newskg-sparql/0.1"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            return self._send(Answer(200, "text/html; charset=utf-8", query_page().encode()))
        if url.path != "/sparql":
            return self._send(Answer.error(404, "not found: the endpoint is /sparql, the query page /"))
        if len(url.query) > self.server.max_query_bytes:
            return self._send(self._too_large())
        self._dispatch(parse_qs(url.query))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(Answer.error(404, "not found: the endpoint is /sparql"))
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.server.max_query_bytes:
            self.close_connection = True  # the unread body must not be parsed as a next request
            return self._send(self._too_large())
        body = self.rfile.read(length).decode("utf-8", "replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if content_type == "application/sparql-update":
            return self._send(_READ_ONLY)
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/x-www-form-urlencoded":
            params |= parse_qs(body)
        else:
            return self._send(Answer.error(415, "POST a query as application/sparql-query or form-encoded query="))
        self._dispatch(params)

    def do_PUT(self) -> None:
        self._send(_READ_ONLY)

    do_DELETE = do_PATCH = do_PUT

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._send(_READ_ONLY)
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(Answer.error(400, "give exactly one SPARQL query in the query parameter"))
        query = queries[0]
        if len(query.encode()) > self.server.max_query_bytes:
            return self._send(self._too_large())
        if SERVICE_CALL.search(_without_strings_and_comments(query)):
            return self._send(Answer.error(403, "SERVICE (federated query) is disabled: this endpoint fetches no other URL"))
        self._send(self.server.workers.run(query, self.headers.get("Accept", ""),
                                           params.get("default-graph-uri", []), params.get("named-graph-uri", [])))

    def _too_large(self) -> Answer:
        return Answer.error(413, f"the query is larger than {self.server.max_query_bytes} bytes")

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(answer.body)


_READ_ONLY = Answer.error(403, "this endpoint is read-only: SPARQL updates are refused")


def make_server(source: str, host: str = "127.0.0.1", port: int = 7878, workers: int = 2,
                timeout: float = DEFAULT_TIMEOUT, max_query_bytes: int = MAX_QUERY_BYTES) -> EndpointServer:
    """Load ``source`` into the workers and bind; call ``serve_forever()``.

    The workers are started with multiprocessing's "spawn", so a script that
    calls this must do so under ``if __name__ == "__main__":``.
    """
    pool = QueryWorkers(str(source), workers, timeout)
    try:
        return EndpointServer((host, port), pool, max_query_bytes)
    except OSError as exc:
        pool.close()
        raise GraphFileError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def query_page() -> str:
    """The page at ``/``: a query box, the example queries, a result table.
    Everything inline, so it works with no network."""
    from newskg.sparql import examples, prefixes

    shipped = {e.name: {"title": e.title, "text": e.text} for e in examples().values()}
    options = "".join(f'<option value="{html.escape(n)}">{html.escape(e["title"])}</option>' for n, e in shipped.items())
    options = options.replace("<option ", "<option selected ", 1)
    first = next(iter(shipped.values()))["text"] if shipped else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    return (_PAGE.replace("{options}", options)
            .replace("{examples}", json.dumps(shipped).replace("</", "<\\/"))
            .replace("{prefixes}", json.dumps(prefixes()))
            .replace("{first}", html.escape(first)))


_PAGE = r"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newskg SPARQL</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
textarea{width:100%;height:16em;font:13px/1.4 ui-monospace,monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}#status{margin-left:1em;color:#555}pre{background:#f7f7f7;padding:1em;overflow:auto}
</style></head><body>
<h1>newskg SPARQL</h1>
<p>Query the graph; prefixes such as <code>nkg:</code>, <code>rdfs:</code>, <code>country:</code> are predeclared.
Machines: <code>GET /sparql?query=…</code> or <code>POST /sparql</code>.</p>
<label>Example: <select id="example">{options}</select></label>
<form id="form"><textarea id="query" name="query" spellcheck="false">{first}</textarea>
<button type="submit">Run</button><span id="status"></span></form>
<div id="result"></div>
<script>
const examples = {examples}, prefixes = {prefixes};
const $ = id => document.getElementById(id);
$("example").onchange = e => { if (examples[e.target.value]) $("query").value = examples[e.target.value].text; };
function cell(term) {
  if (!term) return "";
  if (term.type !== "uri") return term.value;
  for (const [prefix, iri] of Object.entries(prefixes))
    if (term.value.startsWith(iri) && /^[\w.-]*$/.test(term.value.slice(iri.length))) return prefix + ":" + term.value.slice(iri.length);
  return "<" + term.value + ">";
}
$("form").onsubmit = async e => {
  e.preventDefault();
  const started = performance.now(), out = $("result");
  $("status").textContent = "running…"; out.textContent = "";
  const response = await fetch("/sparql", {method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded",
              "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    body: new URLSearchParams({query: $("query").value})});
  const text = await response.text(), type = response.headers.get("Content-Type") || "";
  $("status").textContent = response.status + " · " + Math.round(performance.now() - started) + " ms";
  if (!response.ok || !type.includes("json")) {
    const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) { out.textContent = data.boolean ? "yes" : "no"; return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const row of data.results.bindings) {
    const tr = table.insertRow();
    for (const v of data.head.vars) tr.insertCell().textContent = cell(row[v]);
  }
  $("status").textContent += " · " + data.results.bindings.length + " rows";
  out.appendChild(table);
};
</script></body></html>
"""
