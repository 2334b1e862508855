from netweave.search import terms


def test_a_query_is_cut_into_words_without_any_syntax():
    assert terms.chunks('"rust" AND (python OR go) NEAR(a b) title:ceo') == [
        "rust", "python", "go", "a", "b", "title", "ceo"]
    assert terms.chunks("^x -y z* {w}") == ["x", "y", "z", "w"]


def test_operator_words_alone_are_still_searched_as_words():
    assert terms.chunks("NOT") == ["NOT"]
    assert terms.chunks("not now") == ["not", "now"]


def test_addresses_and_names_with_apostrophes_stay_whole():
    assert terms.chunks("ana.lima@example.org O'Brien Smith-Jones") == [
        "ana.lima@example.org", "O'Brien", "Smith-Jones"]


def test_punctuation_emoji_and_control_characters_give_no_words():
    assert terms.chunks("*** () \"\" 😀🎉 \x00\x1b %_%") == []


def test_a_very_long_query_is_cut_to_a_few_short_words():
    parts = terms.chunks(" ".join(f"word{i}" for i in range(500)) + " " + "x" * 5000)
    assert len(parts) == terms.MAX_CHUNKS
    assert terms.chunks("y" * 5000) == ["y" * terms.MAX_CHUNK_CHARS]


def test_repeated_words_are_searched_once():
    assert terms.chunks("rust Rust RUST go") == ["rust", "go"]


def test_single_letters_are_left_out_of_the_big_tables():
    assert terms.for_big_tables(["a", "李", "東京", "rust"]) == ["東京", "rust"]


def test_letters_unicode61_keeps_are_spelled_out_as_the_index_spells_them():
    assert terms.spell_out("Łukasz Søren Straße") == "lukasz Soren Strasse"
