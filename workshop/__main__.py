import os
import sys

from workshop.cli import main

try:
    sys.exit(main())
except BrokenPipeError:  # e.g. `python -m workshop check --list | head`: the reader left early
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise
    sys.exit(1)
