"""Models of the services app (added by later issues)."""
