"""URLs of the infopunt, two lists:

urlpatterns             the public infopunt under /<lang>/infopunt/ (namespace infopunt)
unprefixed_urlpatterns  without a language prefix or namespace (regie/urls.py includes it):
                        /infopunt/ redirects by the browser's language; the regisseur's list
                        of searches that found little is a staff page (Dutch, no prefix)
"""
from django.urls import path

from .views import browse, contact, register, takealong, volunteers
from .views.stats import SearchGapsView

app_name = "infopunt"
urlpatterns = [
    path("", browse.start, name="start"),
    # Before "<gemeente>/": a gemeente is never called "aanmelden".
    path("aanmelden/", register.register_start, name="register_start"),
    path("aanmelden/bevestigen/<str:token>/", register.register_confirm,
         name="register_confirm"),
    path("<slug:gemeente>/", browse.home, name="home"),
    path("<slug:gemeente>/aanbod/", browse.results, name="results"),
    path("<slug:gemeente>/activiteit/<int:pk>/", browse.activity, name="activity"),
    path("<slug:gemeente>/activiteit/<int:pk>/contact/", contact.contact, name="contact"),
    path("<slug:gemeente>/activiteit/<int:pk>/contact/verzonden/", contact.contact_sent,
         name="contact_sent"),
    path("<slug:gemeente>/lijst/", takealong.take_along, name="list"),
    path("<slug:gemeente>/over/<slug:page>/", browse.statement, name="statement"),
    path("<slug:gemeente>/aanmelden/", register.register, name="register"),
    path("<slug:gemeente>/aanmelden/verzonden/", register.register_sent, name="register_sent"),
    path("<slug:gemeente>/lijst/afdrukken/", takealong.take_along_print, name="list_print"),
    path("<slug:gemeente>/vrijwilligers/", volunteers.vacancies, name="vacancies"),
    path("<slug:gemeente>/vrijwilligers/<int:pk>/", volunteers.vacancy, name="vacancy"),
    path("<slug:gemeente>/vrijwilligers/<int:pk>/aanmelden/", volunteers.vacancy_signup,
         name="vacancy_signup"),
    path("<slug:gemeente>/vrijwilligers/aanmelden/<int:organisation>/",
         volunteers.organisation_signup, name="organisation_signup"),
    path("<slug:gemeente>/vrijwilligers/aanmelden/verzonden/", volunteers.volunteer_sent,
         name="volunteer_sent"),
]

unprefixed_urlpatterns = [
    path("infopunt/", browse.entry, name="infopunt_entry"),
    path("infopunt/zoekvragen/", SearchGapsView.as_view(), name="infopunt_search_gaps"),
]
