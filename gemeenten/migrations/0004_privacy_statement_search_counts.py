"""The privacy statement now says that the infopunt counts searches anonymously (issue 11).

The paragraph goes in after the one about the infopunt, in every language whose text is still
the text seeded by 0002 and 0003: a text a beheerder rewrote is left to them."""
from importlib import import_module

from django.db import migrations
from django.utils import timezone

seeded = import_module("gemeenten.migrations.0002_seed_taxonomy")
translated = import_module("gemeenten.migrations.0003_statements_in_every_language")

SEARCH_COUNTS = {
    "nl": "Wij tellen welke onderwerpen, talen en wijken op het informatiepunt worden gezocht, "
          "per dag en zonder te weten wie zoekt: geen IP-adres, geen tijdstip. Zo ziet de "
          "gemeente wat er ontbreekt. Zoekwoorden bewaren wij 90 dagen.",
    "en": "We count which subjects, languages and districts are searched for at the "
          "information point, per day and without knowing who searches: no IP address, no "
          "time of day. This shows the municipality what is missing. We keep search words "
          "for 90 days.",
    "ar": "نحسب المواضيع واللغات والأحياء التي يُبحث عنها في نقطة المعلومات، لكل يوم ودون أن "
          "نعرف من يبحث: بلا عنوان IP وبلا وقت. هكذا ترى البلدية ما الذي ينقص. نحتفظ بكلمات "
          "البحث لمدة 90 يومًا.",
    "uk": "Ми рахуємо, які теми, мови та райони шукають в інформаційному пункті, за кожен "
          "день і не знаючи, хто шукає: без IP-адреси, без часу. Так громада бачить, чого "
          "бракує. Пошукові слова ми зберігаємо 90 днів.",
    "ti": "ኣብ ቦታ ሓበሬታ ኣየኖት ኣርእስትታት፡ ቋንቋታትን ከባቢታትን ከም ዝድለዩ ብመዓልቲ ንቖጽር፡ መን ከም "
          "ዝደለየ ከይፈለጥና፡ ኣድራሻ IP የለን፡ ሰዓት የለን። በዚ ምምሕዳር ከተማ እንታይ ከም ዝጎድል ይርኢ። "
          "ናይ ምድላይ ቃላት ን90 መዓልታት ንዕቅቦም።",
    "fa": "ما می‌شماریم که در مرکز اطلاعات چه موضوع‌ها، زبان‌ها و محله‌هایی جستجو می‌شوند، برای "
          "هر روز و بدون اینکه بدانیم چه کسی جستجو می‌کند: بدون نشانی IP و بدون ساعت. به این "
          "ترتیب شهرداری می‌بیند چه چیزی کم است. کلمه‌های جستجو را ۹۰ روز نگه می‌داریم.",
    "tr": "Bilgi noktasında hangi konuların, dillerin ve mahallelerin arandığını, gün gün ve "
          "kimin aradığını bilmeden sayarız: IP adresi yok, saat yok. Böylece belediye neyin "
          "eksik olduğunu görür. Arama kelimelerini 90 gün saklarız.",
    "so": "Waxaan tirinnaa mawduucyada, luqadaha iyo xaafadaha laga raadiyo xarunta "
          "macluumaadka, maalin kasta iyo annagoon ogayn cidda raadinaysa: cinwaan IP ma jiro, "
          "waqti ma jiro. Sidaas ayay degmadu ku aragtaa waxa maqan. Ereyada raadinta waxaan "
          "haynaa 90 maalmood.",
}


def _as_seeded() -> dict[str, str]:
    texts = {"nl": seeded.PRIVACY_NL, "en": seeded.PRIVACY_EN}
    texts.update({code: body for code, (_title, body) in translated.PRIVACY.items()})
    return texts


def add_search_counts(apps, schema_editor):
    Statement = apps.get_model("gemeenten", "Statement")
    statement = Statement.objects.filter(slug="privacy").first()
    if statement is None:
        return
    fields = {}
    for code, original in _as_seeded().items():
        body = (getattr(statement, f"body_{code}") or "").replace("\r\n", "\n").strip()
        if body != original.strip():
            continue
        paragraphs = body.split("\n\n")
        paragraphs.insert(2, SEARCH_COUNTS[code])
        fields[f"body_{code}"] = "\n\n".join(paragraphs)
    if fields:
        if "body_nl" in fields:
            fields["body"] = fields["body_nl"]
        Statement.objects.filter(pk=statement.pk).update(updated_at=timezone.now(), **fields)


class Migration(migrations.Migration):
    dependencies = [("gemeenten", "0003_statements_in_every_language")]
    operations = [migrations.RunPython(add_search_counts, migrations.RunPython.noop)]
