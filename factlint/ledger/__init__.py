"""The ledger of published figures: what the newsroom has already printed.

``claims`` says what a claim is and under which key it is kept, ``store`` keeps
claims in SQLite or PostgreSQL, and ``check`` compares a draft's claims with them
(the ``ledger`` check that ``factlint check --ledger`` runs).
"""

#: The id of the ledger check (``factlint.ledger.check.NAME``), here so that a run
#: without a ledger names it without importing the ledger.
CHECK_NAME = "ledger"
