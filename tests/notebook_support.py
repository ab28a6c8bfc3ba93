"""Execute a notebook headless with the ipykernel of the running interpreter.

The kernel is always ipykernel's own ("native") kernel spec, whose argv is this process's
``sys.executable``: the venv that runs pytest also runs the notebook. No kernel spec has to be
installed (a fresh ``pip install -e .[dev]`` is enough), and a ``python3`` kernel spec in the
user's or the system's Jupyter folders, which may point at another Python, is never used.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from jupyter_client.kernelspec import NATIVE_KERNEL_NAME, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient


def native_kernel_manager() -> KernelManager:
    """A kernel manager for ipykernel's built-in spec, bound to ``sys.executable``."""
    specs = KernelSpecManager(kernel_dirs=[], ensure_native_kernel=True)
    return KernelManager(kernel_name=NATIVE_KERNEL_NAME, kernel_spec_manager=specs)


def read_notebook(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def execute_notebook(path: Path, *, timeout: int = 60) -> nbformat.NotebookNode:
    """Run every cell with the notebook's folder as working directory; return the executed copy.

    Cell errors are not raised: they stay in the outputs (``allow_errors``) so a test can
    report every failing cell at once. The kernel inherits ``os.environ``.
    """
    nb = read_notebook(path)
    client = NotebookClient(
        nb,
        km=native_kernel_manager(),
        timeout=timeout,
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def cell_errors(nb: nbformat.NotebookNode) -> list[str]:
    """'cell N: Ename: message' for every error output."""
    errors = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"cell {index}: {output['ename']}: {output['evalue']}")
    return errors


def cell_text(cell: nbformat.NotebookNode) -> str:
    """The plain-text form of a code cell's outputs (streams and text/plain results)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "\n".join(parts)


def cell_mimetypes(cell: nbformat.NotebookNode) -> set[str]:
    return {m for output in cell.get("outputs", []) for m in output.get("data", {})}
