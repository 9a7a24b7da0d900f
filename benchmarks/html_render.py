"""How fast graph.html opens and pans, by graph size, in headless Chromium.

    /work/venv/bin/python benchmarks/html_render.py [--sizes 100,1000,3000] [--threshold]

For synthetic graphs shaped like real builds (tests/test_browser.py:
synthetic_graph) it prints, per size: the Python cost of write_html and of
its layout, the page size, the time from navigation to a stable drawing
(measured by the page: physics done or precomputed layout drawn), and the
median time to draw one frame while the view pans. The 100-entity page is
the baseline the ratios are taken against.

--threshold also opens every size with physics forced on and with the
precomputed layout forced, the measurement behind PHYSICS_MAX_NODES, and
times networkx's forceatlas2_layout against spread_layout.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_browser import Chromium, chromium_binary, synthetic_graph  # noqa: E402

from newskg.exports import html as html_export  # noqa: E402

PAN = """new Promise((resolve) => {
  const net = window.newskg.network, frames = [];
  let start = 0;
  const before = () => { start = performance.now(); };
  const after = () => frames.push(performance.now() - start);
  net.on("beforeDrawing", before); net.on("afterDrawing", after);
  const view = net.getViewPosition(), scale = net.getScale();
  net.moveTo({position: {x: view.x + 400 / scale, y: view.y + 200 / scale},
              animation: {duration: 1500, easingFunction: "linear"}});
  setTimeout(() => {
    net.off("beforeDrawing", before); net.off("afterDrawing", after);
    frames.sort((a, b) => a - b);
    resolve({frames: frames.length, median: frames[Math.floor(frames.length / 2)] || 0});
  }, 1800);
})"""


def measure(chrome: Chromium, entities: int, folder: Path, physics_max: int | None = None) -> dict:
    """Write and open one page; ``physics_max`` overrides the threshold."""
    kg = synthetic_graph(entities)
    kg.nx  # noqa: B018 - build the NetworkX view outside the timing
    saved = html_export.PHYSICS_MAX_NODES
    if physics_max is not None:
        html_export.PHYSICS_MAX_NODES = physics_max
    try:
        path = folder / f"graph-{entities}-{physics_max}.html"
        started = time.perf_counter()
        summary = html_export.write_html(kg, path)
        python_s = time.perf_counter() - started
    finally:
        html_export.PHYSICS_MAX_NODES = saved
    layout_s = 0.0
    if summary.layout == "precomputed":
        edges = [(e["from"], e["to"]) for e in html_export.page_data(kg, list(kg.nx.nodes), "physics")["edges"]]
        started = time.perf_counter()
        html_export.spread_layout(summary.nodes_shown, edges)
        layout_s = time.perf_counter() - started
    chrome.requests.clear()
    chrome.errors.clear()
    stable_s = chrome.open(path, timeout=180)
    pan = chrome.evaluate(PAN)
    return {
        "entities": entities, "facts": summary.edges_shown, "layout": summary.layout,
        "python_s": python_s, "layout_s": layout_s, "page_mb": path.stat().st_size / 1e6,
        "stable_s": stable_s, "frame_ms": pan["median"], "frames": pan["frames"],
        "clean": not chrome.requests and not chrome.errors,
    }


def print_rows(rows: list[dict], baseline: dict) -> None:
    print(f"{'entities':>8} {'facts':>6} {'layout':>11} {'write_html':>10} {'of it layout':>12} {'page':>7} "
          f"{'stable':>8} {'x base':>7} {'frame':>8} {'offline':>7}")
    for r in rows:
        print(f"{r['entities']:>8,} {r['facts']:>6,} {r['layout']:>11} {r['python_s']:>9.2f}s {r['layout_s']:>11.2f}s "
              f"{r['page_mb']:>5.1f}MB {r['stable_s']:>7.2f}s {r['stable_s'] / baseline['stable_s']:>6.1f}x "
              f"{r['frame_ms']:>6.1f}ms {'yes' if r['clean'] else 'NO':>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,3000", help="entity counts (default: %(default)s)")
    parser.add_argument("--threshold", action="store_true",
                        help="also force physics / precomputed at every size, and time networkx's layout")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    binary = chromium_binary()
    if binary is None:
        print("Chromium not found (/usr/bin/chromium or `chromium` on PATH): nothing measured")
        return 1
    chrome = Chromium(binary)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            measure(chrome, 100, folder)  # warm-up: first page load pays for the browser's start
            print(f"default threshold: physics up to {html_export.PHYSICS_MAX_NODES} entities")
            rows = [measure(chrome, n, folder) for n in sizes]
            print_rows(rows, rows[0])
            if args.threshold:
                print("\nphysics forced on")
                forced = [measure(chrome, n, folder, physics_max=10**9) for n in sizes]
                print_rows(forced, rows[0])
                print("\nprecomputed layout forced")
                print_rows([measure(chrome, n, folder, physics_max=0) for n in sizes], rows[0])
                print("\nPython layout cost: networkx forceatlas2_layout (100 steps) vs spread_layout "
                      f"({html_export.LAYOUT_STEPS} steps)")
                for n in sizes:
                    graph = nx.Graph(synthetic_graph(n).nx)
                    index = {key: i for i, key in enumerate(graph)}
                    edges = [(index[a], index[b]) for a, b in graph.edges]
                    started = time.perf_counter()
                    html_export.spread_layout(n, edges)
                    ours = time.perf_counter() - started
                    if n <= 1000:
                        started = time.perf_counter()
                        nx.forceatlas2_layout(graph, max_iter=100, seed=1)
                        theirs = f"{time.perf_counter() - started:.2f}s"
                    else:
                        theirs = "(skipped: minutes)"
                    print(f"{n:>8,} entities: spread_layout {ours:.2f}s, forceatlas2_layout {theirs}")
    finally:
        chrome.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
