"""Seed the fixed taxonomy: themes and target groups (names in every interface language),
spoken languages, and the privacy and accessibility statements."""
from django.db import migrations

LANGS = ["nl", "en", "ar", "uk", "ti", "fa", "tr", "so"]

THEMES = [
    ("taal", "Taal|Language|اللغة|Мова|ቋንቋ|زبان|Dil|Luqadda"),
    ("maatje", "Maatje|Buddy|رفيق|Друг-помічник|መሓዛ|همراه|Arkadaş|Saaxiib"),
    ("ontmoeting", "Ontmoeting|Meeting people|لقاء الناس|Зустрічі|ምርኻብ|دیدار و آشنایی|Buluşma|Kulan"),
    ("koken", "Koken en eten|Cooking and food|الطبخ والطعام|Кулінарія та їжа|ምግቢ ምስራሕን ምብላዕን|آشپزی و غذا|Yemek pişirme ve yemek|Karinta iyo cuntada"),
    ("kunst", "Kunst en cultuur|Art and culture|الفن والثقافة|Мистецтво та культура|ስነ-ጥበብን ባህልን|هنر و فرهنگ|Sanat ve kültür|Farshaxanka iyo dhaqanka"),
    ("sport", "Sport en bewegen|Sport and exercise|الرياضة والحركة|Спорт і рух|ስፖርትን ምንቅስቓስን|ورزش و تحرک|Spor ve hareket|Ciyaaraha iyo jimicsiga"),
    ("werk", "Werk|Work|العمل|Робота|ስራሕ|کار|İş|Shaqo"),
    ("vrijwilligerswerk", "Vrijwilligerswerk|Volunteering|العمل التطوعي|Волонтерство|ወለንታዊ ስራሕ|کار داوطلبانه|Gönüllü çalışma|Shaqo tabarruc"),
    ("kennis", "Kennis over Nederland|Knowing the Netherlands|التعرف على هولندا|Знання про Нідерланди|ፍልጠት ብዛዕባ ኔዘርላንድ|آشنایی با هلند|Hollanda hakkında bilgi|Aqoonta Nederland"),
    ("kinderen", "Kinderen|Children|الأطفال|Діти|ቆልዑ|کودکان|Çocuklar|Carruurta"),
    ("school", "School en ouders|School and parents|المدرسة والأهل|Школа та батьки|ቤት ትምህርትን ወለድን|مدرسه و والدین|Okul ve ebeveynler|Dugsiga iyo waalidiinta"),
    ("papieren", "Post, formulieren en geldzaken|Letters, forms and money|البريد والاستمارات والمال|Пошта, бланки та гроші|ደብዳቤታት፡ ቅጥዕታትን ገንዘብን|نامه‌ها، فرم‌ها و امور مالی|Posta, formlar ve para işleri|Warqadaha, foomamka iyo lacagta"),
    ("juridisch", "Juridisch en maatschappelijk advies|Legal and social advice|الاستشارة القانونية والاجتماعية|Юридичні та соціальні консультації|ሕጋውን ማሕበራውን ምኽሪ|مشاوره حقوقی و اجتماعی|Hukuki ve sosyal danışmanlık|La-talin sharci iyo bulsho"),
    ("gezondheid", "Gezondheid|Health|الصحة|Здоров'я|ጥዕና|سلامت|Sağlık|Caafimaadka"),
    ("wonen", "Wonen|Housing|السكن|Житло|መንበሪ ገዛ|مسکن|Konut|Guriga"),
    ("spullen", "Kleding en spullen|Clothes and household goods|الملابس والأغراض|Одяг і речі|ክዳውንትን ኣቑሑን|لباس و وسایل|Giysi ve eşya|Dharka iyo alaabta"),
]

TARGET_GROUPS = [
    ("iedereen", "Iedereen|Everyone|الجميع|Усі|ኩሉ ሰብ|همه|Herkes|Qof walba"),
    ("kinderen", "Kinderen|Children|الأطفال|Діти|ቆልዑ|کودکان|Çocuklar|Carruurta"),
    ("jongeren", "Jongeren|Young people|الشباب|Молодь|መንእሰያት|جوانان|Gençler|Dhallinyarada"),
    ("volwassenen", "Volwassenen|Adults|البالغون|Дорослі|ዓበይቲ|بزرگسالان|Yetişkinler|Dadka waaweyn"),
    ("ouderen", "Ouderen|Older people|كبار السن|Люди похилого віку|ኣረጋውያን|سالمندان|Yaşlılar|Dadka waayeelka ah"),
    ("vrouwen", "Vrouwen|Women|النساء|Жінки|ደቂ ኣንስትዮ|زنان|Kadınlar|Haweenka"),
    ("mannen", "Mannen|Men|الرجال|Чоловіки|ደቂ ተባዕትዮ|مردان|Erkekler|Ragga"),
    ("gezinnen", "Gezinnen|Families|العائلات|Сім'ї|ስድራቤታት|خانواده‌ها|Aileler|Qoysaska"),
]

LANGUAGES = [
    ("nl", "Nederlands", "Dutch", "Nederlands"),
    ("en", "Engels", "English", "English"),
    ("ar", "Arabisch", "Arabic", "العربية"),
    ("ti", "Tigrinya", "Tigrinya", "ትግርኛ"),
    ("fa", "Farsi", "Persian", "فارسی"),
    ("prs", "Dari", "Dari", "دری"),
    ("ps", "Pasjtoe", "Pashto", "پښتو"),
    ("ckb", "Sorani", "Sorani Kurdish", "کوردی"),
    ("kmr", "Kurmanji", "Kurmanji Kurdish", "Kurmancî"),
    ("uk", "Oekraïens", "Ukrainian", "Українська"),
    ("ru", "Russisch", "Russian", "Русский"),
    ("tr", "Turks", "Turkish", "Türkçe"),
    ("so", "Somalisch", "Somali", "Soomaali"),
    ("am", "Amhaars", "Amharic", "አማርኛ"),
    ("fr", "Frans", "French", "Français"),
    ("es", "Spaans", "Spanish", "Español"),
    ("pl", "Pools", "Polish", "Polski"),
    ("de", "Duits", "German", "Deutsch"),
    ("ur", "Urdu", "Urdu", "اردو"),
]

PRIVACY_NL = """De gemeente gebruikt dit portaal om samen met organisaties en vrijwilligers nieuwkomers te helpen hun weg te vinden. De gemeente doet dit als publieke taak (Wet inburgering 2021).

Op het informatiepunt hoeft u niet in te loggen. Wij bewaren geen cookies en volgen u niet. Als u vraagt om contact, krijgt alleen de organisatie van die activiteit uw voornaam, telefoonnummer of e-mailadres en uw vraag. Wij verwijderen dit 3 maanden nadat uw vraag is afgehandeld, en uiterlijk na 6 maanden.

Medewerkers en vrijwilligers zien alleen de gegevens die zij voor hun werk nodig hebben. U mag altijd vragen welke gegevens wij van u hebben, en vragen om ze te verbeteren of te verwijderen. Neem daarvoor contact op met de functionaris gegevensbescherming van de gemeente."""

PRIVACY_EN = """The municipality uses this portal to help newcomers find their way, together with organisations and volunteers. It does so as a public task (Civic Integration Act 2021).

You do not need to log in at the information point. We store no cookies and do not track you. If you ask to be contacted, only the organisation of that activity receives your first name, phone number or e-mail address and your question. We delete this 3 months after your question was handled, and after 6 months at the latest.

Staff and volunteers only see the data they need for their work. You may always ask which data we hold about you, and ask to correct or delete it. Contact the municipality's data protection officer."""

ACCESS_NL = """Wij willen dat iedereen dit portaal kan gebruiken. Het portaal is gebouwd volgens de toegankelijkheidsnorm WCAG 2.1 niveau AA, die voor websites van de overheid verplicht is.

Wij testen elke pagina van het informatiepunt automatisch met axe-core in een echte browser. De pagina's werken met een toetsenbord en een schermlezer, in acht talen, ook van rechts naar links.

Ziet u iets dat niet goed werkt? Laat het ons weten via de gemeente. Wij reageren binnen 5 werkdagen."""

ACCESS_EN = """We want everyone to be able to use this portal. It is built to the accessibility standard WCAG 2.1 level AA, which is mandatory for government websites.

We test every page of the information point automatically with axe-core in a real browser. The pages work with a keyboard and a screen reader, in eight languages, also right to left.

Do you see something that does not work well? Let the municipality know. We answer within 5 working days."""


def seed(apps, schema_editor):
    Theme = apps.get_model("gemeenten", "Theme")
    TargetGroup = apps.get_model("gemeenten", "TargetGroup")
    Language = apps.get_model("gemeenten", "Language")
    Statement = apps.get_model("gemeenten", "Statement")
    for order, (slug, names) in enumerate(THEMES):
        values = dict(zip(LANGS, names.split("|"), strict=True))
        fields = {f"name_{code}": name for code, name in values.items()}
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": values["nl"], "order": order, "pictogram": slug, **fields}
        )
    for order, (slug, names) in enumerate(TARGET_GROUPS):
        values = dict(zip(LANGS, names.split("|"), strict=True))
        fields = {f"name_{code}": name for code, name in values.items()}
        TargetGroup.objects.update_or_create(
            slug=slug, defaults={"name": values["nl"], "order": order, **fields}
        )
    for order, (code, nl, en, native) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            code=code, defaults={"name_nl": nl, "name_en": en, "native_name": native, "order": order}
        )
    Statement.objects.update_or_create(
        slug="privacy",
        defaults={"title": "Privacyverklaring", "title_nl": "Privacyverklaring",
                  "title_en": "Privacy statement", "body": PRIVACY_NL, "body_nl": PRIVACY_NL,
                  "body_en": PRIVACY_EN},
    )
    Statement.objects.update_or_create(
        slug="toegankelijkheid",
        defaults={"title": "Toegankelijkheidsverklaring",
                  "title_nl": "Toegankelijkheidsverklaring",
                  "title_en": "Accessibility statement", "body": ACCESS_NL, "body_nl": ACCESS_NL,
                  "body_en": ACCESS_EN},
    )


class Migration(migrations.Migration):
    dependencies = [("gemeenten", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
