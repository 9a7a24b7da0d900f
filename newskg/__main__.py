import sys

from newskg.cli import main

sys.exit(main())
