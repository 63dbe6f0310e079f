"""Release and measurement tools beside the site (not part of it): the benchmark (``tools.bench``),
the dependency audit (``tools.audit``) and the inline-script allowlist (``tools.csp_hashes``).
They use the core in ``sesguide``; the core never imports them."""
