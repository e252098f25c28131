"""The privacy statement said that only the organisation gets a contact request; while an
organisation has no coordinator account the gemeente reads it (issue 17). The sentence is
replaced in every language whose statement still has the sentence as 0002 and 0003 seeded it;
a text a beheerder rewrote around it is otherwise left as it is."""
from django.db import migrations
from django.utils import timezone

# language: (the seeded sentence, the sentence that replaces it)
SENTENCES = {
    "nl": (
        "Als u vraagt om contact, krijgt alleen de organisatie van die activiteit uw voornaam, "
        "telefoonnummer of e-mailadres en uw vraag.",
        "Als u vraagt om contact, krijgt alleen de organisatie van die activiteit uw voornaam, "
        "telefoonnummer of e-mailadres en uw vraag; zolang die organisatie op deze website nog "
        "geen berichten kan lezen, krijgt de gemeente ze in haar plaats.",
    ),
    "en": (
        "If you ask to be contacted, only the organisation of that activity receives your first "
        "name, phone number or e-mail address and your question.",
        "If you ask to be contacted, only the organisation of that activity receives your first "
        "name, phone number or e-mail address and your question; while that organisation cannot "
        "read messages on this website yet, the municipality receives them instead.",
    ),
    "ar": (
        "إذا طلبت أن يتواصلوا معك، تحصل منظمة ذلك النشاط فقط على اسمك الأول ورقم هاتفك أو بريدك "
        "الإلكتروني وسؤالك.",
        "إذا طلبت أن يتواصلوا معك، تحصل منظمة ذلك النشاط فقط على اسمك الأول ورقم هاتفك أو بريدك "
        "الإلكتروني وسؤالك؛ وما دامت لا تستطيع قراءة الرسائل على هذا الموقع بعد، تحصل عليها "
        "البلدية بدلًا منها.",
    ),
    "uk": (
        "Якщо ви просите зв'язатися з вами, лише організація цього заходу отримує ваше ім'я, "
        "номер телефону або електронну адресу і ваше запитання.",
        "Якщо ви просите зв'язатися з вами, лише організація цього заходу отримує ваше ім'я, "
        "номер телефону або електронну адресу і ваше запитання; поки вона не може читати "
        "повідомлення на цьому сайті, їх отримує громада.",
    ),
    "ti": (
        "ክረኽቡኻ ምስ ዝሓትት፡ ናይቲ ንጥፈት ትካል ጥራይ እዩ ቀዳማይ ስምካ፡ ቁጽሪ ተሌፎንካ ወይ ኢመይልካን "
        "ሕቶኻን ዝረክብ።",
        "ክረኽቡኻ ምስ ዝሓትት፡ ናይቲ ንጥፈት ትካል ጥራይ እዩ ቀዳማይ ስምካ፡ ቁጽሪ ተሌፎንካ ወይ ኢመይልካን "
        "ሕቶኻን ዝረክብ፤ እቲ ትካል ኣብዚ መርበብ ሓበሬታ ገና መልእኽትታት ከንብብ ክሳብ ዘይክእል፡ ኣብ ክንድኡ "
        "ምምሕዳር ከተማ እዩ ዝረክቦ።",
    ),
    "fa": (
        "اگر درخواست تماس کنید، فقط سازمانِ همان فعالیت نام، شماره تلفن یا ایمیل و سؤال شما را "
        "دریافت می‌کند.",
        "اگر درخواست تماس کنید، فقط سازمانِ همان فعالیت نام، شماره تلفن یا ایمیل و سؤال شما را "
        "دریافت می‌کند؛ تا وقتی آن سازمان هنوز نمی‌تواند پیام‌ها را در این وب‌سایت بخواند، "
        "شهرداری به جای آن این‌ها را دریافت می‌کند.",
    ),
    "tr": (
        "İletişim isterseniz adınızı, telefon numaranızı veya e-posta adresinizi ve sorunuzu "
        "yalnızca o etkinliğin kuruluşu alır.",
        "İletişim isterseniz adınızı, telefon numaranızı veya e-posta adresinizi ve sorunuzu "
        "yalnızca o etkinliğin kuruluşu alır; kuruluş bu web sitesinde henüz mesaj "
        "okuyamıyorsa, bunları onun yerine belediye alır.",
    ),
    "so": (
        "Haddii aad codsato in lagula soo xiriiro, kaliya ururka hawshaas ayaa helaya magacaaga "
        "koowaad, lambarka taleefankaaga ama iimaylkaaga iyo su'aashaada.",
        "Haddii aad codsato in lagula soo xiriiro, kaliya ururka hawshaas ayaa helaya magacaaga "
        "koowaad, lambarka taleefankaaga ama iimaylkaaga iyo su'aashaada; inta ururku uusan weli "
        "akhrin karin fariimaha websaydhkan, degmada ayaa beddelkiisa helaysa.",
    ),
}


def name_the_gemeente_as_reader(apps, schema_editor):
    Statement = apps.get_model("gemeenten", "Statement")
    statement = Statement.objects.filter(slug="privacy").first()
    if statement is None:
        return
    fields = {}
    for code, (seeded, truthful) in SENTENCES.items():
        body = getattr(statement, f"body_{code}") or ""
        if seeded in body:
            fields[f"body_{code}"] = body.replace(seeded, truthful)
    if fields:
        if "body_nl" in fields:
            fields["body"] = fields["body_nl"]
        Statement.objects.filter(pk=statement.pk).update(updated_at=timezone.now(), **fields)


class Migration(migrations.Migration):
    dependencies = [("gemeenten", "0009_weekly_worklist_email")]
    operations = [migrations.RunPython(name_the_gemeente_as_reader, migrations.RunPython.noop)]
