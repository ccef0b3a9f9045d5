"""The only package that knows about model vendors."""
