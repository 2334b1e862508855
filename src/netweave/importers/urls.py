from django.urls import path

from netweave.importers import views

app_name = "importers"

urlpatterns = [
    path("imports/", views.import_home, name="home"),
    path("imports/upload/", views.upload, name="upload"),
    path("imports/confirm/<str:token>/", views.confirm, name="confirm"),
    path("imports/<int:pk>/", views.run_detail, name="run"),
    path("imports/<int:pk>/undo/", views.run_undo, name="undo"),
]
