"""Lookups of the project, and how searches fold Polish text.

Residents type without Polish letters ("taksowka", "Zolkiewski") and in any case; the
searches fold both sides the same way, in SQL, with PostgreSQL's ``unaccent``. Both
mechanisms below use what cus migration 0014 creates:

- ``cus_unaccent(text)``: ``unaccent`` declared IMMUTABLE (it is STABLE because its
  dictionary could be edited; ours never is), so expression indexes can hold it. Name
  prefixes (``iprefix``, person search and the plan list) compare
  ``UPPER(cus_unaccent(col))``, served by the ``text_pattern_ops`` indexes of ipus 0023.
- ``SEARCH_CONFIG``: the "simple" text-search configuration with ``unaccent`` in front,
  for the words of the service catalogue (services.models.SEARCH_VECTOR, its GIN index in
  services 0007); a query word matches the words it begins ("przejazd" → "przejazdy").
"""

from django.db.models import CharField
from django.db.models.lookups import IStartsWith

FOLD_FUNCTION = "cus_unaccent"
SEARCH_CONFIG = "cus_search"

# The greatest Unicode code point (a noncharacter, never in a name): every string that
# starts with a prefix sorts, byte-wise as text_pattern_ops compares, between the prefix
# and the prefix followed by it.
_LAST_CHAR = "chr(1114111)"


def folded_sql(sql):
    """``sql`` (a text expression) folded as the prefix indexes hold it: no diacritics, upper case."""
    return f"UPPER({FOLD_FUNCTION}(({sql})::text))"


class IPrefix(IStartsWith):
    """``istartswith`` that ignores diacritics and that a prepared statement can still serve
    from a prefix index.

    ``UPPER(col) LIKE UPPER($1)`` finds its index range only when the pattern is a
    constant. Statements are prepared after their fifth run (cus.settings
    ``prepare_threshold``), and PostgreSQL's generic plan of a name search then read all
    100 000 persons (12 ms instead of 1 ms at metro scale). On PostgreSQL this lookup is
    the same prefix written as a range over the folded text, ``F(col) ~>=~ F($1) AND
    F(col) ~<~ (F($1) || chr(1114111))`` with ``F(x) = UPPER(cus_unaccent(x))``, which a
    ``F(col) text_pattern_ops`` index serves with any parameter. No LIKE beside it:
    PostgreSQL would multiply the two estimates of the same condition and plan for 3 rows
    instead of 500. Elsewhere it is istartswith (diacritics then count).
    """

    # Registered as "iprefix" (below).
    def as_postgresql(self, compiler, connection):
        if not (self.rhs_is_direct_value() and isinstance(self.rhs, str)):
            return self.as_sql(compiler, connection)
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        column, value = folded_sql(lhs_sql), folded_sql("%s")
        sql = f"({column} ~>=~ {value} AND {column} ~<~ ({value} || {_LAST_CHAR}))"
        return sql, (*lhs_params, self.rhs, *lhs_params, self.rhs)


CharField.register_lookup(IPrefix, lookup_name="iprefix")
