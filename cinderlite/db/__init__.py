"""The data layer: the only package that opens sessions or issues queries."""
