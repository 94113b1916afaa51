"""The OSL plans of the seed documents as plain data, for the demo's loader and the tests."""
