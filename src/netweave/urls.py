from django.contrib import admin
from django.urls import include, path

from netweave.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("netweave.web.urls")),
]
