import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
for p in (str(PROJECT), str(HERE.parent / "unit")):
    if p not in sys.path:
        sys.path.insert(0, p)

import pytest  # noqa: E402

from ses_sitekit import memoized_loads  # noqa: E402
from sesguide import yamlload  # noqa: E402


@pytest.fixture(autouse=True)
def _shared_yaml_parses(request, monkeypatch):
    """Speed: one YAML parse per distinct text (see ses_sitekit.memoized_loads); not for yamlload's own tests."""
    if request.module.__name__ != "test_unit_yamlload":
        monkeypatch.setattr(yamlload, "loads", memoized_loads(yamlload.loads))
