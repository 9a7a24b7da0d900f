"""notebooks/explore.ipynb runs top to bottom, offline, and shows what it
promises: central entities, communities, SPARQL answers and the page."""
from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_the_explore_notebook_runs_top_to_bottom():
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install nbformat)")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install nbclient ipykernel)")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed: nbclient needs a Python kernel")
    page = NOTEBOOK.parent / "out" / "graph.html"
    page.unlink(missing_ok=True)  # a page left by an earlier run proves nothing
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    text = "\n".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                     for output in cell.outputs)
    assert "most connected (degree centrality)" in text and "community 1" in text
    assert "country:kazakhstan" in text and "Xi Jinping" in text  # SCO members, leaders
    assert "Belarus is set to formally join the SCO" in text  # the evidence sentence behind a fact
    frames = [output["data"]["text/html"] for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.outputs if "text/html" in output.get("data", {})]
    assert frames and "<iframe" in frames[-1] and "graph.html" in frames[-1]
    assert page.is_file()
