"""`python -m grantgen` runs the command line."""

from grantgen.cli.main import main

main()
