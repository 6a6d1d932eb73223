"""The organisation (organisation.yaml) and the funder profiles (funders/*.yaml), as schemas."""
