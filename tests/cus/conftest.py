"""The IPUS fixtures the access-log tests build residents' cases with."""

from tests.ipus.conftest import seed_services  # noqa: F401 (fixture)
