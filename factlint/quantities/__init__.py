"""Quantities: read every figure of a normalised text into a :class:`~factlint.model.Quantity`.

``numerals`` reads Arabic and Chinese numerals and ``units`` is the table of units and
measure words.  ``pattern`` is the one pattern that finds a quantity; its readers
interpret a match by what it reads: ``dates`` (dates, decades, centuries, times),
``amounts`` (counts, money, measures, durations), ``percent`` (百分之, fractions, 成,
折), ``identifiers`` (idioms, identifiers, addresses: numerals that are no amounts) and
``subjects`` (what is counted), sharing the per-document ``reader``; ``festivals``
(lunar dates, era years) and ``words`` (ages by name, 一半, 数个) read what has no run of
numerals to start from.  ``extractor`` ties
them: it finds each figure with its qualifier, interval, unit, kind, subject and span
in the original text, and hands on plain frozen quantities.
"""
