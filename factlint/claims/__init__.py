"""Claims: which figures rules talk about, and when two readings of a claim agree.

``select`` picks claims (a quantity in its document and sentence) with a rule's
selector; ``agree`` decides whether two intervals agree once rounding is allowed for;
``approximate`` is :func:`factlint.approx` for assertions in Python.  It hands on
claims and verdicts to the rules.
"""

from .select import (  # noqa: F401  (the stage's public names, as factlint.claims had them)
    REGEX_TIMEOUT,
    SELECTOR_KEYS,
    Claim,
    Selector,
    compile_regex,
    parse_selector,
    select,
)
