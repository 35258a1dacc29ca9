"""``python -m factlint``."""

import sys

from .cli import main

sys.exit(main())
