"""Allow ``python -m idlibstats``."""

import sys

from idlibstats.cli import main

sys.exit(main())
