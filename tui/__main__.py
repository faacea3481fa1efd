"""`python -m parallax` runs the command line (no arguments: the reader)."""

from parallax.tui.cli import main

raise SystemExit(main())
