"""The IPUS fixtures (a completed assessment and the seed's services) and the permission matrix's
accounts (``people``: one per role) for the security tests."""

from tests.ipus.conftest import assessment, seed_services  # noqa: F401 (fixtures)
from tests.security.test_permission_matrix import people  # noqa: F401 (fixture)
