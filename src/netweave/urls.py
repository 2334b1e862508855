from django.urls import include, path

from netweave.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("netweave.web.urls")),
]
