"""``python -m voyager`` runs the ``voyager`` command."""

import sys

from voyager.cli import main

sys.exit(main())
