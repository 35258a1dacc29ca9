"""Commands: one thin module per subcommand (parse arguments, call the library, print).

See :mod:`factlint.cli`, which lists them.
"""
