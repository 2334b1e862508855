from django.urls import path

from netweave.people import views, views_circles, views_duplicates

app_name = "people"
urlpatterns = [
    path("people/", views.people_list, name="list"),
    path("people/new/", views.person_new, name="new"),
    path("people/duplicates/", views_duplicates.duplicate_list, name="duplicates"),
    path("people/duplicates/merge/", views_duplicates.duplicate_merge, name="duplicate_merge"),
    path("people/duplicates/dismiss/", views_duplicates.duplicate_dismiss, name="duplicate_dismiss"),
    path("people/merges/", views_duplicates.merge_list, name="merges"),
    path("people/merges/<int:pk>/undo/", views_duplicates.merge_undo, name="merge_undo"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="edit"),
    path("people/<int:pk>/photo/", views.person_photo, name="photo"),
    path("people/<int:pk>/archive/", views.person_archive, name="archive"),
    path("people/<int:pk>/affiliations/", views.affiliation_add, name="affiliation_add"),
    path("people/<int:pk>/ties/", views.tie_add, name="tie_add"),
    path("affiliations/<int:pk>/end/", views.affiliation_end, name="affiliation_end"),
    path("ties/<int:pk>/delete/", views.tie_delete, name="tie_delete"),
    path("circles/", views_circles.circle_list, name="circles"),
    path("circles/<int:pk>/", views_circles.circle_change, name="circle"),
    path("circles/<int:pk>/remove/", views_circles.circle_remove, name="circle_remove"),
    path("organisations/", views.organisation_list, name="orgs"),
    path("organisations/<int:pk>/", views.organisation_detail, name="org"),
]
