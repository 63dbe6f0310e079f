"""Lighthouse (npm `lighthouse`, its default mobile preset) on pages of a built site, served by
the site's own server (sesguide/server.py: the production headers, text gzipped as hosts do)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .common import CHROMIUM


def lighthouse(url: str, root: Path, chromium: str = CHROMIUM, timeout: float = 240.0) -> dict:
    """Lighthouse's mobile run (its default preset: emulated phone, simulated slow 4G) on `url`.
    Returns the four category scores (0-100) and the failing audits of the 100-point categories."""
    binary = root / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return {"error": "node_modules/.bin/lighthouse is missing; run `npm ci` (make node)"}
    cmd = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"lighthouse timed out after {timeout:.0f} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout).strip()[-400:]}
    data = json.loads(proc.stdout)
    cats = {k: round((v.get("score") or 0) * 100) for k, v in data["categories"].items()}
    failing = []
    for key, cat in data["categories"].items():
        for ref in cat["auditRefs"]:
            a = data["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and a.get("score") is not None and a["score"] < 1 and key != "performance":
                failing.append(f"{key}: {ref['id']}")
    metrics = {
        m: data["audits"][m].get("numericValue")
        for m in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
        if m in data["audits"]
    }
    return {"scores": cats, "failing": failing, "metrics": metrics}


def lighthouse_pages(site: Path, root: Path, pages: list[str], log=print) -> list[dict]:
    from sesguide.server import serve_in_thread

    httpd = serve_in_thread(site, root, port=0)
    host, port = httpd.server_address[:2]
    out = []
    try:
        for rel in pages:
            log(f"  lighthouse /{rel}")
            out.append({"page": "/" + rel, **lighthouse(f"http://{host}:{port}/{rel}", root)})
    finally:
        httpd.shutdown()
        httpd.server_close()
    return out
