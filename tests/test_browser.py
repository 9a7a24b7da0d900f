"""graph.html in a real browser: headless Chromium, network cut off, driven
over the DevTools protocol on a pipe (stdlib only, no websocket library).

Checks what a reader would see: every entity and fact drawn, no request
leaving the machine, no console error, search / filter / hover / click
working; a screenshot of each page is saved in the test's tmp dir.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import random
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from newskg.exports import html as html_export
from newskg.exports.html import write_html
from newskg.graph.knowledge_graph import KnowledgeGraph
from newskg.model import Article, Entity, EntityType, Evidence, Fact, Relation

CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
    # anything that still tries to go out meets a closed local port
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
]
WINDOW = (1400, 900)


def chromium_binary() -> str | None:
    """Debian's chromium, or any ``chromium`` on PATH."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


class Chromium:
    """One headless Chromium and one tab, spoken to in DevTools protocol
    messages over fds 3 and 4 (``--remote-debugging-pipe``).

    Every request the tab makes to anything but ``file:``/``data:`` is
    recorded in ``requests``; console errors, uncaught exceptions and error
    log entries in ``errors``.
    """

    def __init__(self, binary: str, window: tuple[int, int] = WINDOW):
        self.profile = tempfile.mkdtemp(prefix="newskg-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def as_fd_3_and_4() -> None:  # runs in the child, before exec
            # via fds >= 10 first, as a pipe end may itself be fd 3 or 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_read, from_browser_write)]
            for target, fd in zip((3, 4), high):
                os.dup2(fd, target)
                os.close(fd)

        self.process = subprocess.Popen(
            [binary, *CHROME_FLAGS, "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             f"--window-size={window[0]},{window[1]}", "about:blank"],
            preexec_fn=as_fd_3_and_4, close_fds=False,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._next_id = 0
        self._replies: dict[int, queue.Queue] = {}
        self._lock = threading.Lock()
        self.requests: list[str] = []
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.send(method, session=True)
        self.send("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1,
        }, session=True)
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": window[0], "height": window[1], "deviceScaleFactor": 1, "mobile": False,
        }, session=True)

    # ---- protocol ----------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: bool = False, timeout: float = 60) -> dict:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            self._replies[ident] = queue.Queue(maxsize=1)
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        try:
            reply = self._replies[ident].get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"Chromium did not answer {method} within {timeout} s") from None
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser, 1 << 20):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message and message["id"] in self._replies:
                    self._replies[message["id"]].put(message)
                else:
                    self._event(message.get("method", ""), message.get("params", {}))

    def _event(self, method: str, params: dict) -> None:
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(("file:", "data:", "about:", "blob:")):
                self.requests.append(url)
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(params["entry"]["text"])

    # ---- what the tests use ------------------------------------------------
    def open(self, path: Path, timeout: float = 60) -> float:
        """Load ``path`` and wait for the page to report a stable drawing;
        returns the page's time to stable drawing in seconds."""
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            stable = self.evaluate("window.newskg && window.newskg.stableMs")
            if stable:
                return stable / 1000
            time.sleep(0.05)
        raise TimeoutError(f"{path} did not reach a stable drawing within {timeout} s; errors: {self.errors}")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True,
        }, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def mouse_move(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y}, session=True)

    def screenshot(self, path: Path) -> Path:
        png = self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.write_bytes(base64.b64decode(png))
        return path

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (TimeoutError, RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        shutil.rmtree(self.profile, ignore_errors=True)


#: The drawn graph as the renderer holds it: ids it draws and their positions.
DRAWN = """(() => {
  const net = window.newskg.network;
  const nodes = net.body.nodeIndices, edges = net.body.edgeIndices;
  const pos = net.getPositions(nodes);
  return {nodes: nodes.length, edges: edges.length,
          placed: nodes.filter(id => isFinite(pos[id].x) && isFinite(pos[id].y)).length,
          layout: window.newskg.layout};
})()"""


# ---- graphs -------------------------------------------------------------------
def synthetic_graph(entities: int, seed: int = 1) -> KnowledgeGraph:
    """A graph shaped like a real build: a few countries and organisations
    as hubs, many people and cities around them, one to three sentences of
    evidence per fact, some of them awkward (quotes, ``<``, ``&``)."""
    rng = random.Random(seed)
    shares = [(EntityType.COUNTRY, 0.08), (EntityType.ORGANIZATION, 0.17), (EntityType.CITY, 0.15),
              (EntityType.LOCATION, 0.05), (EntityType.PERSON, 0.55)]
    people, places, hubs = [], [], []
    entities_by_key: dict[str, Entity] = {}
    for kind, share in shares:
        for i in range(max(1, round(entities * share))):
            if len(entities_by_key) == entities:
                break
            key = f"{kind.value.lower()}/{kind.value.lower()}-{i}"
            entities_by_key[key] = Entity(key, f"{kind.value} {i}", kind, aliases=(f"{kind.value[:3]}{i}",),
                                          qid=f"Q{1000 + len(entities_by_key)}" if i % 3 == 0 else None)
            (people if kind is EntityType.PERSON else hubs if kind in (EntityType.COUNTRY, EntityType.ORGANIZATION)
             else places).append(key)
    articles = {f"a{i}": Article(f"a{i}", f"articles/{i}.txt", "", title=f"Story {i}: \"talks\" & <summit>",
                                 outlet="Wire", published=f"2024-07-{1 + i % 28:02d}")
                for i in range(max(2, entities // 10))}
    article_ids = list(articles)

    def fact(subject: str, relation: Relation, obj: str) -> list[Fact]:
        return [Fact(subject, relation, obj,
                     Evidence(rng.choice(article_ids), f"{entities_by_key[subject].label} said \"{relation.value}\" "
                              f"of {entities_by_key[obj].label} <b>& more</b> — sentence {n}.", 0, 10),
                     "synthetic.v1", rng.choice([0.4, 0.7, 0.9, 0.95]))
                for n in range(rng.randint(1, 3))]

    def hub() -> str:  # preferential: the first hubs get most ties
        return hubs[min(int(rng.expovariate(4 / len(hubs))), len(hubs) - 1)]

    facts: list[Fact] = []
    for key in hubs:
        for relation in rng.sample([Relation.MEMBER_OF, Relation.PARTNER_OF, Relation.JOINING], 2):
            other = hub()
            if other != key:
                facts += fact(key, relation, other)
    for key in people:
        facts += fact(key, rng.choice([Relation.LEADER_OF, Relation.AFFILIATED_WITH]), hub())
        if rng.random() < 0.4:
            facts += fact(key, Relation.MET_WITH, rng.choice(people))
    for key in places:
        facts += fact(key, Relation.LOCATED_IN, hub())
    facts = [f for f in facts if f.subject != f.object]
    return KnowledgeGraph(articles, entities_by_key, facts)


@pytest.fixture(scope="module")
def browser():
    binary = chromium_binary()
    if binary is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or `chromium` on PATH); "
                    "install Debian's chromium to run the browser tests")
    chrome = Chromium(binary)
    yield chrome
    chrome.close()


@pytest.fixture()
def clean(browser):
    """The browser with this test's requests and errors only."""
    browser.requests.clear()
    browser.errors.clear()
    return browser


def _assert_drawn_offline(chrome: Chromium, summary) -> dict:
    drawn = chrome.evaluate(DRAWN)
    assert drawn == {"nodes": summary.nodes_shown, "edges": summary.edges_shown,
                     "placed": summary.nodes_shown, "layout": summary.layout}
    assert chrome.requests == []
    assert chrome.errors == []
    return drawn


def test_seed_like_page_draws_every_entity_and_fact_offline(clean, tmp_path):
    from test_html import seed_like_graph

    kg = seed_like_graph()
    summary = write_html(kg, tmp_path / "graph.html")
    assert summary.layout == "physics"
    clean.open(tmp_path / "graph.html")
    _assert_drawn_offline(clean, summary)
    assert clean.screenshot(tmp_path / "seeds.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_large_page_uses_the_precomputed_layout_and_draws_everything(clean, tmp_path):
    kg = synthetic_graph(html_export.PHYSICS_MAX_NODES + 200)
    summary = write_html(kg, tmp_path / "graph.html")
    assert summary.layout == "precomputed"
    clean.open(tmp_path / "graph.html")
    _assert_drawn_offline(clean, summary)
    clean.screenshot(tmp_path / "large.png")


def test_search_filters_hover_and_click_work(clean, tmp_path):
    from test_html import NASTY_SENTENCE, seed_like_graph

    kg = seed_like_graph()
    summary = write_html(kg, tmp_path / "graph.html")
    clean.open(tmp_path / "graph.html")

    # search jumps to the entity, selects it and opens its panel
    picked = clean.evaluate("""(() => {
      const box = document.getElementById('search');
      box.value = 'putin';
      document.getElementById('search-form').requestSubmit();
      const net = window.newskg.network;
      const panel = document.getElementById('details');
      const wikidata = panel.querySelector('a[href^="https://www.wikidata.org/wiki/"]');
      return {selected: net.getSelectedNodes().map(id => net.body.data.nodes.get(id).label),
              panel: !panel.hidden && panel.textContent, wikidata: wikidata && wikidata.href};
    })()""")
    assert picked["selected"] == ["Vladimir Putin"]
    assert "Vladimir Putin" in picked["panel"] and "leader of" in picked["panel"]
    assert picked["wikidata"] == "https://www.wikidata.org/wiki/Q7747"

    # the nasty sentence is shown as text in Erdogan's panel, not run as HTML
    shown = clean.evaluate("""(() => {
      document.getElementById('search').value = 'Erdogan';
      document.getElementById('search-form').requestSubmit();
      const panel = document.getElementById('details');
      return {text: panel.textContent, injected: panel.querySelectorAll('script, b, img').length};
    })()""")
    assert NASTY_SENTENCE in shown["text"]
    assert shown["injected"] == 0

    # unticking a type hides its entities and their facts
    persons = sum(e.type is EntityType.PERSON for e in kg.entities.values())
    after = clean.evaluate("""(() => {
      const row = [...document.querySelectorAll('#type-filter label')].find(l => l.textContent.includes('Person'));
      row.querySelector('input').click();
      const net = window.newskg.network;
      return {nodes: net.body.nodeIndices.length, edges: net.body.edgeIndices.length};
    })()""")
    assert after["nodes"] == summary.nodes_shown - persons
    assert after["edges"] < summary.edges_shown
    clean.evaluate("document.getElementById('reset').click()")
    time.sleep(0.6)  # the zoom back to the whole graph is animated

    # hovering a line shows its relation and evidence
    point = clean.evaluate("""(() => {
      const net = window.newskg.network;
      net.unselectAll();
      const edge = net.body.data.edges.get().find(e => e.label.startsWith('not member of'));
      const a = net.getPosition(edge.from), b = net.getPosition(edge.to);
      const box = document.getElementById('graph').getBoundingClientRect();
      for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {  // a point of the line that nothing else covers
        const p = net.canvasToDOM({x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)});
        if (net.getEdgeAt(p) === edge.id && net.getNodeAt(p) === undefined) return {x: p.x + box.left, y: p.y + box.top};
      }
      return null;
    })()""")
    assert point, "no free point on the not-member-of line"
    clean.mouse_move(point["x"] + 1, point["y"] + 1)
    clean.mouse_move(point["x"], point["y"])
    time.sleep(0.5)
    tip = clean.evaluate("(() => { const t = document.getElementById('tooltip'); return !t.hidden && t.textContent; })()")
    clean.screenshot(tmp_path / "hover.png")
    assert tip and "not member of" in tip and "Turkmenistan is not a member of the SCO" in tip
    assert "confidence" in tip and "Putin, Xi vie for influence" in tip
    assert clean.requests == [] and clean.errors == []
