"""Integrations: factlint inside other tools.

``hook`` is the pre-commit hook (the staged drafts checked against the whole
corpus); ``pytest_plugin`` collects YAML rules as test items and gives the
``factlint_corpus`` fixture.  They call the rule engine and the reporters.
"""
