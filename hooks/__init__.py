"""The MkDocs side of the house: the hooks MkDocs loads from mkdocs.yml (sesguide_hooks.py) and the
process that forks the language builds of `python -m sesguide build` (fork_languages.py). The core,
sesguide/, never imports MkDocs; these files are the thin layer that does."""
