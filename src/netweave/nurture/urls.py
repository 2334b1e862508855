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

from netweave.nurture import views_celebrations  # noqa: E402

urlpatterns += [
    path("nurture/celebrations/<int:pk>/done/", views_celebrations.celebration_act, {"action": "done"},
         name="celebration_done"),
    path("nurture/celebrations/<int:pk>/skip/", views_celebrations.celebration_act, {"action": "skip"},
         name="celebration_skip"),
    path("nurture/followups/<int:pk>/done/", views_celebrations.follow_up_done, name="follow_up_done"),
    path("nurture/celebrations/", views_celebrations.celebrations_page, name="celebrations"),
    path("nurture/milestones/new/", views_celebrations.milestone_new, name="milestone_new"),
]
