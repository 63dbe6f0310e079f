import pytest
from ses_sitekit import Site, make_site, memoized_loads  # tests/ses_sitekit.py

from sesguide import yamlload


@pytest.fixture
def site(tmp_path) -> Site:
    """A minimal valid site root; ``site.check()`` returns [] until a test changes something.

    Deliberately overrides the session fixture ``site`` of tests/conftest.py (the real, slow build)
    for the tests in this folder."""
    return make_site(tmp_path)


@pytest.fixture(autouse=True)
def _shared_yaml_parses(request, monkeypatch):
    """Speed: one YAML parse per distinct text (see ses_sitekit.memoized_loads); not for yamlload's own tests."""
    if request.module.__name__ != "test_unit_yamlload":
        monkeypatch.setattr(yamlload, "loads", memoized_loads(yamlload.loads))
