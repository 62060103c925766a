"""Fonder's process side: settings, the application factory, jobs, console, entry point."""

import os

# PTB 22 returns durations as timedelta when this is set (and warns otherwise); we want them.
os.environ.setdefault("PTB_TIMEDELTA", "true")
