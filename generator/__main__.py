"""`python -m generator ...`: the contributors' commands (generator/cli)."""

import sys

from generator.cli.commands import main

sys.exit(main())
