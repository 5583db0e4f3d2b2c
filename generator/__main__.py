"""`python -m generator ...`: the contributors' commands (generator/cli)."""

import os
import sys

from generator.cli.commands import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader of the output left early (`python -m generator status | head`): no traceback. The rest of the
    # output goes nowhere, so that Python's own flush at exit does not fail again.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
sys.exit(code)
