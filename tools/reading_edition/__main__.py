"""``python -m reading_edition`` is the ``edition`` command."""

import sys

from reading_edition.cli.main import main

sys.exit(main())
