"""yamlload: safe loading, duplicate keys, line numbers, encodings, dates as text."""

import pytest
from ses_sitekit import syntax

from sesguide import pages, yamlload
from sesguide.problems import Problem, ProblemsFound

SYNTAX_FIX = (
    "Correct the YAML syntax at that line (indentation, quotes, colons); each key may appear only once per mapping."
)


def problems_of(text, path="data/x.yml"):
    with pytest.raises(ProblemsFound) as exc:
        yamlload.loads(text, path)
    assert exc.value.title == "Could not read a data file"
    return exc.value.problems


@pytest.mark.parametrize(
    "text, line, message",
    [
        # duplicate key: names the key, the line of the repeat (problem line) and the first line
        ("a: 1\nb: 2\na: 3\n", 3, "invalid YAML: while reading a mapping found duplicate key 'a' (first at line 1)"),
        (
            "top:\n  x: 1\n  y: 2\n\n  x: 3\n",
            5,
            "invalid YAML: while reading a mapping found duplicate key 'x' (first at line 2)",
        ),
        (
            "- id: one\n  id: two\n",
            2,
            "invalid YAML: while reading a mapping found duplicate key 'id' (first at line 1)",
        ),
        # malformed YAML: the line where the parser stopped
        (
            "a: 1\n b: 2\n",
            2,
            syntax("mapping values are not allowed here", "mapping values are not allowed in this context"),
        ),
        (
            "a:\n  b: 1\n  c: [1, 2\nd: 3\n",
            4,
            syntax(
                "while parsing a flow sequence expected ',' or ']', but got ':'",
                "while parsing a flow sequence did not find expected ',' or ']'",
            ),
        ),
        (
            "a: 1\n\tb: 2\n",
            2,
            syntax(
                "while scanning for the next token found character '\\t' that cannot start any token",
                "while scanning a plain scalar found a tab character that violates indentation",
            ),
        ),
        (
            "a: 1\n- b\n",
            2,
            syntax(
                "while parsing a block mapping expected <block end>, but found '-'",
                "while parsing a block mapping did not find expected key",
            ),
        ),
        ("a: 'x\nb: 1\n", 3, "invalid YAML: while scanning a quoted scalar found unexpected end of stream"),
        # safe loading: Python tags and unknown tags are refused, never constructed
        (
            "x: !!python/object/apply:os.system ['echo hi']\n",
            1,
            "invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        ),
        (
            "a: 1\nx: !!python/object:builtins.dict {}\n",
            2,
            "invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:builtins.dict'",
        ),
        (
            "x: !!python/name:os.system\n",
            1,
            "invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'",
        ),
        ("x: !custom 1\n", 1, "invalid YAML: could not determine a constructor for the tag '!custom'"),
        ("? [1, 2]\n: x\n", 1, "invalid YAML: a mapping key must be a plain value"),
    ],
)
def test_loads_faults(text, line, message):
    assert problems_of(text) == [Problem("data/x.yml", line, message, SYNTAX_FIX)]


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"x: !!python/object/apply:os.system ['touch {marker}']\n"
    problems_of(text)
    assert not marker.exists()


def test_dates_and_times_stay_strings():
    value = yamlload.loads("d: 2025-10-01\nt: 2025-10-01 12:00:00\nl: [2026-11-23]\n", "data/x.yml")
    assert value == {"d": "2025-10-01", "t": "2025-10-01 12:00:00", "l": ["2026-11-23"]}
    assert all(type(v) is str for v in (value["d"], value["t"], value["l"][0]))


def test_key_lines_and_node_lines():
    value = yamlload.loads("# comment\nitems:\n  - id: a\n    name: A\n  - id: b\n", "data/x.yml")
    assert value.key_lines == {"items": 2}
    assert value["items"].line == 3
    assert [item.line for item in value["items"]] == [3, 5]
    assert value["items"][0].key_lines == {"id": 3, "name": 4}


def test_empty_text_is_none():
    assert yamlload.loads("", "data/x.yml") is None
    assert yamlload.loads("# only a comment\n", "data/x.yml") is None


def test_load_non_utf8(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yml").write_bytes(b"name: caf\xe9\n")  # Latin-1
    with pytest.raises(ProblemsFound) as exc:
        yamlload.load(tmp_path / "data" / "x.yml", tmp_path)
    assert exc.value.problems == [
        Problem("data/x.yml", None, "not UTF-8 text (invalid continuation byte)", "Save the file as UTF-8.")
    ]
    assert exc.value.title == "Could not read a data file"


def test_load_missing_file(tmp_path):
    with pytest.raises(ProblemsFound) as exc:
        yamlload.load(tmp_path / "data" / "gone.yml", tmp_path)
    assert exc.value.problems == [Problem("data/gone.yml", None, "file is missing", "Restore the file from git.")]


def test_load_reports_path_relative_to_root(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yml").write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as exc:
        yamlload.load(tmp_path / "data" / "x.yml", tmp_path)
    assert [str(p).split("\n")[0] for p in exc.value.problems] == [
        "data/x.yml:2: invalid YAML: while reading a mapping found duplicate key 'a' (first at line 1)"
    ]


def test_front_matter_error_line_is_a_file_line():
    text = "---\ntitle: A\ndescription: [x\n---\n# T { #t }\n"
    with pytest.raises(ProblemsFound) as exc:
        pages.parse(text, "en", "x.md", "docs/en/x.md")
    assert [(p.path, p.line, p.message) for p in exc.value.problems] == [
        (
            "docs/en/x.md",
            4,
            syntax(
                "while parsing a flow sequence expected ',' or ']', but got '<stream end>'",
                "while parsing a flow sequence did not find expected ',' or ']'",
            ),
        )
    ]


def test_front_matter_duplicate_key_lines_are_file_lines():
    text = "---\ntitle: A\ntitle: B\n---\n# T { #t }\n"
    with pytest.raises(ProblemsFound) as exc:
        pages.parse(text, "en", "x.md", "docs/en/x.md")
    assert [(p.path, p.line, p.message) for p in exc.value.problems] == [
        ("docs/en/x.md", 3, "invalid YAML: while reading a mapping found duplicate key 'title' (first at line 2)")
    ]


def test_aliases_are_refused():
    with pytest.raises(ProblemsFound) as exc:
        yamlload.loads("a: &x [1, 2]\nb: *x\n", "data/x.yml")
    (p,) = exc.value.problems
    assert (p.path, p.line) == ("data/x.yml", 2)
    assert "alias" in p.message
