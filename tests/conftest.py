"""Test-wide settings.

Hypothesis explores new examples on every run by default.  In CI (``CI`` set, as
``.ci/run`` is run) it draws the same examples every time, so that a submission's result
does not depend on luck; a developer's runs still explore.  No deadline either way: the
machines are shared and a slow example is not a wrong one.

The per-user cache key is made in a folder of the test session (XDG_CACHE_HOME).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture(autouse=True)
def _private_user_cache(_user_cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-user cache key (factlint.text.cachefiles) is made in a folder of the test
    session, never in the developer's own ~/.cache; subprocesses inherit it."""
    monkeypatch.setenv("XDG_CACHE_HOME", _user_cache)
