"""The IPUS fixtures (a completed assessment and the seed's services) for the security tests."""

from tests.ipus.conftest import assessment, seed_services  # noqa: F401 (fixtures)
