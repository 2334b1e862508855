from django.urls import path

from netweave.ripple import views, views_graph

app_name = "ripple"
urlpatterns = [
    path("people/<int:pk>/ripple/", views.ripple_tree, name="tree"),
    path("network/", views_graph.graph_page, name="graph"),
    path("network/graph.json", views_graph.graph_data, name="graph_data"),
    path("network/path.json", views_graph.graph_path, name="graph_path"),
]
