"""The privacy and accessibility statements in every interface language: 0002 seeded only
Dutch and English. Fills only empty fields, so a beheerder's own text is never overwritten,
and keeps `updated_at`: the content did not change, it was translated."""
from importlib import import_module

from django.db import migrations

seeded = import_module("gemeenten.migrations.0002_seed_taxonomy")

PRIVACY = {
    "ar": ("بيان الخصوصية", """تستخدم البلدية هذه البوابة لمساعدة القادمين الجدد على إيجاد طريقهم، بالتعاون مع المنظمات والمتطوعين. وتقوم البلدية بذلك كمهمة عامة (قانون الاندماج لعام 2021، Wet inburgering).

لا تحتاج إلى تسجيل الدخول في نقطة المعلومات. لا نحفظ ملفات تعريف الارتباط ولا نتتبعك. إذا طلبت أن يتواصلوا معك، تحصل منظمة ذلك النشاط فقط على اسمك الأول ورقم هاتفك أو بريدك الإلكتروني وسؤالك. نحذف هذه البيانات بعد 3 أشهر من معالجة سؤالك، وبعد 6 أشهر على الأكثر.

يرى الموظفون والمتطوعون فقط البيانات التي يحتاجونها لعملهم. يحق لك دائمًا أن تسأل عن البيانات التي لدينا عنك، وأن تطلب تصحيحها أو حذفها. لذلك تواصل مع مسؤول حماية البيانات في البلدية."""),
    "uk": ("Заява про конфіденційність", """Громада використовує цей портал, щоб разом з організаціями та волонтерами допомагати новоприбулим знайти свій шлях. Вона робить це як публічне завдання (Закон про інтеграцію 2021 року, Wet inburgering).

В інформаційному пункті не потрібно входити в систему. Ми не зберігаємо cookie-файли і не стежимо за вами. Якщо ви просите зв'язатися з вами, лише організація цього заходу отримує ваше ім'я, номер телефону або електронну адресу і ваше запитання. Ми видаляємо ці дані через 3 місяці після того, як ваше запитання вирішено, і не пізніше ніж через 6 місяців.

Працівники і волонтери бачать лише ті дані, які потрібні їм для роботи. Ви завжди можете запитати, які дані про вас ми маємо, і попросити виправити або видалити їх. Для цього зверніться до посадової особи громади із захисту даних."""),
    "ti": ("መግለጺ ብሕታዊነት", """ምምሕዳር ከተማ ነዚ ፖርታል ዝጥቀመሉ፡ ምስ ትካላትን ወለንተኛታትን ብምትሕብባር ንሓደስቲ መጻእቲ መገዶም ክረኽቡ ንምሕጋዝ እዩ። ምምሕዳር ከተማ እዚ ዝገብሮ ከም ህዝባዊ ዕማም እዩ (ሕጊ ምውህሃድ 2021፡ Wet inburgering)።

ኣብ ቦታ ሓበሬታ ምእታው ኣየድልየካን። ኩኪስ ኣይንዕቅብን ኣይንከታተለካን። ክረኽቡኻ ምስ ዝሓትት፡ ናይቲ ንጥፈት ትካል ጥራይ እዩ ቀዳማይ ስምካ፡ ቁጽሪ ተሌፎንካ ወይ ኢመይልካን ሕቶኻን ዝረክብ። ሕቶኻ ምስ ተፈጸመ ድሕሪ 3 ኣዋርሕ ንድምስሶ፡ ብዝነውሐ ድማ ድሕሪ 6 ኣዋርሕ።

ሰራሕተኛታትን ወለንተኛታትን ንስራሖም ዘድልዮም ሓበሬታ ጥራይ እዮም ዝርእዩ። ብዛዕባኻ እንታይ ሓበሬታ ከም ዘለና ኩሉ ግዜ ክትሓትት ትኽእል ኢኻ፡ ክእረም ወይ ክድምሰስ ድማ ክትሓትት ትኽእል ኢኻ። ንዕኡ ምስ ሓላፊ ሓለዋ ሓበሬታ ናይ ምምሕዳር ከተማ ተራኸብ።"""),
    "fa": ("بیانیه حریم خصوصی", """شهرداری از این پورتال استفاده می‌کند تا همراه با سازمان‌ها و داوطلبان به تازه‌واردان کمک کند راه خود را پیدا کنند. شهرداری این کار را به عنوان یک وظیفه عمومی انجام می‌دهد (قانون ادغام ۲۰۲۱، Wet inburgering).

در مرکز اطلاعات لازم نیست وارد شوید. ما کوکی ذخیره نمی‌کنیم و شما را دنبال نمی‌کنیم. اگر درخواست تماس کنید، فقط سازمانِ همان فعالیت نام، شماره تلفن یا ایمیل و سؤال شما را دریافت می‌کند. ما این اطلاعات را ۳ ماه پس از رسیدگی به سؤال شما پاک می‌کنیم، و حداکثر پس از ۶ ماه.

کارکنان و داوطلبان فقط اطلاعاتی را می‌بینند که برای کارشان لازم دارند. شما همیشه می‌توانید بپرسید چه اطلاعاتی از شما داریم، و بخواهید آن را اصلاح یا پاک کنیم. برای این کار با مسئول حفاظت از داده‌های شهرداری تماس بگیرید."""),
    "tr": ("Gizlilik bildirimi", """Belediye bu portalı, kuruluşlar ve gönüllülerle birlikte yeni gelenlerin yollarını bulmalarına yardım etmek için kullanır. Bunu bir kamu görevi olarak yapar (2021 Uyum Yasası, Wet inburgering).

Bilgi noktasında giriş yapmanız gerekmez. Çerez saklamayız ve sizi takip etmeyiz. İletişim isterseniz adınızı, telefon numaranızı veya e-posta adresinizi ve sorunuzu yalnızca o etkinliğin kuruluşu alır. Bu bilgileri sorunuz çözüldükten 3 ay sonra, en geç de 6 ay sonra sileriz.

Çalışanlar ve gönüllüler yalnızca işleri için gereken bilgileri görür. Hakkınızda hangi bilgilere sahip olduğumuzu her zaman sorabilir, bunların düzeltilmesini veya silinmesini isteyebilirsiniz. Bunun için belediyenin veri koruma görevlisiyle iletişime geçin."""),
    "so": ("Bayaanka arrimaha gaarka ah", """Degmadu waxay boggan u isticmaashaa inay, iyadoo la kaashanaysa ururo iyo mutadawiciin, ka caawiso dadka cusub inay jidkooda helaan. Degmadu tan waxay u qabataa hawl dadweyne ahaan (Sharciga isdhexgalka 2021, Wet inburgering).

Xarunta macluumaadka uma baahnid inaad gasho. Ma kaydino kukiyo kumana raacno. Haddii aad codsato in lagula soo xiriiro, kaliya ururka hawshaas ayaa helaya magacaaga koowaad, lambarka taleefankaaga ama iimaylkaaga iyo su'aashaada. Xogtan waan tirtirnaa 3 bilood kadib marka su'aashaada laga jawaabo, ugu dambeyn 6 bilood kadib.

Shaqaalaha iyo mutadawiciintu waxay arkaan kaliya xogta ay shaqadooda u baahan yihiin. Had iyo jeer waad weydiin kartaa xogta aan kaa hayno, waxaadna codsan kartaa in la saxo ama la tirtiro. Arrintaas kala xiriir sarkaalka ilaalinta xogta ee degmada."""),
}

ACCESSIBILITY = {
    "ar": ("بيان سهولة الاستخدام", """نريد أن يتمكن الجميع من استخدام هذه البوابة. صُممت البوابة وفق معيار سهولة الاستخدام WCAG 2.1 المستوى AA، وهو معيار إلزامي لمواقع الحكومة.

نختبر كل صفحة من صفحات نقطة المعلومات تلقائيًا باستخدام axe-core في متصفح حقيقي. تعمل الصفحات بلوحة المفاتيح وبقارئ الشاشة، بثماني لغات، ومنها لغات تُكتب من اليمين إلى اليسار.

هل ترى شيئًا لا يعمل جيدًا؟ أخبر البلدية بذلك. نرد خلال 5 أيام عمل."""),
    "uk": ("Заява про доступність", """Ми хочемо, щоб цим порталом могли користуватися всі. Портал створено відповідно до стандарту доступності WCAG 2.1 рівня AA, який є обов'язковим для державних вебсайтів.

Ми автоматично перевіряємо кожну сторінку інформаційного пункту за допомогою axe-core у справжньому браузері. Сторінки працюють з клавіатурою і програмою читання з екрана, вісьмома мовами, зокрема й тими, що пишуться справа наліво.

Щось працює не так, як слід? Повідомте про це громаду. Ми відповідаємо протягом 5 робочих днів."""),
    "ti": ("መግለጺ ተበጻሕነት", """ኩሉ ሰብ ነዚ ፖርታል ክጥቀመሉ ንደሊ። እዚ ፖርታል ብመሰረት መለክዒ ተበጻሕነት WCAG 2.1 ደረጃ AA እዩ ተሰሪሑ፡ እዚ መለክዒ ንመርበባት ሓበሬታ መንግስቲ ግዴታ እዩ።

ነፍሲ ወከፍ ገጽ ናይ ቦታ ሓበሬታ ብመሳርሒ axe-core ኣብ ሓቀኛ ብራውዘር ብኣውቶማቲክ ንፍትኖ። እቶም ገጻት ብመጽሓፊ መሳርሒ (ኪቦርድ)ን ብኣንባቢ ስክሪንን፡ ብሸሞንተ ቋንቋታት፡ ካብ የማን ናብ ጸጋም ዝጽሓፉ ቋንቋታት ሓዊሱ ይሰርሑ።

ጽቡቕ ዘይሰርሕ ነገር ርኢኻ ዶ? ንምምሕዳር ከተማ ኣፍልጦ። ኣብ ውሽጢ 5 መዓልትታት ስራሕ ንምልሰልካ።"""),
    "fa": ("بیانیه دسترسی‌پذیری", """ما می‌خواهیم همه بتوانند از این پورتال استفاده کنند. این پورتال بر اساس استاندارد دسترسی‌پذیری WCAG 2.1 سطح AA ساخته شده است که برای وب‌سایت‌های دولتی الزامی است.

ما هر صفحه مرکز اطلاعات را به طور خودکار با axe-core در یک مرورگر واقعی آزمایش می‌کنیم. صفحه‌ها با صفحه‌کلید و صفحه‌خوان، به هشت زبان، و همچنین از راست به چپ کار می‌کنند.

چیزی می‌بینید که درست کار نمی‌کند؟ به شهرداری خبر دهید. ما ظرف ۵ روز کاری پاسخ می‌دهیم."""),
    "tr": ("Erişilebilirlik bildirimi", """Herkesin bu portalı kullanabilmesini istiyoruz. Portal, devlet web siteleri için zorunlu olan WCAG 2.1 AA düzeyi erişilebilirlik standardına göre yapılmıştır.

Bilgi noktasının her sayfasını gerçek bir tarayıcıda axe-core ile otomatik olarak test ediyoruz. Sayfalar klavyeyle ve ekran okuyucuyla, sekiz dilde, sağdan sola yazılan dillerde de çalışır.

İyi çalışmayan bir şey mi gördünüz? Belediyeye bildirin. 5 iş günü içinde yanıt veririz."""),
    "so": ("Bayaanka helitaanka", """Waxaan rabnaa in qof walba isticmaali karo boggan. Boggan waxaa loo dhisay heerka helitaanka WCAG 2.1 heerka AA, oo waajib ku ah bogagga internetka ee dowladda.

Bog kasta oo xarunta macluumaadka waxaan si toos ah ugu tijaabinaa axe-core biraawsar dhab ah. Bogaggu waxay ku shaqeeyaan kiiboodh iyo akhriyaha shaashadda, siddeed luqadood, sidoo kale kuwa laga qoro midig ilaa bidix.

Ma aragtaa wax si fiican u shaqeynayn? U sheeg degmada. Waxaan kaaga jawaabnaa 5 maalmood oo shaqo gudahood."""),
}

TEXTS = {"privacy": PRIVACY, "toegankelijkheid": ACCESSIBILITY}
# What the translations above translate: a Dutch text the beheerder rewrote gets none, since
# a translation of the old text (a retention period, say) would tell readers something else.
SEEDED_NL = {"privacy": seeded.PRIVACY_NL, "toegankelijkheid": seeded.ACCESS_NL}


def fill_empty_translations(apps, schema_editor):
    Statement = apps.get_model("gemeenten", "Statement")
    for statement in Statement.objects.filter(slug__in=TEXTS):
        # An admin textarea saves CRLF line ends: the same text, so still as seeded.
        dutch = (statement.body_nl or "").replace("\r\n", "\n").strip()
        dutch_as_seeded = dutch == SEEDED_NL[statement.slug].strip()
        fields = {}
        for code, (title, body) in TEXTS[statement.slug].items():
            if not getattr(statement, f"title_{code}"):
                fields[f"title_{code}"] = title
            if dutch_as_seeded and not getattr(statement, f"body_{code}"):
                fields[f"body_{code}"] = body
        if fields:
            # update(), not save(): translating is no change of content, so updated_at stays.
            Statement.objects.filter(pk=statement.pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [("gemeenten", "0002_seed_taxonomy")]
    operations = [migrations.RunPython(fill_empty_translations, migrations.RunPython.noop)]
