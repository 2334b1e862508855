from django.urls import path

from netweave.nurture import views

app_name = "nurture"
urlpatterns = [
    path("nurture/today/<int:pk>/done/", views.checkin_done, name="done"),
    path("nurture/today/<int:pk>/snooze/", views.checkin_snooze, name="snooze"),
    path("nurture/today/<int:pk>/skip/", views.checkin_skip, name="skip"),
    path("nurture/cadences/", views.cadences, name="cadences"),
    path("nurture/settings/", views.settings_change, name="settings"),
    path("nurture/losing-touch/", views.losing, name="losing_touch"),
]
