"""Execute the example notebooks from the repository root; fail on the first error.

Run by ``.ci/run`` (needs the ``notebook`` extra): ``python docs/notebooks/execute.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Execute every notebook in this folder in a fresh kernel; return the exit status."""
    for path in sorted(HERE.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=300, kernel_name="python3")
        client.execute(cwd=str(HERE))
        ran = sum(1 for cell in notebook.cells if cell.cell_type == "code")
        sys.stdout.write(f"{path.name}: {ran} code cells executed\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
