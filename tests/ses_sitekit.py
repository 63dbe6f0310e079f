"""A minimal valid SES Guide site root in a temporary directory, for fast rule tests.

``make_site(tmp_path)`` writes data/*.yml (small registries; data/ui.yml copied from the real
project), three English pages and their Swedish twins stamped with the current fingerprint.
``check_site(site.root)`` on the untouched site returns no problems; each test changes one thing
and asserts the exact Problem it causes.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from sesguide import check, freshness
from sesguide import pages as pagemod

PROJECT = Path(__file__).resolve().parents[1]

QUALIFICATIONS = textwrap.dedent("""\
    qualifications:
      - id: ecq-2025-1
        framework: ecq-2025
        order: 1
        page: ecqs/leading-people.md
        name: {en: Leading People, sv: Leda människor}
        effective_from: 2025-10-01
        definition:
          en: "Demonstrated ability to lead people."
          sv: "Dokumenterad förmåga att leda människor."
        definition_source: opm-memo
        status: current
        sources: [opm-memo, resume-place]
      - id: ecq-2025-2
        framework: ecq-2025
        order: 2
        page: ecqs/driving-efficiency.md
        name: {en: Driving Efficiency, sv: Driva effektivitet}
        effective_from: 2025-10-01
        definition:
          en: "Demonstrated ability to manage resources."
          sv: "Dokumenterad förmåga att förvalta resurser."
        definition_source: opm-memo
        status: current
        sources: [opm-memo]
    """)

SOURCES = textwrap.dedent("""\
    sources:
      - id: opm-memo
        title: Memorandum on the Executive Core Qualifications
        publisher: U.S. Office of Personnel Management
        date: "2025-05-29"
        url: https://www.opm.gov/chcoc/
        kind: primary
      - id: resume-place
        title: The new ECQs
        publisher: The Resume Place
        date: "2025-06"
        url: https://www.resume-place.com/
        kind: secondary
        note:
          en: "Quotes the memorandum."
          sv: "Citerar promemorian."
    """)

PAY = textwrap.dedent("""\
    years:
      - year: 2024
        minimum: 147649
        maximum_certified: 221900
        maximum_uncertified: 204000
        reliability: {minimum: official, maximum_certified: official, maximum_uncertified: official}
        frozen: false
        sources: [opm-memo]
      - year: 2025
        minimum: 151661
        maximum_certified: 225700
        maximum_uncertified: 207500
        reliability: {minimum: official, maximum_certified: official, maximum_uncertified: secondary}
        frozen: false
        sources: [opm-memo, resume-place]
        note:
          en: "Set in January 2025."
          sv: "Fastställd i januari 2025."
    """)

GLOSSARY = textwrap.dedent("""\
    terms:
      - id: president
        en: President
        sv: presidenten
        forbidden_sv: [presidentvaluta, ordföranden som tillsätts]
        definition:
          en: "The head of state and government of the United States."
          sv: "USA:s stats- och regeringschef."
      - id: senior-executive-service
        en: Senior Executive Service
        abbr: SES
        sv: "Senior Executive Service (SES), den federala högre chefskåren"
        sv_short: SES
        forbidden_sv: [den högsta tjänsten]
        definition:
          en: "The corps of senior federal executives."
          sv: "Den federala högre chefskåren."
        sources: [opm-memo]
    """)

EN_PAGES = {
    "index.md": textwrap.dedent("""\
        ---
        title: Home
        description: What the test site covers.
        last_reviewed: 2026-01-02
        sources: [opm-memo]
        ---

        # Home { #home }

        The SES had 7,794 members on October 1, 2025.

        ## Pay { #pay }

        The minimum was $151,661 in May 2025, up 1.4% (5 CFR 412.301).
        """),
    "ecqs/leading-people.md": textwrap.dedent("""\
        ---
        title: Leading People
        description: The fifth qualification.
        last_reviewed: 2026-01-02
        sources: [opm-memo, resume-place]
        qualification: ecq-2025-1
        ---

        # Leading People { #leading-people }

        OPM named it on May 29, 2025.

        ## Definition { #definition }

        <!-- data:definition -->
        """),
    "ecqs/driving-efficiency.md": textwrap.dedent("""\
        ---
        title: Driving Efficiency
        description: The second qualification.
        last_reviewed: 2026-01-02
        sources: [opm-memo]
        qualification: ecq-2025-2
        ---

        # Driving Efficiency { #driving-efficiency }

        It applies from 2025-10-01.

        ## Definition { #definition }

        Budget well.
        """),
}

# {hash} is replaced with the fingerprint of the English twin.
SV_PAGES = {
    "index.md": textwrap.dedent("""\
        ---
        title: Start
        description: Vad testwebbplatsen handlar om.
        last_reviewed: 2026-01-02
        sources: [opm-memo]
        translation:
          source_hash: {hash}
        ---

        # Start { #home }

        SES hade 7 794 medlemmar den 1 oktober 2025.

        ## Lön { #pay }

        Lägstalönen var 151 661 USD i maj 2025, en ökning med 1,4 % (5 CFR 412.301).
        """),
    "ecqs/leading-people.md": textwrap.dedent("""\
        ---
        title: Leda människor
        description: Den femte kvalifikationen.
        last_reviewed: 2026-01-02
        sources: [opm-memo, resume-place]
        qualification: ecq-2025-1
        translation:
          source_hash: {hash}
        ---

        # Leda människor { #leading-people }

        OPM gav den namn den 29 maj 2025.

        ## Definition { #definition }

        <!-- data:definition -->
        """),
    "ecqs/driving-efficiency.md": textwrap.dedent("""\
        ---
        title: Driva effektivitet
        description: Den andra kvalifikationen.
        last_reviewed: 2026-01-02
        sources: [opm-memo]
        qualification: ecq-2025-2
        translation:
          source_hash: {hash}
        ---

        # Driva effektivitet { #driving-efficiency }

        Den gäller från 2025-10-01.

        ## Definition { #definition }

        Budgetera väl.
        """),
}

CHANGES = textwrap.dedent("""\
    changes:
      - id: first-edition
        date: "2026-01-02"
        kind: new-content
        pages: [index.md, ecqs/leading-people.md, ecqs/driving-efficiency.md]
        summary:
          en: "First edition."
          sv: "Första utgåvan."
        sources: []
    """)

SES_SIZE = textwrap.dedent("""\
    rows:
      - when: {en: "2014", sv: "2014"}
        position: 2014.5
        members: 7794
        note: {en: "7,014 career", sv: "7 014 karriärtjänstemän"}
        kind: {en: "Press", sv: "Press"}
        cite: [{source: opm-memo, label: "OPM, 2025"}]
      - when: {en: "Mid-2025", sv: "mitten av 2025"}
        position: 2025.5
        members: 8800
        approx: about
        kind: {en: "Press, citing the {org}", sv: "Press, med hänvisning till {org}"}
        org: Partnership for Public Service
        cite: [{source: opm-memo, label: "OPM, 2025"}]
    """)

PROCESS = textwrap.dedent("""\
    steps:
      - id: announcement
        name: {en: "Vacancy announcement", sv: "Platsannons"}
        actor: agency
        sources: [opm-memo]
      - id: qrb
        name: {en: "QRB", sv: "QRB"}
        actor: opm
        sources: [opm-memo]
    timeline:
      from: "2025-10-01"
      spans:
        - id: open
          label: {en: "Open at least 14 days", sv: "Öppen minst 14 dagar"}
          steps: [announcement]
          start: -14
          days: 14
          bound: at-least
          sources: [opm-memo]
        - id: to-opm
          label: {en: "At most 80 days", sv: "Högst 80 dagar"}
          steps: [qrb]
          days: 80
          bound: at-most
          target: true
          sources: [opm-memo]
    """)

DATA = {
    "changes.yml": CHANGES,
    "qualifications.yml": QUALIFICATIONS,
    "sources.yml": SOURCES,
    "pay.yml": PAY,
    "glossary.yml": GLOSSARY,
    "ses-size.yml": SES_SIZE,
    "process.yml": PROCESS,
}


def syntax(pure: str, libyaml: str) -> str:
    """The expected text of a YAML syntax error. yamlload uses libyaml (CSafeLoader) when PyYAML has it,
    else the pure-Python SafeLoader; their messages differ, so tests give both."""
    import yaml

    from sesguide import yamlload

    libyaml_in_use = issubclass(yamlload._Loader, getattr(yaml, "CSafeLoader", ()))
    return "invalid YAML: " + (libyaml if libyaml_in_use else pure)


def lineno(text: str, needle: str) -> int:
    """The 1-based line of the only line of ``text`` that contains ``needle``."""
    hits = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.docs = root / "docs"

    def file(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.file(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> Path:
        p = self.file(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        return p

    def delete(self, rel: str) -> None:
        self.file(rel).unlink()

    def edit(self, rel: str, old: str, new: str) -> str:
        """Replace the one occurrence of ``old`` in a file; return the new text."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        text = text.replace(old, new)
        self.write(rel, text)
        return text

    def stamp(self, path: str) -> str:
        """Write the current fingerprint of docs/en/<path> into docs/sv/<path> (like the make target)."""
        text = self.read(f"docs/sv/{path}")
        fp = freshness.fingerprint(self.read(f"docs/en/{path}"))
        old = freshness.recorded(pagemod.split_front_matter(text, path)[0])
        assert old is not None
        self.write(f"docs/sv/{path}", text.replace(f"source_hash: {old}", f"source_hash: {fp}"))
        return fp

    def log_change(self, path: str) -> None:
        """List a page in the change log's first entry (dated 2026-01-02), as a contribution that adds
        a page must."""
        text = self.read("data/changes.yml")
        if not re.search(rf"[\[ ]{re.escape(path)}[,\]]", text):
            self.write("data/changes.yml", text.replace("pages: [", f"pages: [{path}, ", 1))

    def add_page(self, path: str, en: str | None, sv: str | None) -> None:
        """Add a page pair (listed in the change log); ``{hash}`` in the Swedish text becomes the
        English fingerprint."""
        if en is not None:
            self.write(f"docs/en/{path}", en)
            self.log_change(path)
        if sv is not None:
            fp = freshness.fingerprint(en) if en is not None else "0123456789abcdef"
            self.write(f"docs/sv/{path}", sv.replace("{hash}", fp))

    def check(self):
        return check.check_site(self.root)


def make_site(root: Path) -> Site:
    site = Site(root)
    for name, text in DATA.items():
        site.write(f"data/{name}", text)
    site.write("data/ui.yml", (PROJECT / "data" / "ui.yml").read_text(encoding="utf-8"))
    for path, en in EN_PAGES.items():
        site.add_page(path, en, SV_PAGES[path])
    return site


# -- speed ----------------------------------------------------------------------------------------
# PyYAML's pure-Python loader dominates the run time (every check_site re-reads data/ui.yml and the
# other data files). yamlload.loads is a pure function of its arguments, so tests that do not test
# yamlload itself share one parse per distinct text and get a deep copy (values, .line and .key_lines).

_YAML_CACHE: dict = {}


def _copy(value):
    """A deep copy of a yamlload result (Node/Seq keep .line and .key_lines); scalars are immutable."""
    from sesguide.yamlload import Node, Seq

    if isinstance(value, Node):
        out = Node((k, _copy(v)) for k, v in value.items())
        out.line, out.key_lines = value.line, dict(value.key_lines)
        return out
    if isinstance(value, Seq):
        out = Seq(_copy(v) for v in value)
        out.line = value.line
        return out
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def memoized_loads(real):
    from sesguide.problems import ProblemsFound

    def loads(text, path, line_offset=0):
        key = (text, path, line_offset)
        if key not in _YAML_CACHE:
            try:
                _YAML_CACHE[key] = ("ok", real(text, path, line_offset))
            except ProblemsFound as exc:
                _YAML_CACHE[key] = ("err", (list(exc.problems), exc.title))
        kind, value = _YAML_CACHE[key]
        if kind == "err":
            raise ProblemsFound(list(value[0]), value[1])
        return _copy(value)

    return loads
