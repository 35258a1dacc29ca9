"""The package's folders are the pipeline's stages, and imports run only downward."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "factlint"

#: Each stage may import the stages before it, never one after it.
STAGES = ("model", "text", "settings", "quantities", "corpus", "claims", "versions", "rules",
          "ledger", "reporters", "integrations", "commands", "cli", "__main__")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None  # the package root itself has no stage


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import of a factlint module in ``path``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            modules = [target]
            if not node.module:  # from . import x: x is a module
                modules = [f"{target}.{alias.name}" for alias in node.names]
            found += [(node.lineno, m) for m in modules]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, m) for line, m in found if m == "factlint" or m.startswith("factlint.")]


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_stage_is_a_folder_or_module_named_in_STAGES() -> None:
    top = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
           if p.name != "__pycache__" and (p.suffix == ".py" or p.is_dir())}
    assert top - {"__init__"} <= set(STAGES), sorted(top - {"__init__"} - set(STAGES))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_imports_run_downward(path: Path) -> None:
    own = _stage(_module_name(path))
    if own is None:
        return  # factlint/__init__ only re-exports lazily
    upward = []
    for line, target in _imports(path):
        stage = _stage(target)
        if stage is not None and stage in STAGES and STAGES.index(stage) > STAGES.index(own):
            upward.append(f"{path.name}:{line} imports {target} ({stage} is after {own})")
    assert not upward, upward


def test_every_folder_says_what_its_stage_does() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 60, f"{init} needs a docstring saying what the stage does"


def test_each_module_imports_on_its_own() -> None:
    """No import cycles: every module imports first in a fresh interpreter."""
    names = [_module_name(p) for p in MODULES if p.name != "__main__.py"]
    script = ("import importlib, sys\nfor name in sys.argv[1:]:\n"
              "    for m in [k for k in sys.modules if k.startswith('factlint')]:\n"
              "        del sys.modules[m]\n"
              "    importlib.import_module(name)\n")
    subprocess.run([sys.executable, "-c", script, *names], check=True)


def test_old_module_paths_still_import_with_a_deprecation_warning() -> None:
    script = ("import warnings, factlint\n"
              "for old, new in factlint.MOVED_MODULES.items():\n"
              "    with warnings.catch_warnings(record=True) as caught:\n"
              "        warnings.simplefilter('always')\n"
              "        module = __import__(old, fromlist=['_'])\n"
              "    assert module.__name__ == new and module.__spec__.name == new, old\n"
              "    assert any(issubclass(w.category, DeprecationWarning)\n"
              "               and new in str(w.message)\n"
              "               for w in caught), old\n"
              "from factlint.extractor import extract\n"
              "from factlint.check import run_check\n"
              "assert extract('76.8亿元')[0].lo == 7680000000\n")
    subprocess.run([sys.executable, "-c", script], check=True)
