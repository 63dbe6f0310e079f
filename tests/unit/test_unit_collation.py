"""Swedish alphabetical order (sesguide.collation): å, ä, ö after z; accents and case ignored."""

from __future__ import annotations

from sesguide.collation import sort_key


def sv(words):
    return sorted(words, key=lambda w: sort_key(w, "sv"))


def test_a_ring_a_umlaut_o_umlaut_come_after_z_in_that_order():
    assert sv(["ö", "ä", "å", "z", "a"]) == ["a", "z", "å", "ä", "ö"]
    assert sv(["öra", "ärende", "åtal", "zon", "yrke"]) == ["yrke", "zon", "åtal", "ärende", "öra"]


def test_case_accents_and_punctuation_do_not_decide_the_order():
    assert sv(["Överste", "ödla", "Ärende", "avdelning", "Bo"]) == ["avdelning", "Bo", "Ärende", "ödla", "Överste"]
    assert sv(["exempel", "éclair", "ekonomi"]) == ["éclair", "ekonomi", "exempel"]
    assert sv(["tak (lön)", "takt"]) == ["tak (lön)", "takt"]


def test_swedish_folds_ae_o_slash_and_u_umlaut():
    assert sv(["zz", "ø", "æ"]) == ["zz", "æ", "ø"]  # æ as ä, ø as ö
    assert sv(["yxa", "über", "ugn"]) == ["ugn", "über", "yxa"]  # ü as y


def test_english_order_ignores_case_and_accents():
    en = sorted(["résumé", "Rule", "QRB", "appointee"], key=lambda w: sort_key(w, "en"))
    assert en == ["appointee", "QRB", "résumé", "Rule"]
