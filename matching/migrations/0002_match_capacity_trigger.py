"""A mentor never has more live (proposed or active) matches than their capacity.

A check constraint cannot count rows, so a trigger does it. It first locks the mentor's
participant row: two transactions adding a match for the same mentor at once are
serialised, and the second one sees the first's match when it counts.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION matching_match_capacity() RETURNS trigger AS $$
DECLARE
    allowed integer;
    live integer;
BEGIN
    IF NEW.state NOT IN ('proposed', 'active') THEN
        RETURN NEW;
    END IF;
    SELECT capacity INTO allowed FROM programs_participant WHERE id = NEW.mentor_id FOR UPDATE;
    SELECT count(*) INTO live FROM matching_match
        WHERE mentor_id = NEW.mentor_id
          AND state IN ('proposed', 'active')
          AND id <> COALESCE(NEW.id, -1);
    IF live + 1 > allowed THEN
        RAISE EXCEPTION 'mentor % has no free place (capacity %)', NEW.mentor_id, allowed
            USING ERRCODE = 'check_violation', CONSTRAINT = 'match_mentor_capacity';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER match_mentor_capacity
    BEFORE INSERT OR UPDATE OF state, mentor_id ON matching_match
    FOR EACH ROW EXECUTE FUNCTION matching_match_capacity();
"""

DROP = """
DROP TRIGGER IF EXISTS match_mentor_capacity ON matching_match;
DROP FUNCTION IF EXISTS matching_match_capacity();
"""


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]
