"""`python -m grantgen` runs the command line."""

from .cli import main

main()
