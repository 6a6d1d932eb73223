"""Commands that return data: approve, review, overviews, init."""
