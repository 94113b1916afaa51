"""Models of the ipus app (added by later issues)."""
