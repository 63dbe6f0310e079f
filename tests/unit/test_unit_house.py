"""The house rules that keep the core movable: sesguide/ imports neither MkDocs (nor its theme and
plugins) nor the tools beside it. The MkDocs side lives in hooks/."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "sesguide"
FORBIDDEN = ("mkdocs", "material", "mkdocs_static_i18n", "tools", "hooks")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_the_core_imports_no_mkdocs_and_no_tools(path):
    bad = [f"{path.name}:{line} imports {name}" for line, name in _imports(path) if name.split(".")[0] in FORBIDDEN]
    assert bad == [], "move MkDocs-facing code to hooks/, tools to tools/"


def test_the_check_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from mkdocs.config import load_config\n", encoding="utf-8")
    assert _imports(sample) == [(2, "mkdocs.config")]
