import sys

from brief.cli import main

# Guarded: the catalog's worker processes import this module again.
if __name__ == "__main__":
    sys.exit(main())
