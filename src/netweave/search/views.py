"""The search page: /search/?q=...&kind=...&page=N, results live as one types (htmx), with "who knows"."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from netweave.core.errors import Invalid
from netweave.core.ids import parse_id
from netweave.search import queries, sources, terms

PER_PAGE = 20
EXPERTS_SHOWN = 5


def search_context(request) -> dict:
    """What the page and its htmx answer show for the request's query, kind and page."""
    text = request.GET.get("q", "")[:terms.MAX_QUERY_CHARS]
    kind = request.GET.get("kind", "")
    page = min(parse_id(request.GET.get("page", "1")) or 1, queries.MAX_OFFSET // PER_PAGE + 1)
    context = {"q": text, "kind": kind, "page": page, "error": "", "results": None, "experts": [],
               "kinds": [(s.kind, s.label) for s in sources.all_sources()]}
    if not text.strip():
        return context
    try:
        results = queries.search(request.user, text, kinds=[kind] if kind else None, limit=PER_PAGE,
                                 offset=(page - 1) * PER_PAGE)
    except Invalid as exc:
        context["error"] = "; ".join(exc.errors.values())
        return context
    context["results"] = results
    shown = (page - 1) * PER_PAGE + len(results.hits)
    if shown < results.total_estimate and len(results.hits) == PER_PAGE:
        context["next_url"] = "?" + urlencode({"q": text, "kind": kind, "page": page + 1})
    if page > 1:
        context["previous_url"] = "?" + urlencode({"q": text, "kind": kind, "page": page - 1})
    # "Who knows" is for topics: a single letter or a search within one kind of thing asks something else.
    if page == 1 and not kind and terms.for_big_tables(terms.chunks(text)):
        context["experts"] = queries.who_knows(request.user, text, limit=EXPERTS_SHOWN)
    return context


@login_required
def search_page(request):
    template = "search/_results.html" if request.htmx else "search/search.html"
    return render(request, template, search_context(request))
