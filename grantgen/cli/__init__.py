"""The command line: the only layer that formats for the terminal."""
