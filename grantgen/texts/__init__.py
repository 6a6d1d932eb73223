"""The text library (texts/) and fitting its texts to a document."""
