"""SES Guide core: plain-Python rules, data and rendering for the site.

Nothing in this package imports MkDocs. The MkDocs hooks in ``hooks/`` only adapt MkDocs
events to these functions, so a move to another generator (Zensical, or anything that can
call Python) keeps every rule, check and renderer.
"""

LANGUAGES = ("en", "sv")
DEFAULT_LANGUAGE = "en"
