"""Search words stored before the rule of infopunt.services.word_is_kept (no word with a digit
or an "@": phone numbers, postcodes, house numbers, e-mail addresses) are dropped now rather
than kept until the 90-day retention removes them."""
from django.db import migrations


def drop_words(apps, schema_editor):
    from infopunt.services import word_is_kept

    SearchWordDay = apps.get_model("infopunt", "SearchWordDay")
    dropped = [pk for pk, word in SearchWordDay.objects.values_list("pk", "word").iterator()
               if not word_is_kept(word)]
    for start in range(0, len(dropped), 500):
        SearchWordDay.objects.filter(pk__in=dropped[start:start + 500]).delete()


class Migration(migrations.Migration):
    dependencies = [("infopunt", "0002_field_labels")]
    operations = [migrations.RunPython(drop_words, migrations.RunPython.noop)]
