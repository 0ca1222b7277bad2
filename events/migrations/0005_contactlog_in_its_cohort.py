"""A follow-up contact names only a participant and a pair of its own cohort: composite
foreign keys on (participant, cohort) and (match, cohort). NULLs (a contact about a pair
only, or a person only) pass, as MATCH SIMPLE lets them."""

from django.db import migrations

SQL = """
ALTER TABLE events_contactlog
    ADD CONSTRAINT contactlog_participant_in_cohort
    FOREIGN KEY (participant_id, cohort_id)
    REFERENCES programs_participant (id, cohort_id) ON DELETE CASCADE;
ALTER TABLE events_contactlog
    ADD CONSTRAINT contactlog_match_in_cohort
    FOREIGN KEY (match_id, cohort_id)
    REFERENCES matching_match (id, cohort_id) ON DELETE CASCADE;
"""

REVERSE = """
ALTER TABLE events_contactlog DROP CONSTRAINT contactlog_participant_in_cohort;
ALTER TABLE events_contactlog DROP CONSTRAINT contactlog_match_in_cohort;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_check_ins"),
        ("programs", "0014_id_cohort_keys"),
        ("matching", "0005_id_cohort_keys"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE)]
