"""The osl app's views, one module per topic (osl/urls.py names each view by its module)."""
