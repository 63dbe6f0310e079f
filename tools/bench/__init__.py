"""Build-time and page-weight benchmark: ``python -m tools.bench`` (``make bench``).

A benchmark, not a test: it measures, prints a table with PASS/FAIL against the targets below and
writes the same table to bench/RESULTS.md (plus raw numbers to bench/results-<time>.json, which
git ignores). Nothing here is asserted by the test suite.

All builds run on a snapshot copy of the working tree (including .git, so the git calls of the
translation-freshness code behave as in the real repository) in a temporary directory, so edits
made while the benchmark runs cannot change what is measured and nothing in the project is
written except bench/.

Build times are taken by hyperfine (tools/bench/timing.py), each command as a whole process;
the hook profile (h) by cProfile. Sections (medians of --runs runs, after one discarded warm-up
run where noted; a, a', b and c alternate, one run of each per round):
  a   full strict bilingual build, `python -m sesguide build --jobs 2` into a temp dir
  a'  the same with --jobs 1 (the two languages one after the other)
  b   English only: BUILD_ONLY_LOCALE=en mkdocs build --strict into a temp dir
  c   the two per-language mkdocs builds (in parallel, as in a) of a generated copy of
      mkdocs.yml without the project's hooks; no source check, no merge, no finalize
  h   diagnosis: time spent inside the hooks of one real language build, per event and per
      sesguide function (data loading, source checks, git calls, YAML parsing, templates)
  d   synthetic sites of 50/200/500 pages per language, full pipeline
  e   page weight in Chromium (everything fetched until the network is idle, gzip -9): the first
      view of every content page, the twin page after it, the first search; Lighthouse (mobile)
      on the typical and the heaviest page of each language
  f   translator preview: BUILD_ONLY_LOCALE=sv mkdocs serve --dirtyreload, time from editing one
      Swedish page until the served page contains the edit

The sections live in their own modules: builds (a, a', b, c), hooks (h, with hookchild, the
instrumented language process), synthetic (d), weight, browser and lighthouse (e), preview (f); timing, project copies,
report and common are shared (the report's sections are in report_builds and report_weight).
"""
