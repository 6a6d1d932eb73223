"""The shape of the ids people give things: locations, funders, indicators."""

#: an id: lower case letters, digits and '-', starting with a letter or digit
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
