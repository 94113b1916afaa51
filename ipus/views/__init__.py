"""The ipus app's views, one module per topic (ipus/urls.py names each view by its module)."""
