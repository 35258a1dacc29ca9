"""One module per subcommand; see :mod:`factlint.cli`."""
