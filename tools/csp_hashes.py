"""`make csp-hashes`: rebuild security/inline-scripts.txt, the allowlist of the theme's inline scripts.

Builds the site into a temporary directory with the inline-script rule collecting instead of
checking (every other built-HTML rule still applies) and writes one hash a line. Review the diff:
a hash must come from the theme or our overrides, never from a page.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sesguide import htmlcheck
from sesguide.build import BuildFailed, build
from sesguide.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]
ALLOWLIST = Path("security") / "inline-scripts.txt"
HEADER = [
    "# sha256 hashes of the inline <script>s the theme (Material) writes into every page.",
    "# Regenerate after a Material upgrade with `make csp-hashes` and review the diff: a hash that",
    "# appears here must come from the theme or our overrides, never from a page.",
    "",
]


def main() -> int:
    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:
        site = Path(tmp) / "site"
        try:
            # The theme's scripts are what we are collecting, so they cannot be checked yet.
            build(ROOT, site, jobs=2, options=BuildOptions(collect_csp=True))
        except BuildFailed as exc:
            print(str(exc), file=sys.stderr)
            return 1
        counts = htmlcheck.inline_hashes(site)
    lines = HEADER + [f"{h}  # on {n} pages" for h, n in sorted(counts.items())]
    (ROOT / ALLOWLIST).parent.mkdir(exist_ok=True)
    (ROOT / ALLOWLIST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{ALLOWLIST.as_posix()}: {len(counts)} hashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
