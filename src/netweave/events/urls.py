from django.urls import path

from netweave.events import views, views_capture

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/import/", views.import_upload, name="import"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="edit"),
    path("events/<int:pk>/delete/", views.event_delete, name="delete"),
    path("events/<int:pk>/goals/", views.goal_add, name="goal_add"),
    path("events/<int:pk>/goals/<int:goal_pk>/delete/", views.goal_delete, name="goal_delete"),
    path("events/<int:pk>/people/", views.person_add, name="person_add"),
    path("events/<int:pk>/people/<int:person_pk>/", views.person_change, name="person_change"),
    path("events/<int:pk>/capture/", views_capture.capture, name="capture"),
]
