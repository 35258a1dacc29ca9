"""Versions: align two versions of an article and report the figures that changed.

``diff`` keys sentences by their text with figures masked, anchors the unique keys,
pairs figures inside aligned sentences and the rest by their context, and compares
them by meaning.  It hands on findings (``changed-value``, ``only-in-one``, …) to
``factlint diff`` and to the built-in ``cross-source`` rule.
"""
