"""factlint: numeric fact-checking and consistency linting for Chinese text.

Public API (imported lazily so that ``factlint --help`` starts fast)::

    factlint.extract(text, path=None) -> list[Quantity]
    factlint.parse("7436万多名") -> Quantity
    factlint.check_corpus(paths, config=None, client=None) -> CheckResult
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["extract", "parse", "approx", "check_corpus", "CheckResult", "Quantity", "Span",
           "Finding", "Location", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .claims.approximate import approx
    from .model import Finding, Location, Quantity, Span
    from .quantities.extractor import extract, parse
    from .rules.engine import CheckResult, check_corpus

_LAZY = {
    "extract": ("factlint.quantities.extractor", "extract"),
    "parse": ("factlint.quantities.extractor", "parse"),
    "approx": ("factlint.claims.approximate", "approx"),
    "check_corpus": ("factlint.rules.engine", "check_corpus"),
    "CheckResult": ("factlint.rules.engine", "CheckResult"),
    "Quantity": ("factlint.model", "Quantity"),
    "Span": ("factlint.model", "Span"),
    "Finding": ("factlint.model", "Finding"),
    "Location": ("factlint.model", "Location"),
}


#: Modules that moved when the package took one folder per stage (0.2).  The old
#: paths still import, for one release, with a DeprecationWarning naming the new one.
MOVED_MODULES: dict[str, str] = {
    "factlint.textio": "factlint.text.files",
    "factlint.normalize": "factlint.text.normalize",
    "factlint.numerals": "factlint.quantities.numerals",
    "factlint.units": "factlint.quantities.units",
    "factlint.extractor": "factlint.quantities.extractor",
    "factlint.document": "factlint.corpus",
    "factlint.agree": "factlint.claims.agree",
    "factlint.approximate": "factlint.claims.approximate",
    "factlint.check": "factlint.rules.engine",
    "factlint.safe_eval": "factlint.rules.safe_eval",
    "factlint.diff": "factlint.versions.diff",
    "factlint.config": "factlint.settings.config",
    "factlint.yamlload": "factlint.settings.yamlload",
    "factlint.sources": "factlint.settings.sources",
    "factlint.hook": "factlint.integrations.hook",
    "factlint.pytest_plugin": "factlint.integrations.pytest_plugin",
}


class _MovedModuleFinder:
    """Import an old module path as the module it moved to, with a DeprecationWarning.

    A finder and loader by its methods alone: subclassing ``importlib.abc`` imported
    ``importlib.resources``, ``tempfile`` and ``shutil`` on every start (about 10 ms).
    """

    def __init__(self) -> None:
        self._own_specs: dict[str, Any] = {}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname not in MOVED_MODULES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: Any) -> Any:
        new = MOVED_MODULES[spec.name]
        warnings.warn(f"{spec.name} moved to {new}; the old path goes in the next release",
                      DeprecationWarning, stacklevel=2)
        module = importlib.import_module(new)
        self._own_specs[new] = module.__spec__
        return module

    def exec_module(self, module: Any) -> None:
        # The module ran under its new name already; the import system has just set its
        # __spec__ to the old name's, so give it back its own.
        module.__spec__ = self._own_specs[module.__name__]


if not any(isinstance(finder, _MovedModuleFinder) for finder in sys.meta_path):
    sys.meta_path.append(_MovedModuleFinder())


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'factlint' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value
