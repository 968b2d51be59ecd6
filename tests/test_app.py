"""retention_kit.app (workshop app mode) without a browser: which notebooks, the Voila command,
errors, the socket-poll fix, and one real server whose page hides the code."""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.client
import importlib.util
import json
import re
import socket
import sys
import time
from pathlib import Path
from queue import Empty

import nbformat
import pytest

from retention_kit import app
from retention_kit.errors import InvalidParameterError, RetentionKitError


def _notebook(path: Path, *code: str, markdown: str = "# title") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(markdown), *map(nbformat.v4.new_code_cell, code)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    _notebook(tmp_path / "00_intro.ipynb", "1 + 1")
    _notebook(
        tmp_path / "01_crr.ipynb", "import retention_kit as rk", "rk.widgets.crr_calculator()"
    )
    _notebook(tmp_path / "02_apps.ipynb", "from retention_kit.widgets import cohort_explorer")
    _notebook(tmp_path / "notes.ipynb", "rk.widgets.crr_calculator()")  # not numbered
    return tmp_path


def test_interactive_notebooks_are_the_numbered_ones_with_an_app(folder):
    assert [p.name for p in app.interactive_notebooks(folder)] == ["01_crr.ipynb", "02_apps.ipynb"]


def test_resolve_by_number_name_or_path(folder):
    assert app.resolve_notebooks(["01"], folder) == [(folder / "01_crr.ipynb").resolve()]
    assert app.resolve_notebooks("00_intro", folder) == [(folder / "00_intro.ipynb").resolve()]
    path = folder / "02_apps.ipynb"
    assert app.resolve_notebooks([str(path)], folder) == [path.resolve()]
    assert [p.name for p in app.resolve_notebooks(None, folder)] == [
        "01_crr.ipynb",
        "02_apps.ipynb",
    ]


def test_a_relative_folder_is_resolved(folder, monkeypatch):
    # the README's `python -m retention_kit.app --dir notebooks/ru`: the server is started in
    # the notebooks' folder, so a relative path handed on would name a folder inside it
    monkeypatch.chdir(folder.parent)
    paths = app.resolve_notebooks(None, folder.name)
    assert paths and all(p.is_absolute() and p.parent == folder.resolve() for p in paths)
    assert app.voila_command(paths, port=8866)[-1] == str(folder.resolve())


def test_resolve_errors_say_what_exists(folder, tmp_path_factory):
    with pytest.raises(InvalidParameterError, match="not found.*01_crr.ipynb"):
        app.resolve_notebooks(["07"], folder)
    twins = tmp_path_factory.mktemp("twins")
    _notebook(twins / "03_a.ipynb", "1")
    _notebook(twins / "03_b.ipynb", "1")
    with pytest.raises(InvalidParameterError, match="several match"):
        app.resolve_notebooks(["03"], twins)
    other = _notebook(tmp_path_factory.mktemp("other") / "05_x.ipynb", "1")
    with pytest.raises(InvalidParameterError, match="one folder"):
        app.resolve_notebooks([str(other), "01"], folder)
    empty = tmp_path_factory.mktemp("empty")
    with pytest.raises(RetentionKitError, match="no notebook with a widget app"):
        app.resolve_notebooks(None, empty)


def test_command_for_one_notebook_hides_code_and_listens_locally(folder):
    nb = (folder / "01_crr.ipynb").resolve()
    cmd = app.voila_command([nb], port=9999, token="secret")
    assert cmd[0] == sys.executable and cmd[-1] == str(nb)
    for flag in (
        "--strip_sources=True",
        "--token=secret",
        "--port=9999",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--no-browser",
    ):
        assert flag in cmd
    assert "run_voila" in " ".join(cmd)
    # kernels on Unix sockets where there are any, so no two kernels race for a TCP port
    ipc = "--KernelManager.transport=ipc"
    assert (ipc in cmd) == sys.platform.startswith("linux")


def test_command_for_several_serves_the_folder_and_lists_only_them(folder):
    paths = app.resolve_notebooks(None, folder)
    cmd = app.voila_command(paths, port=9999)
    assert cmd[-1] == str(folder.resolve())
    hidden = {c.split("=", 1)[1] for c in cmd if c.startswith("--ContentsManager.hide_globs=")}
    assert {"00_intro.ipynb", "notes.ipynb"} <= hidden
    assert not hidden & {"01_crr.ipynb", "02_apps.ipynb"}
    with pytest.raises(InvalidParameterError, match="no notebook to serve"):
        app.voila_command([], port=1)


def test_only_the_served_apps_get_a_warm_kernel(folder):
    """Voila warms a kernel for every notebook under the folder, subfolders included; the kit
    denies all but the apps it serves (their names, exactly)."""
    (folder / "ru").mkdir()
    _notebook(folder / "ru" / "01_crr.ipynb", "rk.widgets.crr_calculator()")
    cmd = app.voila_command(app.resolve_notebooks(None, folder), port=9999)
    deny = [c.split("=", 1)[1] for c in cmd if c.startswith("--VoilaKernelManager.preheat_deny")]
    assert len(deny) == 1
    # Voila skips a notebook when the pattern is in its full path or re.match()es it
    # (voila_kernel_manager._notebook_filter, given root_dir / the notebook's relative path)
    root = folder.resolve()

    def denied(relative: str) -> bool:
        path = str(root / relative)
        return deny[0] in path or bool(re.match(deny[0], path))

    assert not denied("01_crr.ipynb") and not denied("02_apps.ipynb")
    for other in ("00_intro.ipynb", "notes.ipynb", "ru/01_crr.ipynb", "01_crr.ipynb.bak.ipynb"):
        assert denied(other), other
    one = app.voila_command([(folder / "01_crr.ipynb").resolve()], port=9999)
    assert not any("preheat_denylist" in c for c in one)  # one notebook: Voila warms only it


@pytest.mark.parametrize("port", [-1, 70000, 65536])
def test_a_port_out_of_range_is_the_kits_error_not_overflowerror(folder, port, capsys):
    with pytest.raises(InvalidParameterError, match=rf"--port {port}: give a port number"):
        app.start(["01"], port=port, directory=folder)
    assert app.main(["01", "--dir", str(folder), "--port", str(port), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert f"--port {port}" in err and "Overflow" not in err and "Traceback" not in err


def test_a_port_out_of_range_from_the_kits_command(tmp_path):
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "retention_kit.cli", "app", "--port", "-1", "--no-browser"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "retention-kit app: error: --port -1" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("ip", ["0.0.0.0", "192.168.1.20", "::", "my-laptop.local"])
def test_the_network_without_a_token_is_refused(folder, ip, capsys):
    with pytest.raises(InvalidParameterError, match=rf"--ip {re.escape(ip)} with an empty"):
        app.start(["01"], port=0, token="", ip=ip, directory=folder)
    assert app.main(["01", "--dir", str(folder), f"--ip={ip}", "--token=", "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert "empty --token would let anyone on the network run code" in err
    assert "NO TOKEN" not in err  # refused before any warning: nothing is served


def test_loopback_addresses():
    for ip in ("127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "::1", "[::1]"):
        assert app.is_loopback(ip), ip
    for ip in ("0.0.0.0", "::", "10.0.0.1", "192.168.1.20", "example.org", ""):
        assert not app.is_loopback(ip), ip


def test_an_empty_token_on_this_machine_prints_a_loud_warning(folder, capsys):
    with socket.socket() as busy:  # the server cannot start: only the warning is looked at
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = app.main(["01", "--dir", str(folder), "--token=", f"--port={port}", "--no-browser"])
    err = capsys.readouterr().err
    assert code == 2 and "already in use" in err
    warning = err.split("retention-kit app: error:")[0]
    assert "NO TOKEN" in warning and "anyone who can open this address" in warning
    assert warning.count("!" * 78) == 2  # framed, hard to miss
    with socket.socket() as busy:  # with a token (given or random): no warning
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        app.main(["01", "--dir", str(folder), f"--port={port}", "--no-browser"])
    assert "NO TOKEN" not in capsys.readouterr().err


def test_an_address_that_is_not_this_machines_is_named(folder):
    with pytest.raises(InvalidParameterError, match="--ip 203.0.113.7 is not an address of this"):
        app.start(["01"], port=0, ip="203.0.113.7", directory=folder)
    with pytest.raises(InvalidParameterError, match="--ip 'no such host.invalid' is not an"):
        app.start(["01"], port=8866, ip="no such host.invalid", directory=folder)


def test_busy_port_is_a_clear_error(folder):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(InvalidParameterError, match=f"port {port}.*already in use"):
            app.start(["01"], port=port, directory=folder)


def test_without_voila_the_error_says_how_to_install_it(folder, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "voila" else real(name, *a)
    )
    with pytest.raises(InvalidParameterError, match=r"pip install 'retention-kit\[app\]'"):
        app.start(["01"], port=0, directory=folder)


def test_main_reports_errors_with_exit_code_2(folder, capsys):
    assert app.main(["42", "--dir", str(folder), "--no-browser"]) == 2
    assert "notebook '42'" in capsys.readouterr().err


def _run(coro):
    """asyncio.run in a thread of its own: the browser suite's Playwright may hold this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


class _FakeSocket:
    """poll() says "nothing" ``misses`` times, then "ready" (a lost wake-up, then a re-check)."""

    def __init__(self, misses: int) -> None:
        self.misses, self.polls = misses, []

    async def poll(self, timeout_ms):
        self.polls.append(timeout_ms)
        if self.misses:
            self.misses -= 1
            await asyncio.sleep(0)
            return 0
        return 1


class _FakeChannel:
    def __init__(self, misses: int) -> None:
        self.socket = _FakeSocket(misses)

    async def _recv(self):
        return {"msg_type": "execute_reply"}


def test_poll_fix_rechecks_in_short_slices_and_keeps_timeouts():
    pytest.importorskip("jupyter_client")
    from jupyter_client.channels import AsyncZMQSocketChannel

    app.fix_async_shell_poll()
    app.fix_async_shell_poll()  # idempotent
    get_msg = AsyncZMQSocketChannel.get_msg
    assert getattr(get_msg, "_retention_kit_fix", False)

    channel = _FakeChannel(misses=3)
    assert _run(get_msg(channel, timeout=None))["msg_type"] == "execute_reply"
    assert channel.socket.polls == [100, 100, 100, 100]  # never an unbounded wait

    never = _FakeChannel(misses=10**9)
    with pytest.raises(Empty):
        _run(get_msg(never, timeout=0.3))
    assert all(0 <= t <= 100 for t in never.socket.polls)
    with pytest.raises(Empty):
        _run(get_msg(_FakeChannel(misses=1), timeout=0))


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("voila") is None, reason="needs voila")
def test_a_real_server_shows_outputs_and_markdown_but_no_code(tmp_path):
    nb = _notebook(
        tmp_path / "01_demo.ipynb",
        "secret_source_line = 6 * 7\nprint('the answer is', secret_source_line)",
        markdown="# Visible heading",
    )
    server = app.start([nb], port=0, token="t0ken", directory=tmp_path)
    try:
        server.wait_until_listening(90)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        conn.request("GET", "/?token=t0ken")
        response = conn.getresponse()
        html = response.read().decode()
        conn.close()
        assert response.status == 200
        assert "Visible heading" in html and "the answer is 42" in html
        assert "secret_source_line = 6 * 7" not in html
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", "/")  # no token
        assert conn.getresponse().status in (302, 401, 403)
        conn.close()
    finally:
        server.stop()
    assert server.process.returncode is not None


def test_command_keeps_a_warm_kernel_per_app_and_uses_the_kits_template(folder):
    cmd = app.voila_command(app.resolve_notebooks(None, folder), port=9999)
    flags = ("--preheat_kernel=True", "--pool_size=1", f"--template={app.TEMPLATE_NAME}")
    for flag in (*flags, "--classic_tree=True"):
        assert flag in cmd


def test_template_has_a_titled_landing_page_one_sentence_per_app_and_no_cdn(folder, tmp_path):
    _notebook(folder / "03_<b>.ipynb", "rk.widgets.rfm_explorer()", markdown="# RFM <b>apps</b>")
    paths = app.resolve_notebooks(None, folder)
    root = app.write_voila_template(tmp_path, paths)
    tree = (root / "tree.html").read_text()
    assert f"<h1>{app.LANDING_TITLE}</h1>" in tree
    assert app.APP_SENTENCES["crr_calculator"] in tree  # 01_crr builds crr_calculator
    assert app.APP_SENTENCES["rfm_explorer"] in tree
    assert "RFM &lt;b&gt;apps&lt;/b&gt;" in tree and "03_&lt;b&gt;.ipynb" in tree  # escaped
    assert tree.count("<li>") == len(paths) == 3
    assert '<link rel="icon" href="data:' in tree  # no /favicon.ico: no 404 in the console
    index = (root / "index.html.j2").read_text()
    assert "{%" in index and "notebook_css" in index  # Voila's lab page, kept whole ...
    assert "cdn." not in index and "fontawesome" not in index  # ... but for the CDN fonts


def test_landing_page_of_the_russian_edition_is_in_russian(tmp_path):
    folder = tmp_path / "ru"
    folder.mkdir()
    _notebook(
        folder / "01_crr.ipynb",
        'import retention_kit as rk\nrk.set_language("ru")',
        "rk.widgets.crr_calculator()",
        markdown="# 01. Коэффициент удержания",
    )
    _notebook(folder / "02_x.ipynb", "rk.widgets.nps_explorer()", markdown="# 02. NPS")
    root = app.write_voila_template(tmp_path / "data", app.resolve_notebooks(None, folder))
    tree = (root / "tree.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in tree
    assert "<h1>Retention kit: приложения курса</h1>" in tree
    assert "Двигайте S, N и L" in tree and "промоутеров, критиков и NPS" in tree
    assert "Move S, N" not in tree and "Each page below" not in tree


def test_english_landing_sentence_names_the_calculators_own_sliders(folder, tmp_path):
    root = app.write_voila_template(tmp_path / "data", app.resolve_notebooks(None, folder))
    tree = (root / "tree.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in tree
    # the calculator's sliders are S, N and L (E follows from them: E = S + N - L)
    assert "Move S, N and L" in tree


def test_landing_page_served_is_the_titled_one(folder, tmp_path):
    log = tmp_path / "voila.log"
    with log.open("w") as out:
        server = app.start(None, port=0, token="", directory=folder, stdout=out, stderr=out)
    try:
        server.wait_until_listening(90)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        conn.request("GET", "/")
        html = conn.getresponse().read().decode()
        conn.close()
        assert re.search(rf"<title>\s*{re.escape(app.LANDING_TITLE)}\s*</title>", html)
        assert app.APP_SENTENCES["crr_calculator"] in html
        assert "Select items to open" not in html
        assert "cdn.jsdelivr" not in html
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        conn.request("GET", "/voila/render/01_crr.ipynb")
        page = conn.getresponse().read().decode()
        conn.close()
        assert "fontawesome" not in page and "cdn.jsdelivr" not in page
        # a warm kernel for each app served, none for 00_intro and notes (no app)
        deadline = time.monotonic() + 120
        warmed: set[str] = set()
        while warmed != {"01_crr.ipynb", "02_apps.ipynb"} and time.monotonic() < deadline:
            time.sleep(0.5)
            warmed = set(re.findall(r"Kernel pool of (\S+) is filled", log.read_text()))
        assert warmed == {"01_crr.ipynb", "02_apps.ipynb"}, log.read_text()
    finally:
        server.stop()
    assert not server.data_dir.exists()


def _kernel_stderr(module: str, folder: Path) -> str:
    import subprocess
    import time

    conn = folder / f"{module}.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", module, "-f", str(conn)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not conn.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    time.sleep(1.5)  # the warning comes right after the connection file
    proc.terminate()
    return proc.communicate(timeout=30)[1]


@pytest.mark.slow
def test_the_kits_kernel_starts_without_the_tcp_warning(tmp_path):
    import ipykernel

    raw = _kernel_stderr("ipykernel_launcher", tmp_path)
    if int(ipykernel.__version__.split(".")[0]) >= 7:  # 6.x (pinned for now) never prints it
        assert "running over TCP without encryption" in raw
    kit = _kernel_stderr("retention_kit._kernel", tmp_path)
    assert "without encryption" not in kit
    assert "Traceback" not in kit


def test_kernelspec_runs_the_kits_kernel(tmp_path):
    from retention_kit import _kernel

    folder = _kernel.install_kernelspec(tmp_path)
    spec = json.loads((folder / "kernel.json").read_text())
    assert folder == tmp_path / "share" / "jupyter" / "kernels" / "python3"
    assert spec["argv"][:3] == [sys.executable, "-m", "retention_kit._kernel"]
    assert spec["argv"][3:] == ["-f", "{connection_file}"]
