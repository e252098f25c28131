"""The portal's URLs plus the trivial view every page is set against (bench/core.py)."""
from django.http import HttpResponse
from django.urls import path

from regie.urls import urlpatterns as portal


def trivial(request):
    # Reading the user makes a logged-in request load its session and user, as pages do.
    return HttpResponse(f"ok {request.user.pk or ''}", content_type="text/plain")


urlpatterns = [path("__bench__/trivial/", trivial, name="bench_trivial"), *portal]
