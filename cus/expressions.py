"""Query expressions of the project."""

from django.db.models import Value


class Inline(Value):
    """A constant written into the SQL instead of being bound as a parameter.

    Statements are prepared after their fifth run (cus.settings ``prepare_threshold``)
    and PostgreSQL then reuses a generic plan that cannot see bound values. For a
    filter on a skewed column that matters: "open requests" are 1 % of all, but the
    generic plan of ``status IN ($1, $2) ORDER BY received_at LIMIT 25`` assumed a
    third and walked 120 000 requests by date (150 ms instead of 1 ms). Only for
    constants from the code, never for user input (they are quoted by psycopg, but a
    constant per user value would also prepare a statement per value).
    """

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        if not params:
            return sql, params
        return connection.ops.compose_sql(sql, params), ()
