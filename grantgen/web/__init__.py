"""The board's web page (`grantgen serve`): review, compare and approve in a browser."""
