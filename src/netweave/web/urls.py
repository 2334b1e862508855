from django.contrib.auth import views as auth_views
from django.urls import include, path

from netweave.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("netweave.people.urls")),
    path("", include("netweave.interactions.urls")),
    path("", include("netweave.importers.urls")),
    path("", include("netweave.nurture.urls")),
    path("", include("netweave.reminders.urls")),
    path("", include("netweave.search.urls")),
    path("", include("netweave.givefirst.urls")),
    path("", include("netweave.ripple.urls")),
    path("", include("netweave.events.urls")),
    path("", include("netweave.coach.urls")),
    path("", include("netweave.steps.urls")),
    path("", include("netweave.mentorship.urls")),
    path("", include("netweave.opportunities.urls")),
]
