from django.db import migrations, models
from django.db.models import F


def english_names(apps, schema_editor):
    """Diplomas issued before this kept only the Swedish names: take the English ones
    from their program and cohort where those still exist."""
    Diploma = apps.get_model("programs", "Diploma")
    for diploma in Diploma.objects.filter(participant__isnull=False).annotate(
        program_en=F("participant__cohort__program__name_en"),
        cohort_en=F("participant__cohort__name_en"),
    ):
        diploma.program_name_en = diploma.program_en or ""
        diploma.cohort_name_en = diploma.cohort_en or ""
        diploma.save(update_fields=["program_name_en", "cohort_name_en"])


class Migration(migrations.Migration):
    dependencies = [("programs", "0022_organisation_sso")]

    operations = [
        migrations.RenameField("diploma", "program_name", "program_name_sv"),
        migrations.RenameField("diploma", "cohort_name", "cohort_name_sv"),
        migrations.AlterField(
            model_name="diploma",
            name="program_name_sv",
            field=models.CharField(max_length=200, verbose_name="program (Swedish)"),
        ),
        migrations.AlterField(
            model_name="diploma",
            name="cohort_name_sv",
            field=models.CharField(max_length=200, verbose_name="cohort (Swedish)"),
        ),
        migrations.AddField(
            model_name="diploma",
            name="program_name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="program (English)"),
        ),
        migrations.AddField(
            model_name="diploma",
            name="cohort_name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="cohort (English)"),
        ),
        migrations.RunPython(english_names, migrations.RunPython.noop),
    ]
