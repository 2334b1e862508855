from django.urls import path

from netweave.mentorship import views

app_name = "mentorship"
urlpatterns = [
    path("more/", views.more, name="more"),
    path("mentorship/", views.mentorship_list, name="list"),
    path("mentorship/<int:pk>/", views.mentorship_detail, name="detail"),
    path("mentorship/<int:pk>/end/", views.mentorship_end, name="end"),
    path("mentorship/<int:pk>/delete/", views.mentorship_delete, name="delete"),
    path("mentorship/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("learnings/", views.learning_list, name="learnings"),
    path("learnings/<int:pk>/", views.learning_detail, name="learning"),
    path("learnings/<int:pk>/delete/", views.learning_delete, name="learning_delete"),
]
