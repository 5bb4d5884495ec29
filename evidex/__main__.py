import sys

from evidex.cli import main

sys.exit(main())
