"""tools.bench report: each section that ran is reported, one that did not leaves no trace, and the
notes say how the numbers were taken. Built from a results dict; nothing is measured."""

from sesguide.server import COMPRESSED
from tools.bench.common import TARGETS
from tools.bench.report import report

MACHINE = dict.fromkeys(
    ("cpu", "cores", "ram", "os", "python", "mkdocs", "material", "i18n", "markdown", "pyyaml", "commit"), "x"
)
PARTS = {"check": 0.3, "build_en": 1.2, "build_sv": 1.3, "after": 0.4}
SEARCH = {"query": "salary", "gzip": 9000, "requests": 7, "parts": [{"part": "index chunks", "gzip": 9000, "files": 2}]}
LANG = {
    "pages": 30,
    "first_typical": 40000,
    "first_typical_page": "/a/",
    "first_worst": 60000,
    "first_worst_page": "/b/",
    "twin_typical": 5000,
    "twin_worst": 9000,
    "search": [SEARCH],
}


def minimal() -> dict:
    return {"date": "2026-12-01", "duration": 60.0, "machine": {**MACHINE, "modified_files": 0}, "runs": 5}


def everything() -> dict:
    return {
        **minimal(),
        "times": {"a": [2.1, 2.3], "a_seq": [3.0], "b": [1.5], "c": [1.2]},
        "checks": {"a/b": (1.4, "1.40 ×")},
        "a_parts": PARTS,
        "ratios": {"a/b": 1.4},
        "hooks": {"en": {"wall": 2, "imports": 0.5, "load_config": 0.2, "build": 1.2, "events": {}, "functions": {}}},
        "finalize": {"merge": 0.1},
        "synthetic": {"real": 30, "sizes": {"50": {"times": [3.0], "warmup": 1, "parts": PARTS}}},
        "browser": {"summary": {"en": LANG, "sv": LANG}},
        "lighthouse": [{"page": "/sv/", "error": "timeout"}],
        "preview": [{"label": "serve-sv", "command": "mkdocs serve -a 127.0.0.1:8123", "startup": 3, "times": [1.1]}],
    }


HEADINGS = ("## Build times", "(h)", "## Scaling (d)", "## Page weight in the browser (e)", "### Lighthouse", "(f)")


def test_every_section_that_ran_is_reported():
    text = report(everything())
    assert [h for h in HEADINGS if h not in text] == []
    assert "127.0.0.1:PORT" in text and "8123" not in text  # runs compare as text


def test_a_section_not_run_leaves_no_trace():
    text = report({**minimal(), "times": {}, "checks": {}})
    assert [h for h in HEADINGS[1:] if h in text] == []
    assert text.count("not measured") == len(TARGETS)


def test_the_lighthouse_note_says_the_server_compresses_text():
    note = next(line for line in report(everything()).splitlines() if line.startswith("npm `lighthouse`"))
    assert "gzip" in note
    assert [ext for ext in COMPRESSED if ext.lstrip(".").upper() not in note] == []
