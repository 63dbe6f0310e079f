"""The published API schemas (schemas/*.schema.json) agree with the data files' schemas
(sesguide/datashapes.py): one set of definitions, so the API never promises a value the data may not hold."""

import json
import re

import pytest
from ses_sitekit import PROJECT

from sesguide import datashapes, schema


def api(name: str) -> dict:
    return json.loads((PROJECT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def item(name: str, listing: str) -> dict:
    return api(name)["properties"][listing]["items"]["properties"]


@pytest.mark.parametrize(
    "api_values, data_spec",
    [
        (
            item("qualifications", "qualifications")["framework"]["enum"],
            datashapes.QUALIFICATION["properties"]["framework"],
        ),
        (item("qualifications", "qualifications")["status"]["enum"], datashapes.QUALIFICATION["properties"]["status"]),
        (item("sources", "sources")["kind"]["enum"], datashapes.SOURCE["properties"]["kind"]),
        (
            item("pay", "years")["reliability"]["additionalProperties"]["enum"],
            datashapes.PAY_ROW["properties"]["reliability"]["properties"]["minimum"],
        ),
    ],
)
def test_api_enums_are_the_data_enums(api_values, data_spec):
    assert api_values == data_spec["enum"]


@pytest.mark.parametrize("sample", ["ecq-2025-4", "opm-memo", "a", "Not-An-Id", "a--b", "-a", "a-", "a_b", ""])
def test_api_ids_accept_exactly_what_the_data_accepts(sample):
    for name, listing in (("qualifications", "qualifications"), ("sources", "sources")):
        api_ok = re.search(item(name, listing)["id"]["pattern"], sample) is not None
        assert api_ok == (schema.validate(sample, schema.ID, "f") == []), (name, sample)


def test_api_lower_bounds_hold_for_the_data_bounds():
    assert item("pay", "years")["year"]["minimum"] <= datashapes.PAY_ROW["properties"]["year"]["minimum"]
    assert (
        item("qualifications", "qualifications")["order"]["minimum"]
        <= datashapes.QUALIFICATION["properties"]["order"]["minimum"]
    )
