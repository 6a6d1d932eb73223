"""What every layer shares: messages and their language, errors, formatting, paths and files."""
