from django.urls import path

from netweave.interactions import views

app_name = "interactions"
urlpatterns = [
    path("interactions/new/", views.interaction_new, name="new"),
    path("interactions/<int:pk>/edit/", views.interaction_edit, name="edit"),
    path("interactions/<int:pk>/delete/", views.interaction_delete, name="delete"),
    path("people/<int:pk>/timeline/", views.person_timeline, name="timeline"),
    path("capture/", views.capture, name="capture"),
]
