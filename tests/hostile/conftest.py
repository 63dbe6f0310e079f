import pytest
from ses_sitekit import memoized_loads  # tests/ses_sitekit.py

from sesguide import yamlload


@pytest.fixture(autouse=True)
def _shared_yaml_parses(request, monkeypatch):
    """Speed: one YAML parse per distinct text (see ses_sitekit.memoized_loads); not for yamlload's own tests."""
    if request.module.__name__ != "test_unit_yamlload":
        monkeypatch.setattr(yamlload, "loads", memoized_loads(yamlload.loads))
