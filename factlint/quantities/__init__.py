"""Quantities: read every figure of a normalised text into a :class:`~factlint.model.Quantity`.

``numerals`` reads Arabic and Chinese numerals, ``units`` is the table of units and
measure words, and ``extractor`` finds each figure with its qualifier, interval, unit,
kind, subject and span in the original text.  It hands on plain frozen quantities.
"""
