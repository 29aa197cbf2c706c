"""Two chairmanship terms never overlap, enforced by the database itself.

PostgreSQL has an exclusion constraint for exactly this rule. SQLite has none, so there the same
rule is a pair of triggers that abort with the constraint's name. Both treat a term as the days
from its first to its last, both included, so back-to-back terms (ending 30 June, starting 1 July)
are allowed. Chairmanship.clean() gives editors the same rule as a readable form error.

On SQLite, Django rebuilds a table to alter it, and the rebuild drops its triggers: a later migration
that alters themes_chairmanship must create them again. The test suite inserts an overlapping term
behind the ORM's back on both databases, so a lost rule fails the tests.
"""

from django.db import migrations

NAME = "themes_chairmanship_terms_do_not_overlap"

POSTGRESQL_FORWARD = f"""
ALTER TABLE themes_chairmanship ADD CONSTRAINT {NAME}
    EXCLUDE USING gist (daterange(starts_on, ends_on, '[]') WITH &&);
"""
POSTGRESQL_BACKWARD = f"ALTER TABLE themes_chairmanship DROP CONSTRAINT {NAME};"

SQLITE_TRIGGER = """
CREATE TRIGGER {name}_{event} BEFORE {event} ON themes_chairmanship
WHEN EXISTS (
    SELECT 1 FROM themes_chairmanship AS other
    WHERE other.id IS NOT NEW.id AND other.starts_on <= NEW.ends_on AND other.ends_on >= NEW.starts_on
)
BEGIN
    SELECT RAISE(ABORT, '{name}: two chairmanship terms overlap');
END;
"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORWARD)
    elif vendor == "sqlite":
        for event in ("insert", "update"):
            schema_editor.execute(SQLITE_TRIGGER.format(name=NAME, event=event))
    else:
        raise NotImplementedError(f"No overlap rule for chairmanships on {vendor}.")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACKWARD)
    elif vendor == "sqlite":
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER {NAME}_{event};")


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
