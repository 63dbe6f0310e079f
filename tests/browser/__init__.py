"""Browser tests (Playwright + Debian Chromium). A package so its modules and conftest do not
collide with tests/conftest.py (`from conftest import ROOT` in the other test modules)."""
