"""Helpers of the test suite: reading documents, writing small workspaces, the privacy scan."""
