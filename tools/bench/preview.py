"""Section (f): the translator preview, timed from editing a Swedish page to the served edit."""

from __future__ import annotations

import re
import secrets
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sesguide.langprocs import mkdocs_env

from .common import PREVIEW_PAGE, ROOT, fmt_s, log
from .project import snapshot
from .timing import wait_quiet


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - 127.0.0.1 only
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def _token() -> str:
    # letters only: a digit would be a number missing from the English twin (a source check error)
    return "matmarkor" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))


PREVIEW_FALLBACK = "BUILD_ONLY_LOCALE=sv $(PY) -m mkdocs serve --dirtyreload -a 127.0.0.1:8000"


def serve_sv_recipe() -> str:
    """The command `make serve-sv` runs, read from the Makefile (so a fix there is what gets measured)."""
    try:
        text = (ROOT / "Makefile").read_text(encoding="utf-8")
    except OSError:
        return PREVIEW_FALLBACK
    m = re.search(r"^serve-sv:.*\n((?:\t.*\n?)+)", text, re.M)
    if not m:
        return PREVIEW_FALLBACK
    lines = [ln.strip() for ln in m.group(1).splitlines() if "mkdocs" in ln and "serve" in ln]
    return lines[0].lstrip("@") if lines else PREVIEW_FALLBACK


def preview_command(recipe: str, port: int) -> tuple[list[str], dict]:
    import shlex

    words = shlex.split(recipe)
    env = {}
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        k, v = words.pop(0).split("=", 1)
        env[k] = v
    cmd = [sys.executable if w in ("$(PY)", "${PY}") else w for w in words]
    if "-a" in cmd:
        cmd[cmd.index("-a") + 1] = f"127.0.0.1:{port}"
    else:
        cmd += ["-a", f"127.0.0.1:{port}"]
    return cmd, env


def preview(root: Path, edits: int, recipe: str, timeout: float = 60.0) -> dict:
    """Start the preview server in `root` (a copy), edit one Swedish page `edits` times, time each rebuild."""
    port = _free_port()
    logf = root / f"serve-{port}.log"
    cmd, env = preview_command(recipe, port)
    shown = (
        " ".join(f"{k}={v}" for k, v in env.items())
        + " "
        + " ".join("python" if c == sys.executable else c for c in cmd)
    )
    res: dict = {"command": shown.strip(), "times": [], "timeouts": 0}
    with open(logf, "w", encoding="utf-8") as lf:
        proc = subprocess.Popen(
            cmd,
            cwd=root,
            env=mkdocs_env(env.get("BUILD_ONLY_LOCALE", "sv"), env),
            stdout=lf,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = _wait_until_served(proc, logf, res)
        if base is None:
            return res
        url = base + PREVIEW_PAGE[:-3] + "/"
        res["url"] = url.replace(base, "/")
        if _get(url) is None:
            res["error"] = f"{url} is not served"
            return res
        _time_edits(root / "docs" / "sv" / PREVIEW_PAGE, url, edits, timeout, res)
        rebuilt = re.findall(
            r"Documentation built in ([\d.]+) seconds", logf.read_text(encoding="utf-8", errors="replace")
        )
        res["mkdocs_reported"] = [float(x) for x in rebuilt[1:]]  # the first is the start-up build
        return res
    finally:
        _stop(proc)


def _wait_until_served(proc: subprocess.Popen, logf: Path, res: dict) -> str | None:
    """The server's base URL once it answers (res["startup"]: how long that took); None with
    res["error"] saying why if it exits or does not answer within 120 s."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 120:
        m = re.search(r"Serving on (http://\S+)", logf.read_text(encoding="utf-8", errors="replace"))
        if m:
            base = m.group(1).rstrip("/") + "/"
            if _get(base) is not None:
                res["startup"] = time.perf_counter() - t0
                return base
        if proc.poll() is not None:
            out = logf.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            why = [ln for ln in out if ln.startswith(("WARNING", "ERROR")) or "Aborted" in ln]
            res["error"] = f"the server exited (code {proc.returncode}) before serving: " + " / ".join(why or out[-3:])
            return None
        time.sleep(0.05)
    res["error"] = "the server did not start within 120 s"
    return None


def _time_edits(page: Path, url: str, edits: int, timeout: float, res: dict) -> None:
    """Append a new word to `page` `edits` times; each time until `url` serves it goes to
    res["times"] (inf after `timeout`). The page is restored afterwards."""
    original = page.read_text(encoding="utf-8")
    for i in range(edits):
        time.sleep(1.0)  # let the watcher settle after the previous rebuild
        wait_quiet()
        tok = _token()
        t0 = time.perf_counter()
        page.write_text(original.rstrip("\n") + f"\n\nMätmarkör {tok}.\n", encoding="utf-8")
        while True:
            body = _get(url)
            if body and tok in body:
                res["times"].append(time.perf_counter() - t0)
                break
            if time.perf_counter() - t0 > timeout:
                res["timeouts"] += 1
                res["times"].append(float("inf"))
                break
            time.sleep(0.05)
        log(f"  preview edit {i + 1}: {fmt_s(res['times'][-1])}")
    page.write_text(original, encoding="utf-8")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def preview_all(tmp: Path, edits: int) -> list[dict]:
    """`make serve-sv` as the Makefile has it; if that cannot serve, the two ways it could work."""
    recipe = serve_sv_recipe()
    variants = [("make serve-sv, as in the Makefile", recipe)]
    if not re.search(r"--dirty(reload)?\b", recipe):
        variants.append(
            (
                "for comparison: dirty rebuilds, which need --no-strict because MkDocs warns about them",
                recipe.replace(" serve ", " serve --dirty --no-strict ", 1),
            )
        )
    out = []
    for i, (label, rec) in enumerate(variants):
        log(f"  {label}: {rec}")
        r = preview(snapshot(tmp / f"preview-{i}"), edits, rec)
        r["label"] = label
        out.append(r)
        if "error" in r and i == 0:
            log(f"  -> {r['error']}")
            base = re.sub(r"\s+--(dirtyreload|dirty)\b", "", rec)
            if "--no-strict" not in rec:
                variants.append(
                    (
                        "with --no-strict (MkDocs warns about dirty builds, strict aborts on it)",
                        rec.replace(" serve ", " serve --no-strict ", 1),
                    )
                )
            if base != rec:
                variants.append(("without --dirtyreload (full one-language rebuild, strict)", base))
    return out
