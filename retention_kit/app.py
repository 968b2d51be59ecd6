"""Workshop app mode: the interactive notebooks as dashboards, sliders without code (Voila).

A trainer projects the sliders and charts; the code cells are hidden (Voila strips the cell
sources by default, and we pass ``--strip_sources=True`` explicitly), the markdown stays::

    retention-kit app                  # every notebook with a widget app, http://127.0.0.1:8866
    retention-kit app --port 9000 --no-browser
    python -m retention_kit.app 01 06  # only these notebooks (by number, name or path)

One notebook is served on its own (the page *is* that notebook); several are listed on a start
page, and each opens at ``/voila/render/<name>.ipynb``. Every page opened runs its notebook in a
fresh kernel. The server listens on 127.0.0.1 only and asks for a token (printed, and put in the
URL opened for you); stop it with Ctrl+C. See docs/app_mode.md.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InvalidParameterError

__all__ = [
    "APP_SENTENCES",
    "AppServer",
    "NO_TOKEN_WARNING",
    "check_address",
    "is_loopback",
    "describe_app",
    "write_voila_template",
    "fix_async_shell_poll",
    "free_port",
    "interactive_notebooks",
    "main",
    "resolve_notebooks",
    "run_voila",
    "serve",
    "start",
    "voila_command",
]

#: The course notebooks (a source checkout); the folder is also looked for in the current
#: directory, so ``retention-kit app`` works from a copy of the course.
NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"

# A code cell that builds one of the kit's apps: ``rk.widgets.crr_calculator()``,
# ``widgets.cohort_explorer(...)``, ``from retention_kit.widgets import ...``.
_WIDGET_CALL = re.compile(r"\bwidgets\.[a-z_]+\s*\(|from\s+retention_kit\.widgets[\w.]*\s+import")


def _default_dir() -> Path:
    from .course import course_root

    for folder in (NOTEBOOK_DIR, Path.cwd() / "notebooks", course_root() / "notebooks"):
        if folder.is_dir():
            return folder
    return NOTEBOOK_DIR


def interactive_notebooks(directory: str | Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) in ``directory`` that display a widget app.

    A notebook counts when one of its code cells calls ``<...>widgets.<app>(...)`` (for example
    ``rk.widgets.crr_calculator()``) or imports from ``retention_kit.widgets``.
    """
    import nbformat

    folder = Path(directory) if directory is not None else _default_dir()
    found = []
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if any(c.cell_type == "code" and _WIDGET_CALL.search(c.source) for c in nb.cells):
            found.append(path)
    return found


def resolve_notebooks(
    notebooks: Sequence[str | Path] | str | Path | None = None,
    directory: str | Path | None = None,
) -> list[Path]:
    """Turn ``notebooks`` into existing notebook paths, all in one folder.

    Each item is a path, a file name, a name without ``.ipynb`` or the notebook's number
    (``"01"`` finds ``01_customer_retention_rate.ipynb``). ``None`` means every interactive
    notebook (:func:`interactive_notebooks`).
    """
    # resolved: the server runs in the notebooks' folder, where a relative path means another
    folder = (Path(directory) if directory is not None else _default_dir()).resolve()
    if notebooks is None:
        paths = interactive_notebooks(folder)
        if not paths:
            raise InvalidParameterError(
                f"no notebook with a widget app found in {folder}; run this from the course "
                "folder (the one holding notebooks/) or name the notebooks to serve."
            )
        return paths
    if isinstance(notebooks, (str, Path)):
        notebooks = [notebooks]
    paths = []
    for item in notebooks:
        path = Path(item)
        if path.suffix == ".ipynb" and path.exists():
            paths.append(path.resolve())
            continue
        stem = path.name.removesuffix(".ipynb")
        matches = sorted(folder.glob(f"{stem}.ipynb")) or sorted(folder.glob(f"{stem}_*.ipynb"))
        if len(matches) != 1:
            names = ", ".join(p.name for p in sorted(folder.glob("*.ipynb"))) or "none"
            raise InvalidParameterError(
                f"notebook {str(item)!r}: {'several match' if matches else 'not found'} in "
                f"{folder}; give a number such as '01', a name or a path (available: {names})."
            )
        paths.append(matches[0].resolve())
    if len({p.parent for p in paths}) > 1:
        raise InvalidParameterError(
            "the notebooks to serve must be in one folder; got " + ", ".join(str(p) for p in paths)
        )
    return paths


#: One sentence per app, on the landing page (keyed by the widget the notebook builds).
APP_SENTENCES = {
    "crr_calculator": "Move S, N and L and watch E, CRR = (E - N) / S and churn change.",
    "retention_profit_explorer": "See how a few points of retention change lifetime value and "
    "profit.",
    "period_explorer": "Count S, N, L and E per period from a raw order log and get CRR for each.",
    "cohort_explorer": "Group customers by first-purchase month and read the retention triangle.",
    "day_n_explorer": "Follow the share of users coming back on day 1, 7, 30 after sign-up.",
    "benchmark_explorer": "Compare a retention rate with the industry figures quoted in the "
    "sources.",
    "rfm_explorer": "Split customers into RFM segments by recency, frequency and money.",
    "email_explorer": "Compute open, click and unsubscribe rates of email campaigns.",
    "nps_explorer": "Turn 0-10 survey answers into promoters, detractors and NPS.",
}
IP_HELP = (
    "address to listen on (default 127.0.0.1: this machine only; e.g. 0.0.0.0 to let the "
    "room's devices in, which needs a token)"
)
LANDING_TITLE = "Retention kit: the course apps"
LANDING_INTRO = (
    "Each page below is one notebook of the course run as an app: the code is hidden, move the "
    "sliders and the figures follow."
)
#: The same texts for the Russian edition (a folder whose notebooks call set_language("ru")).
APP_SENTENCES_RU = {
    "crr_calculator": "Двигайте S, N и L и смотрите, как меняются E, CRR = (E - N) / S и отток.",
    "retention_profit_explorer": "Посмотрите, как несколько пунктов удержания меняют LTV и "
    "прибыль.",
    "period_explorer": "Посчитайте S, N, L и E по периодам прямо из журнала заказов и получите "
    "CRR каждого периода.",
    "cohort_explorer": "Сгруппируйте клиентов по месяцу первой покупки и прочитайте треугольник "
    "удержания.",
    "day_n_explorer": "Проследите, какая доля пользователей возвращается на 1-й, 7-й и 30-й день "
    "после регистрации.",
    "benchmark_explorer": "Сравните свой коэффициент удержания с отраслевыми цифрами из "
    "статей-источников.",
    "rfm_explorer": "Разбейте клиентов на RFM-сегменты по давности, частоте и сумме покупок.",
    "email_explorer": "Посчитайте открываемость, кликабельность и долю отписок в email-рассылках.",
    "nps_explorer": "Превратите ответы опроса по шкале 0-10 в промоутеров, критиков и NPS.",
}
LANDING_TITLE_RU = "Retention kit: приложения курса"
LANDING_INTRO_RU = (
    "Каждая страница ниже — блокнот курса в виде приложения: код скрыт, двигайте ползунки, "
    "и цифры пересчитываются."
)
_LANDING = {
    "en": (LANDING_TITLE, LANDING_INTRO, APP_SENTENCES, "An interactive page of the course."),
    "ru": (LANDING_TITLE_RU, LANDING_INTRO_RU, APP_SENTENCES_RU, "Интерактивная страница курса."),
}
TEMPLATE_NAME = "retention_kit"


def edition_language(notebooks: Sequence[Path]) -> str:
    """``"ru"`` when the served notebooks are the Russian edition (they call
    ``set_language("ru")``), ``"en"`` otherwise: the landing page speaks the course's language."""
    import nbformat

    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        if re.search(r"set_language\(\s*[\"']ru[\"']\s*\)", code):
            return "ru"
    return "en"


def describe_app(path: Path, *, language: str = "en") -> tuple[str, str]:
    """The title (first heading) and the one-sentence description of an app notebook, in
    ``language`` (``"en"`` or ``"ru"``)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    title = path.stem
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    title = line.lstrip("#").strip()
                    break
            break
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    names = re.findall(r"\bwidgets\.([a-z_]+)\s*\(", source)
    _, _, texts, fallback = _LANDING[language]
    sentences = [texts[n] for n in dict.fromkeys(names) if n in texts]
    return title, " ".join(sentences) or fallback


def write_voila_template(folder: Path, notebooks: Sequence[Path]) -> Path:
    """Write the app mode's Voila template into ``folder`` (a Jupyter data dir); return it.

    It extends Voila's ``lab`` template with (1) a titled landing page, one sentence per app,
    instead of the bare "Select items to open" list, and (2) notebook pages without Voila's
    Font Awesome stylesheets from a CDN (an offline room has none; the apps use no icons).
    """
    import html

    root = Path(folder) / "voila" / "templates" / TEMPLATE_NAME
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.json").write_text('{"base_template": "lab"}\n', encoding="utf-8")
    language = edition_language(notebooks)
    landing_title, landing_intro = _LANDING[language][:2]
    items = []
    for path in notebooks:
        title, sentence = describe_app(path, language=language)
        href = "{{ base_url }}voila/render/" + html.escape(path.name, quote=True) + "?{{ query }}"
        items.append(
            f'      <li><a href="{href}">{html.escape(title)}</a>'
            f'<p class="rk-app-text">{html.escape(sentence)}</p></li>'
        )
    # A page of its own: Voila's page.html links a Font Awesome stylesheet from a CDN.
    (root / "tree.html").write_text(
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{language}">',
                '<head><meta charset="utf-8">',
                # no /favicon.ico request (a 404 in the browser console); Voila's pages do the same
                '<link rel="icon" href="data:;base64,=">',
                f"<title>{html.escape(landing_title)}</title>",
                "<style>body { font-family: sans-serif; max-width: 48em; margin: 2em auto;"
                " padding: 0 1em; color: #222; } ul { list-style: none; padding: 0; }"
                " li { margin: 1em 0; } a { font-size: 1.15em; } p { margin: 0.2em 0; }</style>",
                "</head>",
                '<body><div id="voila-tree-main">',
                f"  <h1>{html.escape(landing_title)}</h1>",
                f"  <p>{html.escape(landing_intro)}</p>",
                '  <ul class="rk-apps">',
                *items,
                "  </ul>",
                "</div></body>",
                "</html>",
                "",
            ]
        ),
        encoding="utf-8",
    )
    lab_index = _voila_template_file("lab", "index.html.j2")
    text = lab_index.read_text(encoding="utf-8") if lab_index else ""
    # Voila's lab template: the same page without the two Font Awesome <link>s from the CDN.
    text = re.sub(r'\s*<link rel="stylesheet" href="https://cdn[^"]*fontawesome[^>]*>', "", text)
    if text:
        (root / "index.html.j2").write_text(text, encoding="utf-8")
    return root


def _voila_template_file(template: str, name: str) -> Path | None:
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("voila", "templates", template):
        if (Path(base) / name).is_file():
            return Path(base) / name
    return None


def voila_command(
    notebooks: Sequence[Path],
    port: int,
    token: str = "",
    ip: str = "127.0.0.1",
    show_tracebacks: bool = True,
) -> list[str]:
    """The command line running Voila (:func:`run_voila`) on ``notebooks`` (resolved paths).

    One notebook: served at ``/``. Several: their folder is served (a start page at ``/``,
    notebooks at ``/voila/render/<name>``) and the folder's other notebooks are left off the
    start page. Code cells are hidden; the server does not open a browser itself.
    """
    if not notebooks:
        raise InvalidParameterError("no notebook to serve")
    cmd = [
        sys.executable,
        "-c",
        "from retention_kit.app import run_voila; run_voila()",
        "--no-browser",
        f"--Voila.ip={ip}",
        f"--port={port}",
        "--Voila.port_retries=0",  # fail on a busy port rather than move to a random one
        f"--token={token}",
        "--strip_sources=True",
        f"--show_tracebacks={show_tracebacks}",
        "--theme=light",
        f"--template={TEMPLATE_NAME}",
        "--classic_tree=True",  # the landing page from tree.html on the server, no JS list
        # A kernel per app notebook runs the notebook before anyone asks: the page then
        # renders from the warm kernel instead of starting Python, pandas and the kit first.
        "--preheat_kernel=True",
        "--pool_size=1",
    ]
    if sys.platform.startswith("linux"):
        # Kernels talk to the server over Unix sockets, not TCP ports: with a dozen kernels
        # starting at once, a port picked for one kernel could be taken by the server's own
        # connection to another before that kernel bound it ("Address already in use"), and the
        # kernel died five restarts later with its page unrendered. (No port is exposed, too.)
        cmd.append("--KernelManager.transport=ipc")
    if len(notebooks) == 1:
        return [*cmd, str(notebooks[0])]
    folder = notebooks[0].parent
    keep = {p.name for p in notebooks}
    hide = ["__pycache__", "*.pyc", ".*", "*~"]
    hide += sorted(p.name for p in folder.iterdir() if p.name not in keep)
    # Voila warms a kernel for every notebook under the folder (subfolders too, e.g. another
    # edition): only the apps served get one, the others would run for nobody. Voila matches
    # the pattern against each notebook's full path (the folder as given, then the name).
    served = "|".join(re.escape(name) for name in sorted(keep))
    deny = rf"^(?!{re.escape(str(folder))}[/\\](?:{served})$)"
    return [
        *cmd,
        *(f"--ContentsManager.hide_globs={g}" for g in hide),
        f"--VoilaKernelManager.preheat_denylist={deny}",
        str(folder),
    ]


def fix_async_shell_poll() -> None:
    """Keep Voila from freezing on a widget app's cell (see :mod:`retention_kit._nbclient_fix`)."""
    from ._nbclient_fix import install

    install()


def run_voila(argv: Sequence[str] | None = None) -> None:
    """Voila's own ``main()`` with :func:`fix_async_shell_poll` applied (the app's server)."""
    fix_async_shell_poll()
    from voila.app import main as voila_main

    voila_main(argv=list(argv) if argv is not None else None)


def is_loopback(ip: str) -> bool:
    """Whether ``ip`` is this machine only (127.0.0.0/8, ::1 or "localhost")."""
    import ipaddress

    if ip.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may well be reachable from the network


NO_TOKEN_WARNING = (
    'WARNING: the app runs with NO TOKEN (--token ""): anyone who can open this address '
    "can run code on this machine through the notebooks' kernels. Use it only on a machine of "
    "your own, and leave --token out to get a random one."
)


def check_address(ip: str, port: object, token: str | None) -> None:
    """The kit's error for a port outside 0-65535 and for serving the network without a token.

    ``token=None`` means "make a random one", so only an empty token (``--token ""``) counts as
    none; on 127.0.0.1 that is allowed (with :data:`NO_TOKEN_WARNING`), on any other address it
    would hand the machine to the whole network and is refused.
    """
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise InvalidParameterError(
            f"--port {port!r}: give a port number from 1 to 65535 (e.g. --port 8866), or 0 for "
            "any free port."
        )
    if token == "" and not is_loopback(ip):
        raise InvalidParameterError(
            f"--ip {ip} with an empty --token would let anyone on the network run code on this "
            "machine; give a token (--token SECRET, or leave --token out for a random one) or "
            "serve on 127.0.0.1 only."
        )


def _bind(ip: str, port: int) -> int | None:
    """Bind ``ip:port`` for a moment: the port got (None: already in use), or the kit's error
    for an address that is not one of this machine's."""
    import errno

    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family) as s:
        try:
            s.bind((ip.strip("[]"), port))
        except socket.gaierror:
            raise InvalidParameterError(
                f"--ip {ip!r} is not an address (e.g. 127.0.0.1, or this machine's address on "
                "the network)."
            ) from None
        except OSError as err:
            if err.errno == errno.EADDRNOTAVAIL:
                raise InvalidParameterError(
                    f"--ip {ip} is not an address of this machine; use 127.0.0.1 or one of its "
                    "own network addresses."
                ) from None
            return None
        return s.getsockname()[1]


def _port_free(ip: str, port: int) -> bool:
    return _bind(ip, port) is not None


def free_port(ip: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    port = _bind(ip, 0)
    if port is None:
        raise InvalidParameterError(f"no free port on {ip}; choose one with --port.")
    return port


@dataclass
class AppServer:
    """A running app-mode server: ``url`` (with the token), ``process``; ``stop()`` ends it."""

    process: subprocess.Popen
    ip: str
    port: int
    token: str
    notebooks: list[Path]
    data_dir: Path | None = None  # the generated Voila template, removed by stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base_url}/?token={self.token}" if self.token else f"{self.base_url}/"

    def wait_until_listening(self, timeout: float = 60) -> None:
        """Block until the server accepts connections; raise if it exits or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"voila exited with code {self.process.returncode}")
            try:
                with socket.create_connection((self.ip, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"voila did not listen on {self.ip}:{self.port} in {timeout:g} s")

    def stop(self, timeout: float = 15) -> None:
        """Stop the server (SIGTERM: Voila shuts its kernels down), kill it if it hangs."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def start(
    notebooks: Sequence[str | Path] | str | Path | None = None,
    port: int = 8866,
    *,
    token: str | None = None,
    ip: str = "127.0.0.1",
    directory: str | Path | None = None,
    **popen_kwargs,
) -> AppServer:
    """Start the app-mode server in the background and return it (see :func:`serve`).

    ``port=0`` picks a free port; ``token=None`` makes a random one, ``""`` asks for none.
    """
    import importlib.util

    if importlib.util.find_spec("voila") is None:
        raise InvalidParameterError(
            "app mode needs Voila, which the plain install leaves out: add the app extra with "
            "pip install 'retention-kit[app]' (in a checkout: make app)."
        )
    check_address(ip, port, token)
    paths = resolve_notebooks(notebooks, directory)
    if port == 0:
        port = free_port(ip)
    elif not _port_free(ip, port):
        raise InvalidParameterError(
            f"port {port} on {ip} is already in use (another app or Jupyter running?); "
            "stop it or choose another with --port."
        )
    if token is None:
        token = secrets.token_urlsafe(16)
    cmd = voila_command(paths, port=port, token=token, ip=ip)
    data_dir = Path(tempfile.mkdtemp(prefix="retention-kit-app-"))
    write_voila_template(data_dir, paths)
    env = dict(popen_kwargs.pop("env", None) or os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data_dir), env.get("JUPYTER_PATH")]))
    process = subprocess.Popen(cmd, cwd=paths[0].parent, env=env, **popen_kwargs)
    return AppServer(
        process=process, ip=ip, port=port, token=token, notebooks=paths, data_dir=data_dir
    )


def serve(
    notebooks: Sequence[str | Path] | str | Path | None = None,
    port: int = 8866,
    open_browser: bool = False,
    *,
    token: str | None = None,
    ip: str = "127.0.0.1",
    directory: str | Path | None = None,
) -> int:
    """Serve the interactive notebooks with Voila, code hidden, until Ctrl+C; return its exit code.

    ``notebooks``: numbers, names or paths (default: every notebook with a widget app in
    ``notebooks/``). ``open_browser``: open the page (with its token) once the server listens.
    """
    if token == "":
        check_address(ip, port, token)  # a refusal comes before the warning
        print(_loud(NO_TOKEN_WARNING), file=sys.stderr, flush=True)
    server = start(notebooks, port, token=token, ip=ip, directory=directory)
    names = ", ".join(p.stem for p in server.notebooks)
    print(f"retention-kit app: serving {names}", flush=True)
    print(f"  open {server.url}   (Ctrl+C to stop)", flush=True)

    def _open() -> None:
        try:
            server.wait_until_listening()
        except (RuntimeError, TimeoutError):
            return
        webbrowser.open(server.url)

    if open_browser:
        threading.Thread(target=_open, daemon=True).start()
    previous = None
    if threading.current_thread() is threading.main_thread():
        # `kill`, `timeout`, a closed terminal: stop Voila (and its kernels) too, not only us.
        previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        return server.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _loud(message: str) -> str:
    bar = "!" * 78
    return f"{bar}\n{message}\n{bar}"


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m retention_kit.app",
        description="Workshop app mode: serve the interactive notebooks with Voila, code hidden.",
    )
    parser.add_argument(
        "notebooks", nargs="*", help="numbers, names or paths (default: every interactive one)"
    )
    parser.add_argument("--port", type=int, default=8866, help="0 = any free port")
    parser.add_argument("--ip", default="127.0.0.1", help=IP_HELP)
    parser.add_argument("--token", help="access token (default: a random one, printed)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    parser.add_argument("--dir", help="folder with the notebooks (default: notebooks/)")
    args = parser.parse_args(argv)
    try:
        return serve(
            args.notebooks or None,
            port=args.port,
            open_browser=not args.no_browser,
            token=args.token,
            ip=args.ip,
            directory=args.dir,
        )
    except InvalidParameterError as err:
        print(f"retention-kit app: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
