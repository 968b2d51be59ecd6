"""The course's Jupyter kernel: ipykernel, without its "running over TCP without encryption" line.

ipykernel 7 logs that WARNING at every kernel start (eleven times while a student opens the ten
notebooks). The kernel listens on 127.0.0.1 only, so on a student's own machine the line only
alarms; every other kernel message is kept. (ipykernel is pinned below 7 for now, see
pyproject.toml: 6.x does not print the line, and this kernel keeps it away once the pin goes.)
``make lab`` and ``tools/setup_course.py`` install this as the venv's ``python3`` kernel::

    python -m retention_kit._kernel --install     # writes <venv>/share/jupyter/kernels/python3
    python -m retention_kit._kernel -f conn.json  # what Jupyter runs for each kernel
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

_TCP_WARNING = "Kernel is running over TCP without encryption"


class _NoTcpWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _TCP_WARNING not in record.getMessage()


def install_kernelspec(prefix: str | Path | None = None, name: str = "python3") -> Path:
    """Write the kernelspec running this module into ``prefix`` (default: this venv)."""
    folder = Path(prefix or sys.prefix) / "share" / "jupyter" / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "retention_kit._kernel", "-f", "{connection_file}"],
        "display_name": "Python 3 (retention_kit)",
        "language": "python",
        "metadata": {"debugger": True},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--install"]:
        print(f"kernel installed in {install_kernelspec()}")
        return
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.log.addFilter(_NoTcpWarning())
    app.initialize(argv)
    app.start()


if __name__ == "__main__":
    main()
