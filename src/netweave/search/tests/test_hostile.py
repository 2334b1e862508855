"""Any string is a query: hypothesis throws arbitrary text at the search on the database in use."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netweave.search import queries, terms

SYNTAX = st.sampled_from(['"', "*", "NEAR", "AND", "OR", "NOT", "(", ")", ":", "^", "-", "+", "{", "}", "'",
                          "\\", "%", "_", "\x00", "李", "東京", "Zoë", "ß", "😀", "\u0301", "\ufeff", " ", "a"])
QUERIES = st.one_of(st.text(max_size=300), st.lists(SYNTAX, max_size=40).map("".join),
                    st.text(alphabet=st.characters(codec="utf-8"), max_size=80))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUERIES)
def test_arbitrary_text_never_raises_and_finds_only_alices_things(network, alice, text):
    results = queries.search(alice, text)
    assert len(results.hits) <= 20
    assert all("<script" not in h.snippet_html for h in results.hits)
    queries.evidence(alice, text, limit=5)


@given(text=st.text(max_size=3000))
def test_a_query_is_always_a_few_short_plain_chunks(text):
    parts = terms.chunks(text)
    assert len(parts) <= terms.MAX_CHUNKS
    assert all(0 < len(p) <= terms.MAX_CHUNK_CHARS and '"' not in p and "*" not in p for p in parts)
