"""The documents: the template context of every kind, built from facts, figures and texts."""
