"""``python3 -m orgnet``: the command line (see orgnet.cli)."""

import sys

from .cli import main

sys.exit(main())
