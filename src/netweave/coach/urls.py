from django.urls import path

from netweave.coach import views

app_name = "coach"
urlpatterns = [
    path("people/<int:pk>/brief/", views.person_brief, name="person"),
    path("brief/event/", views.event_find, name="event_find"),
    path("brief/event/<str:ref>/", views.event_page, name="event"),
]
