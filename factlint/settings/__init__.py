"""Settings: the YAML and TOML a user writes, read with positions for every error.

``yamlload`` loads YAML keeping each node's line and column; ``config`` reads
``.factlint.yaml`` or ``[tool.factlint]``; ``sources`` reads the sources file (each
file's publisher, date and medium, and the version groups).  It hands on plain
configuration objects; every mistake is a ``ConfigError`` at ``file:line:column``.
"""
