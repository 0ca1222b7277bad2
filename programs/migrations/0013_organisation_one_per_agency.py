"""One organisation per agency: duplicates that differ only in case, spacing or
punctuation are merged into the oldest (every reference moved), then the database
refuses new ones. The merge is a snapshot of programs.services.organisations.
organisation_merge for the historical models."""

import django.db.models.functions.text
from django.db import migrations, models


NORMALISED = models.Func(
    django.db.models.functions.text.Lower(
        models.Func(
            models.F("name"),
            models.Value("[[:punct:][:space:]]+"),
            models.Value(" "),
            models.Value("g"),
            function="regexp_replace",
            output_field=models.CharField(),
        )
    ),
    function="btrim",
    output_field=models.CharField(),
)


def merge_duplicates(apps, schema_editor):
    Organisation = apps.get_model("programs", "Organisation")
    Program = apps.get_model("programs", "Program")
    Contact = apps.get_model("programs", "OrganisationContact")
    Profile = apps.get_model("programs", "Profile")
    Participant = apps.get_model("programs", "Participant")
    Nomination = apps.get_model("programs", "Nomination")
    groups = {}
    for org in Organisation.objects.annotate(key=NORMALISED).order_by("pk"):
        groups.setdefault(org.key, []).append(org)
    for keep, *others in groups.values():
        for other in others:
            Program.objects.filter(organiser=other).update(organiser=keep)
            for contact in Contact.objects.filter(organisation=other):
                if Contact.objects.filter(
                    organisation=keep, user_id=contact.user_id, program_id=contact.program_id
                ).exists():
                    contact.delete()
                else:
                    Contact.objects.filter(pk=contact.pk).update(organisation=keep)
            Profile.objects.filter(organisation=other).update(organisation=keep)
            Participant.objects.filter(organisation=other).update(organisation=keep)
            Participant.objects.filter(paying_organisation=other).update(paying_organisation=keep)
            Nomination.objects.filter(organisation=other).update(organisation=keep)
            other.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0012_application_unconfirmed'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='programs',
            field=models.ManyToManyField(blank=True, help_text='The programs whose application form offers it.', related_name='listed_organisations', to='programs.program', verbose_name='listed in programs'),
        ),
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
        migrations.AddField(
            model_name='organisation',
            name='name_key',
            field=models.GeneratedField(db_persist=True, expression=models.Func(django.db.models.functions.text.Lower(models.Func(models.F('name'), models.Value('[[:punct:][:space:]]+'), models.Value(' '), models.Value('g'), function='regexp_replace', output_field=models.CharField())), function='btrim', output_field=models.CharField()), output_field=models.CharField(max_length=200)),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.UniqueConstraint(fields=('name_key',), name='organisation_name_normalised_unique', violation_error_message='An organisation with this name exists already (case, spacing and punctuation aside).'),
        ),
    ]
