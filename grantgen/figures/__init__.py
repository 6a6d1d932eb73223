"""What follows from the facts: the figures, and the documents the funding plan calls for."""
