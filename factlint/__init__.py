"""factlint: numeric fact-checking and consistency linting for Chinese text.

Public API (imported lazily so that ``factlint --help`` starts fast)::

    factlint.extract(text, path=None) -> list[Quantity]
    factlint.parse("7436万多名") -> Quantity
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["extract", "parse", "approx", "Quantity", "Span", "Finding", "Location", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .approximate import approx
    from .extractor import extract, parse
    from .model import Finding, Location, Quantity, Span

_LAZY = {
    "extract": ("factlint.extractor", "extract"),
    "parse": ("factlint.extractor", "parse"),
    "approx": ("factlint.approximate", "approx"),
    "Quantity": ("factlint.model", "Quantity"),
    "Span": ("factlint.model", "Span"),
    "Finding": ("factlint.model", "Finding"),
    "Location": ("factlint.model", "Location"),
}


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'factlint' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value
