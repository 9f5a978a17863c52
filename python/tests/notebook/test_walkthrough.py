"""The analyst notebook runs top to bottom against the seeded service, and git keeps it cleared.

The executed copy is saved under .data/notebooks/ for reading (its figures and tables); the
notebook's own cells assert its results, so any failing cell fails this test.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[3]
NOTEBOOK = REPO / "notebooks" / "analyst-walkthrough.ipynb"
OUT = REPO / ".data" / "notebooks"


def test_committed_notebook_has_no_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code cells"
    dirty = [i for i, c in enumerate(code) if c.outputs or c.execution_count is not None]
    assert not dirty, f"code cells {dirty} keep outputs: clear them before committing"


def this_python_kernel(root: Path) -> str:
    """A kernel spec for this interpreter (the venv with diplograph), found before any other:
    a "python3" kernel registered for the user could run another Python."""
    spec = root / "kernels" / "diplograph-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "diplograph", "language": "python"})
    )
    return spec.name


@pytest.mark.integration
def test_walkthrough_executes(service_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    kernel = this_python_kernel(tmp_path)
    monkeypatch.setenv("DIPLOGRAPH_URL", service_url)
    monkeypatch.setenv("DIPLOGRAPH_OUT", str(OUT))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name=kernel, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        client.execute()  # raises CellExecutionError on the first failing cell
    finally:
        nbformat.write(nb, OUT / "analyst-walkthrough.executed.ipynb")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert (OUT / "ukraine-gaza.gexf").stat().st_size > 0
    assert (OUT / "timeline.png").stat().st_size > 0
