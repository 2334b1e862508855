from django.urls import path

from netweave.givefirst import views, views_boards, views_intros, views_person, views_templates

app_name = "givefirst"
urlpatterns = [
    path("give/", views_boards.give_page, name="give"),
    path("give/help-this-week/", views.help_this_week, name="help_this_week"),
    path("give/exchanges/new/", views_boards.entry_add, name="entry_add"),
    path("give/exchanges/<int:pk>/delete/", views_person.exchange_delete, name="exchange_delete"),
    path("give/asks/new/", views_boards.my_need_add, {"what": "ask"}, name="my_ask_add"),
    path("give/offers/new/", views_boards.my_need_add, {"what": "offer"}, name="my_offer_add"),
    path("people/<int:pk>/give/exchanges/new/", views_person.exchange_add, name="exchange_add"),
    path("people/<int:pk>/give/asks/new/", views_person.need_add, {"what": "ask"}, name="ask_add"),
    path("people/<int:pk>/give/offers/new/", views_person.need_add, {"what": "offer"}, name="offer_add"),
    path("asks/", views_boards.asks_board, name="asks"),
    path("asks/<int:pk>/helpers/", views_boards.ask_helpers, name="ask_helpers"),
    path("introductions/", views_intros.board, name="introductions"),
    path("introductions/new/", views_intros.propose, name="propose"),
    path("introductions/suggestions/", views_intros.suggested, name="suggestions"),
    path("introductions/<int:pk>/", views_intros.detail, name="introduction"),
    path("introductions/<int:pk>/advance/", views_intros.advance, name="advance"),
]

# My own message templates for each step of an introduction.
urlpatterns += views_templates.urlpatterns

# Done, withdrawn and reopened, for asks and offers alike.
for _what, _plural in (("ask", "asks"), ("offer", "offers")):
    for _action in ("done", "withdrawn", "reopen"):
        urlpatterns.append(path(f"{_plural}/<int:pk>/{_action}/", views_boards.need_act,
                                {"what": _what, "action": _action}, name=f"{_what}_{_action}"))
