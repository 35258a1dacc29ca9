"""Test-wide settings.

Hypothesis explores new examples on every run by default.  In CI (``CI`` set, as
``.ci/run`` is run) it draws the same examples every time, so that a submission's result
does not depend on luck; a developer's runs still explore.  No deadline either way: the
machines are shared and a slow example is not a wrong one.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
