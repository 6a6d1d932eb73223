"""The facts: the contract of the tables, reading CSV files and the workbook, typing, validating."""
