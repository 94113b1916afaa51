"""Models of the osl app (added by later issues)."""
