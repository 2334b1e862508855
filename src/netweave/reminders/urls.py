from django.urls import path

from netweave.reminders import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.settings_page, name="settings"),
    path("reminders/deliveries/", views.deliveries, name="deliveries"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
