"""The public infopunt under /<lang>/infopunt/."""
from django.urls import path

from .views import browse, contact, takealong

app_name = "infopunt"
urlpatterns = [
    path("", browse.start, name="start"),
    path("<slug:gemeente>/", browse.home, name="home"),
    path("<slug:gemeente>/aanbod/", browse.results, name="results"),
    path("<slug:gemeente>/activiteit/<int:pk>/", browse.activity, name="activity"),
    path("<slug:gemeente>/activiteit/<int:pk>/contact/", contact.contact, name="contact"),
    path("<slug:gemeente>/activiteit/<int:pk>/contact/verzonden/", contact.contact_sent,
         name="contact_sent"),
    path("<slug:gemeente>/lijst/", takealong.take_along, name="list"),
    path("<slug:gemeente>/over/<slug:page>/", browse.statement, name="statement"),
    path("<slug:gemeente>/lijst/afdrukken/", takealong.take_along_print, name="list_print"),
]
