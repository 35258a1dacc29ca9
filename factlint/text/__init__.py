"""Text in: decode a file (UTF-8, UTF-16 with BOM, GB18030) and normalise it once.

``files`` finds and decodes the inputs; ``normalize`` folds width and traditional
numeral forms one character to one, joins OCR gaps inside a paragraph and keeps an
offset map and line index back to the original.  It hands on a normalised text whose
every position can be reported as the original ``path:line:column``.
"""
