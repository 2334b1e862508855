from django.urls import path

from netweave.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("opportunities/", views.opportunity_list, name="list"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="detail"),
    path("opportunities/<int:pk>/status/", views.opportunity_status, name="status"),
    path("opportunities/<int:pk>/people/<int:person_pk>/remove/", views.opportunity_unlink, name="unlink"),
    path("opportunities/<int:pk>/delete/", views.opportunity_delete, name="delete"),
    path("contributions/", views.contribution_list, name="contributions"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution"),
    path("contributions/<int:pk>/delete/", views.contribution_delete, name="contribution_delete"),
]
