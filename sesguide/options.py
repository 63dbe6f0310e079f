"""What a build is told from outside: one small object instead of environment variables read deep
in the core.

``python -m sesguide build`` runs each language in its own MkDocs process; those processes can only
be told things through their environment, so ``to_env`` / ``from_env`` are the one place that
translates. Only the CLI and the MkDocs hooks call ``from_env``; core functions take a BuildOptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# field -> environment variable (the wire format between the build and its language processes)
ENV = {
    "checked_digest": "SESGUIDE_CHECKED_DIGEST",
    "html_check": "SESGUIDE_HTML_CHECK",
    "collect_csp": "SESGUIDE_COLLECT_CSP",
    "site_url": "SITE_URL",
    "exit_at_once": "SESGUIDE_EXIT_AT_ONCE",
}


@dataclass(frozen=True)
class BuildOptions:
    # digest of the sources the parent build already checked: a language process whose sources
    # still match skips the same checks
    checked_digest: str | None = None
    # check the built HTML in the language process (full builds do; previews publish nothing)
    html_check: bool = False
    # `make csp-hashes`: collect the theme's inline scripts instead of checking them
    collect_csp: bool = False
    # the public root, overriding site_url in mkdocs.yml (mkdocs.yml reads the same variable)
    site_url: str | None = None
    # a language process of the full build: once its pages are written without a warning it ends
    # without the interpreter's teardown (about 0.1 s with Markdown, Jinja and matplotlib loaded),
    # which the build would otherwise wait for
    exit_at_once: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> BuildOptions:
        return cls(
            checked_digest=environ.get(ENV["checked_digest"]) or None,
            html_check=environ.get(ENV["html_check"]) == "1",
            collect_csp=environ.get(ENV["collect_csp"]) == "1",
            site_url=environ.get(ENV["site_url"]) or None,
            exit_at_once=environ.get(ENV["exit_at_once"]) == "1",
        )

    def to_env(self) -> dict[str, str]:
        env = {}
        if self.checked_digest:
            env[ENV["checked_digest"]] = self.checked_digest
        if self.html_check:
            env[ENV["html_check"]] = "1"
        if self.collect_csp:
            env[ENV["collect_csp"]] = "1"
        if self.site_url:
            env[ENV["site_url"]] = self.site_url
        if self.exit_at_once:
            env[ENV["exit_at_once"]] = "1"
        return env
