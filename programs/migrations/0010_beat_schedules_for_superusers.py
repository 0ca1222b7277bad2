"""Coordinators lose the permissions on beat's schedules: those tasks run for every
program at once, and are the superuser's."""

from django.db import migrations


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    beat = Permission.objects.filter(content_type__app_label="django_celery_beat")
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.remove(*beat)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0009_privacy"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
