"""Word: the only modules that import docxtpl, python-docx or lxml."""
