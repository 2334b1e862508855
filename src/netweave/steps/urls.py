from django.urls import path

from netweave.steps import views

app_name = "steps"
urlpatterns = [
    path("week/", views.week_page, name="week"),
    path("week/steps/<int:pk>/done/", views.step_act, {"action": "done"}, name="done"),
    path("week/steps/<int:pk>/skip/", views.step_act, {"action": "skip"}, name="skip"),
    path("week/steps/<int:pk>/reopen/", views.step_act, {"action": "reopen"}, name="reopen"),
    path("week/settings/", views.settings_change, name="settings"),
]
