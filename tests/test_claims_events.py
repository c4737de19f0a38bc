"""PLOVER event claims: recipients, acting groups and how the rules and the event typer combine."""

from __future__ import annotations

import pytest

from actorgraph.extract.claims import _acting_subjects, _subject_tokens, _verb_cues
from actorgraph.extract.event_types import EVENT_TYPES
from actorgraph.nlp import load_nlp
from actorgraph.pipeline import _annotating_nlp, extract
from actorgraph.registry import Registry

PUBLISHED = "2021-10-25"


def claims_of(text: str) -> list[dict]:
    return extract(text, published=PUBLISHED)["claims"]


def affirmed(text: str, relation: str) -> list[dict]:
    return [c for c in claims_of(text) if c["relation"] == relation and c["polarity"] == "affirmed"]


# -- recipients of events found without one -----------------------------------------------------


def test_recipient_from_an_in_phrase() -> None:
    [c] = affirmed("Turkey detained forty activists in Syria last week.", "COERCE")
    assert (c["subject"], c["object"]) == ("turkey", "syria")
    assert c["object_span"]["text"] == "Syria"


@pytest.mark.parametrize("verb", ["demanded", "urged"])
def test_recipient_is_who_must_act(verb: str) -> None:
    [c] = affirmed(f"Egypt {verb} that Israel free the prisoners.", "REQUEST")
    assert (c["subject"], c["object"], c["modality"]) == ("egypt", "israel", "asserted")


@pytest.mark.parametrize(
    "text",
    [
        "Turkey did not detain any activists in Syria.",
        "Egypt never demanded that Israel free the prisoners.",
        "Thousands of Nigerians did not protest against the new fuel prices.",
    ],
)
def test_negated_events_are_not_affirmed(text: str) -> None:
    claims = claims_of(text)
    assert claims, text
    assert all(c["polarity"] == "negated" for c in claims if c["relation"] not in ("LEADS", "MEMBER"))


def test_hedged_event_is_not_asserted() -> None:
    [c] = [c for c in claims_of("Jordan might withdraw its troops from Syria if the talks fail.")
           if c["relation"] == "RETREAT"]  # fmt: skip
    assert c["modality"] == "hypothetical"


# -- who acts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor", "span"),
    [
        ("Thousands of Nigerians marched through Lagos to protest against the new fuel prices.", "nigeria",
         "Nigerians"),
        # the students are a group of their own, of Kenya (tests/test_party_groups.py)
        ("Hundreds of students in Kenya staged a rally against the tuition increase.", "kenya-students",
         "students"),
    ],
)  # fmt: skip
def test_group_named_inside_the_subject_protests(text: str, actor: str, span: str) -> None:
    [c] = affirmed(text, "PROTEST")
    assert c["subject"] == actor and c["subject_span"]["text"] == span


def test_passive_verb_acts_by_its_agent() -> None:
    doc = _annotating_nlp()("Ghana was accused by Togo of harbouring rebels.")
    verb = next(t for t in doc if t.lower_ == "accused")
    assert [t.text for t in _acting_subjects(verb, doc._.refs)] == ["Togo"]


def test_passive_verb_without_agent_has_no_actor() -> None:
    doc = _annotating_nlp()("Ghana was accused of harbouring rebels.")
    verb = next(t for t in doc if t.lower_ == "accused")
    assert _acting_subjects(verb, doc._.refs) == []


def test_second_reading_needs_the_verb_itself() -> None:
    nlp = load_nlp()
    doc = nlp(
        "Pakistan denied reports that Iran met the Taliban. Iran rejected the offer. Iran is seeking help."
    )
    verbs = {t.lemma_: t for t in doc if t.pos_ == "VERB"}
    assert _verb_cues(verbs["reject"], "REJECT")
    assert not _verb_cues(verbs["deny"], "REJECT")  # the frame of a denied report
    assert not _verb_cues(verbs["seek"], "REQUEST")  # an aim


def test_denied_report_gives_no_rejection() -> None:
    claims = claims_of("Pakistan denied reports that Iran met the Taliban.")
    assert [c["relation"] for c in claims] == ["CONSULT"]
    assert claims[0]["polarity"] == "negated"


# -- registry ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "actor"), [("Albanians", "albania"), ("Nigerians", "nigeria")])
def test_plural_demonyms_name_the_people_of_a_state(word: str, actor: str) -> None:
    hits = Registry.default().lookup(word)
    assert hits and hits[0].actor == actor and hits[0].demonym


def test_plural_demonyms_need_a_capital() -> None:
    assert Registry.default().lookup("albanians") == []


def test_denied_event_gives_no_rejection() -> None:
    claims = claims_of("Iran denied supplying drones to Russia.")
    assert [(c["relation"], c["polarity"]) for c in claims] == [("AID", "negated")]


# -- one actor and no recipient; joint subjects ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("The opposition leader in Germany demanded immediate elections.", "REQUEST"),
        ("Germany rejected the proposal on Tuesday.", "REJECT"),
        ("Germany apologized on Tuesday.", "CONCEDE"),
    ],
)
def test_one_sided_event_keeps_a_null_recipient(text: str, relation: str) -> None:
    [c] = affirmed(text, relation)
    assert c["subject"] == "germany" and c["object"] is None and c["modality"] == "asserted"


def test_one_sided_event_negated_and_hedged() -> None:
    [c] = [c for c in claims_of("Germany did not demand new elections.") if c["relation"] == "REQUEST"]
    assert c["polarity"] == "negated"
    [c] = [c for c in claims_of("Germany may demand new elections.") if c["relation"] == "REQUEST"]
    assert c["modality"] == "hypothetical"


def test_joint_subjects_reach_a_consensus() -> None:
    [c] = affirmed("Egypt and Jordan reached a consensus on water sharing.", "AGREE")
    assert {c["subject"], c["object"]} == {"egypt", "jordan"}


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Chad rejected calls by Sudan to close the border.", "affirmed"),
        ("Chad did not reject calls by Sudan to close the border.", "negated"),
    ],
)
def test_recipient_found_below_the_event(text: str, polarity: str) -> None:
    """Nothing next to the verb names a recipient: the nearest actor below it does."""
    claims = [c for c in claims_of(text) if c["relation"] == "REJECT"]
    assert [(c["subject"], c["object"], c["polarity"]) for c in claims] == [("chad", "sudan", polarity)]


def test_wider_recipient_search_is_for_political_actors() -> None:
    claims = [c for c in claims_of("Microsoft rejected calls to leave Sudan.") if c["relation"] == "REJECT"]
    assert [(c["subject"], c["object"]) for c in claims] == [("microsoft", None)]


# -- stances on an event, and who did it --------------------------------------------------------


def test_by_phrase_names_who_acts_in_an_event_noun() -> None:
    claims = claims_of("Turkey condemned the attack by ISIL on Iraq.")
    assert ("ASSAULT", "isis", "iraq") in [(c["relation"], c["subject"], c["object"]) for c in claims]
    assert [(c["subject"], c["object"]) for c in claims if c["relation"] == "ACCUSE"] == [("turkey", "isis")]


def test_who_condemns_an_attack_did_not_attack_and_the_victim_is_not_blamed() -> None:
    claims = claims_of("Iran condemned the attack on Syria.")
    assert not [c for c in claims if c["relation"] == "ASSAULT"]
    assert [(c["subject"], c["object"]) for c in claims if c["relation"] == "ACCUSE"] in (
        [],
        [("iran", None)],
    )


def test_rejecting_talks_with_someone_rejects_them() -> None:
    claims = affirmed("Iran rejected any negotiations with Israel.", "REJECT")
    assert [(c["subject"], c["object"]) for c in claims] == [("iran", "israel")]


def test_pronoun_party_is_shown_by_the_name_the_sentence_gives() -> None:
    """'Japan said it had halted aid to Serbia': the claim's subject span is 'Japan', not 'it'."""
    [c] = affirmed("Japan said on Tuesday it had halted economic aid to Serbia.", "SANCTION")
    assert (c["subject"], c["subject_span"]["text"], c["object"]) == ("japan", "Japan", "serbia")


def test_who_is_to_act_in_a_demand_named_by_a_noun() -> None:
    claims = claims_of(
        "The Hutu rebel group insisted on its demands that Burundi's government free the prisoners."
    )
    assert [c["object"] for c in claims if c["relation"] == "REQUEST"] == ["burundi"]


def test_protest_put_to_someone_over_an_event_without_a_doer() -> None:
    """A protest put to a government is an official complaint (ACCUSE; PLOVER's PROTEST is
    demonstrating), and the arrest it is over is not Iran's doing."""
    [c] = affirmed("Iran protested to Iraq over the arrest of its diplomats.", "ACCUSE")
    assert (c["subject"], c["object"]) == ("iran", "iraq")
    assert not affirmed("Iran protested to Iraq over the arrest of its diplomats.", "COERCE")


@pytest.mark.parametrize("noun", ["raids", "shelling", "bombardment"])
def test_more_event_nouns_of_force(noun: str) -> None:
    [c] = affirmed(f"The Israeli {noun} of Gaza went on for a week.", "ASSAULT")
    assert (c["subject"], c["object"]) == ("israel", "gaza")


@pytest.mark.parametrize("text", ["Turkey, a NATO member, hosted the talks.", "Turkey is a member of NATO."])
def test_member_as_a_tie_noun(text: str) -> None:
    claims = claims_of(text)
    assert ("MEMBER", "turkey", "nato") in [(c["relation"], c["subject"], c["object"]) for c in claims]


def test_a_copula_stating_a_tie_is_no_event_for_the_typer() -> None:
    assert [c["relation"] for c in claims_of("Turkey is a member of NATO.")] == ["MEMBER"]


def test_role_organisation_named_inside_a_longer_mention() -> None:
    claims = claims_of("Gen. Joseph Votel, commander of U.S. Central Command, said the fight would go on.")
    assert [(c["relation"], c["subject"]) for c in claims if c["relation"] == "LEADS"] == [
        ("LEADS", "joseph-votel")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Afghan government, backed by the United States, rejected the talks.",
         ("SUPPORT", "united-states", "afghanistan")),
        ("The new Indian government, led by the Congress Party, took office in May.",
         ("LEADS", "indian-national-congress", "india")),
    ],
)  # fmt: skip
def test_a_participle_after_a_name_ties_its_agent_to_it(text: str, expected: tuple) -> None:
    assert expected in [(c["relation"], c["subject"], c["object"]) for c in claims_of(text)]


def test_a_participle_after_an_event_ties_nothing() -> None:
    claims = claims_of("The agreement between Iraq and Iran, led by the United Nations, was signed.")
    assert not [c for c in claims if c["relation"] == "LEADS"]


def test_a_measure_lifted_in_a_country_bears_on_it() -> None:
    [c] = affirmed("Serbia lifted a night curfew in Montenegro on Sunday.", "CONCEDE")
    assert (c["subject"], c["object"]) == ("serbia", "montenegro")


def test_who_acts_on_an_event_from_outside_does_not_hold_it() -> None:
    """'Police banned the protest against X': the police did not protest (CAMEO's 'ban' is COERCE)."""
    claims = claims_of("Police banned the protest against the government of Kenya.")
    assert not [c for c in claims if c["relation"] == "PROTEST"]


def test_a_complaint_over_raids_blames_the_raiders_not_whom_it_is_put_to() -> None:
    claims = claims_of("Lebanon complained to the United Nations on Tuesday over two Israeli air raids.")
    assert [(c["subject"], c["object"]) for c in claims if c["relation"] == "ACCUSE"] == [
        ("lebanon", "israel")
    ]


def test_a_protest_is_aimed_at_the_doer_of_what_it_protests() -> None:
    text = "Ali Benhadj staged a hunger strike on Sunday in protest against the abuses by Algerian security forces."
    assert [c["object"] for c in affirmed(text, "PROTEST")] == ["algeria-armed-forces"]


def test_talks_on_a_country_are_about_it_not_with_it() -> None:
    claims = claims_of("The Foreign Secretary Boris Johnson joined John Kerry in Paris for talks on Syria.")
    assert [(c["relation"], c["subject"], c["object"]) for c in claims] == [
        ("CONSULT", "boris-johnson", "john-kerry")
    ]


@pytest.mark.parametrize(
    "text", ["Rosneft and VEB declined to comment.", "Iran refused to comment on the talks with Iraq."]
)
def test_declining_to_comment_is_no_event(text: str) -> None:
    assert claims_of(text) == []


def test_members_listed_by_include() -> None:
    claims = claims_of("Coalition nations which have conducted strikes include Australia and Canada.")
    members = {(c["subject"], c["object"]) for c in claims if c["relation"] == "MEMBER"}
    assert members == {("australia", "coalition"), ("canada", "coalition")}
    assert not [
        c for c in claims_of("Its customers include Boots and Burberry.") if c["relation"] == "MEMBER"
    ]


# -- who withdraws, to whom things are offered, who is asked -------------------------------------


def test_withdrawal_of_forces_is_by_them_from_the_place() -> None:
    claims = affirmed("The European Union demanded the withdrawal of Serbian forces from Bosnia.", "RETREAT")
    assert [(c["subject"], c["object"]) for c in claims] == [
        ("serbia-armed-forces", "bosnia-and-herzegovina")
    ]
    [request] = affirmed(
        "The European Union demanded the withdrawal of Serbian forces from Bosnia.", "REQUEST"
    )
    assert request["object"] == "serbia-armed-forces"


def test_withdrawal_of_unnamed_forces_is_by_the_clause_subject() -> None:
    """'forces from Panama' are not Panama's forces leaving Panama."""
    claims = affirmed(
        "The United States speeded up the withdrawal of some invasion forces from Panama.", "RETREAT"
    )
    assert [(c["subject"], c["object"]) for c in claims] == [("united-states", "panama")]


@pytest.mark.parametrize(
    ("text", "relation", "parties"),
    [
        # an own part is no recipient; whom it is offered to is
        ("Syria offered its troops to Lebanon's new President Elias Hrawi.", "AGREE", ("syria", "elias-hrawi")),
        # saying another must act asks it of them
        ("Egyptian President Hosni Mubarak said that the US must mediate between the two sides.", "REQUEST",
         ("hosni-mubarak", "united-states")),
        # the parser hangs the fronted object on "as": the act's doer is blamed
        ("Albania denounced as a crime Serbia's crackdown on ethnic Albanians.", "ACCUSE", ("albania", "serbia")),
        # complements and "to help" lead on to the recipient
        ("Norway is willing to send equipment to help defend Saudi Arabia, its minister said.", "AGREE",
         ("norway", "saudi-arabia")),
    ],
)  # fmt: skip
def test_parties_of_a_typed_event(text: str, relation: str, parties: tuple[str, str]) -> None:
    assert [(c["subject"], c["object"]) for c in affirmed(text, relation)] == [parties]


def events_of(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (c["relation"], c["subject"], c["object"]) for c in claims_of(text) if c["polarity"] == "affirmed"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a verb of thought or neutral saying frames a clause that states no event; the typer,
        # reading the whole sentence, would take the frame ("not", "welcome") for one
        "Siemens stressed that it did not know of any faults in the trains.",
        "Ms Ortiz fears voters not on the register may miss out.",
        "Ms Ortiz believes migration is something Spain should welcome.",
        # a copula describes
        'The Finance Minister of Ghana said it was a "good deal" for local farmers.',
        "Shares in Safaricom were up 2% in morning trade.",
        "Safaricom's deal is the second Kenyan investment in Ethiopia to run into trouble.",
        # the word the typer leans on is in the subject's own phrase, not in what the verb says
        "Lord Smith, who led the inquiry into the 1985 riots in Lagos, has died aged 90.",
        "Shares in Safaricom rose 3% after the Kenyan government approved the merger.",
        # a price moves by itself
        "Shares in Safaricom were trading down 0.67% at 590 pence.",
        # a death is no attack by the one who died; a question put to someone asks nothing
        "Lord Smith, 93, dies peacefully",
        'Asked if she enjoys tennis, the Kenyan minister Ms Wanjiru confesses: "Yes, it is fun."',
    ],
)
def test_the_typer_reads_no_event_into(text: str) -> None:
    assert [r for r, _, _ in events_of(text) if r in EVENT_TYPES] == []


def test_an_event_inside_a_frame_of_thought_stays() -> None:
    """The framed verb says the event itself: whoever threatened did it."""
    text = "Many observers believe that Russia threatened Georgia before the vote."
    assert ("THREATEN", "russia", "georgia") in events_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # readiness, commitment and plans after a copula are events
        ("Norway is willing to send doctors to help Kenya.", ("AGREE", "norway", "kenya")),
        # (PLOVER codes the place of what is committed to as its recipient: "to resume attacks in Israel")
        ("The EU is strongly committed to contribute towards a transition in Syria.", ("AGREE", "european-union", "syria")),
        ("Farmers in Ghana are to stage a protest against the Kenyan government.", ("PROTEST", "ghana-farmers", "kenya")),
    ],
)  # fmt: skip
def test_a_copula_of_readiness_or_plan_states_an_event(text: str, expected: tuple) -> None:
    assert expected in events_of(text)


@pytest.mark.parametrize(
    "text",
    [
        # "it" of "emerged", "occurred", "remains" stands for a clause, not for an actor named before
        "Mr Ruto criticised Safaricom on Monday. It then emerged Safaricom has a client which opposes the plan.",
        "The Kenyan police charged the men. Their lawyer said that at no time had it occurred to the men "
        "that they were committing an offence.",
    ],
)
def test_a_dummy_it_is_no_party(text: str) -> None:
    assert [r for r, _, _ in events_of(text) if r in EVENT_TYPES and r != "ACCUSE"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before the name that the resolver reads as the organisation itself
        ("Labour leader Tony Blair said the vote was fair.", ("LEADS", "tony-blair", "labour-party")),
        # a title naming a part or a deputy: a member, not the leader
        ("Kenya's Europe Director Jane Wanjiru will speak at the talks.", ("MEMBER", "jane-wanjiru", "kenya")),
        ("Mark Otieno, Safaricom's vice president for marketing, said sales were up.",
         ("MEMBER", "mark-otieno", "safaricom")),
        ("Tony Blair, the deputy leader of the Labour Party, said the vote was fair.",
         ("MEMBER", "tony-blair", "labour-party")),
        ("Abu Salim, an ISIL gang leader in Raqqa, was killed by a coalition airstrike.",
         ("MEMBER", "abu-salim", "isis")),
        # the title first, the name in apposition after it
        ("The Taliban spokesman, Zabihullah Mujahid, denied the report.",
         ("REPRESENTS", "zabihullah-mujahid", "taliban")),
        ("US Secretary of State Condoleezza Rice said the vote was fair.",
         ("MEMBER", "condoleezza-rice", "united-states")),
        # the state's word opens the name of the body commanded, however the parser hangs its words
        ("Gen. Joseph Votel, U.S. Central Command commander, released a statement on Monday.",
         ("LEADS", "joseph-votel", "united-states")),
        # the organisation in apposition after a bare title, hung on the title or on the name
        ("Gen. Joseph Votel, commander, U.S. Central Command, released a statement on Monday.",
         ("LEADS", "joseph-votel", "united-states")),
        ('"We are ready," said Maj. Gen. Gary Volesky, commander, Combined Joint Forces Land Component Command.',
         ("LEADS", "gary-volesky", "joint-forces-land-component-command")),
        # a unit's number is its name, not a part it heads; the recogniser cut the name short
        ('"The unit is ready," said Col. Travis Caughlin, 507th Maintenance Group Commander.',
         ("LEADS", "travis-caughlin", "507th-maintenance-group")),
        ("The Combined Joint Task Force – Inherent Resolve Commander, Lt. Gen. Stephen Townsend, spoke on Monday.",
         ("LEADS", "stephen-townsend", "combined-joint-task-force")),
    ],
)  # fmt: skip
def test_a_title_ties_a_person_to_the_organisation(text: str, expected: tuple) -> None:
    ties = [t for t in events_of(text) if t[0] in ("LEADS", "MEMBER", "REPRESENTS")]
    assert ties == [expected]


def test_the_organisation_of_a_title_taken_into_its_name_is_named_without_it() -> None:
    text = '"The unit is ready," said Col. Travis Caughlin, 507th Maintenance Group Commander.'
    [claim] = [c for c in claims_of(text) if c["relation"] == "LEADS"]
    assert claim["object_span"]["text"] == "507th Maintenance Group"


def test_the_organisation_led_is_the_one_named_nearest_the_title() -> None:
    # the service named before the name is his, the command after the title is what he leads
    text = "U.S. Army General Joseph Votel, commander, U.S. Central Command, met Iraqi leaders."
    [claim] = [c for c in claims_of(text) if c["relation"] == "LEADS"]
    assert claim["object_span"]["text"] == "U.S. Central Command"


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("Kenya sent the 3rd Battalion, which attacked al-Shabab on Monday.", "attacked", "Battalion"),
        # a thing named after an actor does not act for it
        ("The coalition struck ISIS targets, which include three tactical units.", "include", "which"),
    ],
)
def test_a_relative_pronoun_acts_for_the_actor_its_clause_hangs_on(
    text: str, verb: str, subject: str
) -> None:
    doc = _annotating_nlp()(text)
    [tok] = [t for t in doc if t.text == verb]
    assert [t.text for t in _subject_tokens(tok)] == [subject]


def test_whom_an_organisation_was_founded_by_leads_it() -> None:
    text = "The Ogaden Society is a charity in Nairobi. It was founded by Amina Hassan in 1990."
    assert events_of(text) == [("LEADS", "amina-hassan", "ogaden-society")]


def test_it_opening_a_sentence_is_the_subject_of_the_one_before() -> None:
    # not the last name before it (Nairobi, which stands for Kenya)
    text = "The Ogaden Society is a charity in Nairobi. It criticised the Kenyan government on Monday."
    assert events_of(text) == [("ACCUSE", "ogaden-society", "kenya")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attack on plans or words is criticism; on positions, force
        ("Mr Odinga attacked Kenyan government plans to raise taxes.", ("ACCUSE", "odinga", "kenya")),
        ("Rebels attacked Kenyan army positions near the border.", ("ASSAULT", "rebels", "kenya")),
    ],
)
def test_an_attack_on_words_is_criticism(text: str, expected: tuple) -> None:
    assert [t for t in events_of(text) if t[0] in ("ACCUSE", "ASSAULT")] == [expected]


@pytest.mark.parametrize(
    ("text", "requests"),
    [
        ('Mr Odinga called the Kenyan plan "disgraceful".', []),  # naming, not asking
        ("Mr Odinga called on Kenya to free the prisoners.", [("REQUEST", "odinga", "kenya")]),
    ],
)
def test_calling_something_a_name_asks_nothing(text: str, requests: list) -> None:
    assert [t for t in events_of(text) if t[0] == "REQUEST"] == requests


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a light verb states only the event its object or the verb itself names
        ("Kenya has $8bn in foreign exchange reserves.", []),
        ("Kenya sought to calm the fears of investors.", []),  # an aim, no request
        ("Kenya sought help from the United Nations.", [("REQUEST", "kenya", "united-nations")]),
        ("The Kenyan government held talks with Ethiopia on Monday.", [("CONSULT", "kenya", "ethiopia")]),
        ("Kenyan forces launched rocket and mortar fire against Somali militant camps.",
         [("ASSAULT", "kenya-armed-forces", "somalia")]),
    ],
)  # fmt: skip
def test_a_light_verb_carries_the_event_it_names(text: str, expected: list) -> None:
    assert [t for t in events_of(text) if t[0] in EVENT_TYPES] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya is encouraging state-owned companies to sell shares to foreign investors.", []),
        ("Safaricom also managed to slow a decline in underlying revenues in Kenya and cut its debt.", []),
        ("Kenya shared intelligence with Ethiopia.", [("COOPERATE", "kenya", "ethiopia")]),
    ],
)
def test_money_words_are_no_events(text: str, expected: list) -> None:
    """ "shares" (stock) is no cooperation, "a decline" (in revenue) no rejection."""
    assert [t for t in events_of(text) if t[0] in EVENT_TYPES] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue must be near the verb: its objects, complements, the act it goes on with
        ("Kenya's exports to Uganda rose 12% last year.", []),
        ("The Kenyan military government declared a state of siege in Nairobi, arresting opposition leaders.",
         ["COERCE"]),
    ],
)  # fmt: skip
def test_the_typed_event_is_said_near_its_verb(text: str, expected: list) -> None:
    assert [t[0] for t in events_of(text) if t[0] in EVENT_TYPES] == expected


def test_the_word_the_rules_typed_is_no_second_event() -> None:
    """'strikes' is the rules' ASSAULT; the typer's PROTEST on the same word is no second event."""
    text = "The Global Coalition launched strikes against ISIL in Iraq."
    assert [t[0] for t in events_of(text) if t[0] in EVENT_TYPES] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "threats"),
    [
        ("Safaricom is preparing to enter the market for phones in Ethiopia.", []),
        ("Kenya is preparing a review of the privatisation of Safaricom.", []),
        ("Kenya plans to impose restrictions on imports from Uganda.", ["kenya"]),
        ("The Kenyan government is prepared to impose martial law in Nairobi.", ["kenya"]),
    ],
)
def test_a_plan_threatens_only_force(text: str, threats: list) -> None:
    assert [s for r, s, _ in events_of(text) if r == "THREATEN"] == threats


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The IEA said the revision was due to stronger demand from China.", []),  # the market's demand
        # the rejection presupposes the demand: Uganda asked it of Kenya
        (
            "Kenya rejected the demand from Uganda that it withdraw its troops.",
            [("REJECT", "kenya", "uganda"), ("REQUEST", "uganda", "kenya")],
        ),
    ],
)
def test_demand_from(text: str, expected: list) -> None:
    assert [t for t in events_of(text) if t[0] in ("REQUEST", "REJECT")] == expected


def test_an_unresolved_possessor_is_not_the_clause_subject() -> None:
    """ "their attacks": whoever "their" is, it is not the ones who warn."""
    text = ('"We have warned the Kenyan government about their continuing attacks against Safaricom," said '
            "Tim Osborne, director of Group Menatep.")  # fmt: skip
    assert [t for t in events_of(text) if t[0] == "ASSAULT"] == []
    assert ("ASSAULT", "kenya", "somalia-rebels") in events_of(
        "Kenya stepped up its attacks on Somali militants."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Finance Minister Njuguna Ndungu will meet his golden economic rule with a margin to spare.", []),
        # an announced visit toward another actor is a promise too (PLOVER AGREE), beside the visit
        ("The Kenyan foreign minister will visit Ethiopia in June.", ["CONSULT", "AGREE"]),
    ],
)
def test_will_is_no_promise_by_itself(text: str, expected: list) -> None:
    assert [t[0] for t in events_of(text) if t[0] in EVENT_TYPES] == expected


@pytest.mark.parametrize(
    ("text", "threats"),
    [
        ("Ms Wanjiru warned that the costs could easily outweigh the benefits for Kenya.", []),
        ("Kenyan security chief John Kamau has warned that police will no longer tolerate rallies by the ODM.",
         ["john-kamau"]),
        ("Kenya warned Uganda that it would expel its diplomats.", ["kenya"]),
    ],
)  # fmt: skip
def test_a_warning_threatens_only_of_force_or_refusal(text: str, threats: list) -> None:
    assert [s for r, s, _ in events_of(text) if r == "THREATEN"] == threats


def test_a_deal_struck_is_no_blow() -> None:
    text = "Simba Motors struck a deal with Kiira Motors."
    assert [t for t in events_of(text) if t[0] in EVENT_TYPES] == [("AGREE", "simba-motors", "kiira-motors")]
    assert ("ASSAULT", "kenya-armed-forces", "somalia") in events_of(
        "Kenyan forces struck militant camps in Somalia."
    )


@pytest.mark.parametrize(
    ("text", "leads"),
    [
        ("Kenya leads Uganda by five points in the poll.", []),  # a poll's lead
        ("Tony Blair leads the Labour Party.", [("LEADS", "tony-blair", "labour-party")]),
    ],
)
def test_a_lead_in_a_poll_is_no_leadership(text: str, leads: list) -> None:
    assert [t for t in events_of(text) if t[0] == "LEADS"] == leads


def test_no_longer_negates_and_a_deal_slammed_is_criticism() -> None:
    assert [(c["relation"], c["polarity"]) for c in claims_of("Kenya will no longer support Uganda.")] == [
        ("SUPPORT", "negated")
    ]
    assert ("ACCUSE", "odinga", "uganda") in events_of("Mr Odinga slammed the deal with Uganda.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "we" in a quote or in a statement after a colon: the state whose government the
        # registry says the speaker served, where the text names no organisation of theirs
        ('"We will attack ISIS," said Emmanuel Macron.', ("ASSAULT", "france", "isis")),
        ("Philip Hammond said: We will attack ISIS in Syria.", ("ASSAULT", "united-kingdom", "isis")),
        # a press release's statement, paragraph by paragraph
        (
            "Philip Hammond said:\n\nI condemn the attack.\n\nWe will continue to support the Iraqi government.",
            ("SUPPORT", "united-kingdom", "iraq"),
        ),
        # ... or given after the colon in the cue's own paragraph
        (
            "Philip Hammond said: I condemn the attack.\n\nWe will continue to support the Iraqi government.",
            ("SUPPORT", "united-kingdom", "iraq"),
        ),
        # a statement released, in the paragraphs after the colon
        (
            "Gen. Joseph Votel, commander of U.S. Central Command, released the following statement today:"
            '\n\n"We mourn the loss of one of our own."\n\n"We will continue to attack ISIL."',
            ("ASSAULT", "united-states", "isis"),
        ),
        # a release's own voice: "we" in no one's words is who the sentence before is about
        (
            "The Coalition conducted ten strikes near Mosul. We will continue to strike ISIL.",
            ("ASSAULT", "coalition", "isis"),
        ),
    ],
)
def test_we_in_a_statement_is_the_speakers_government(text: str, expected: tuple) -> None:
    assert expected in events_of(text)


def test_we_in_a_quote_is_the_organisation_in_the_speakers_title() -> None:
    # "CJTF-OIR": a name of several words before the role noun; the claim's party is the quote's
    # own "We", not the words that name the speaker
    text = '"The strike was a success," said Col. John Dorrian, the CJTF-OIR spokesperson. "We will keep attacking ISIL."'
    [claim] = [c for c in claims_of(text) if c["relation"] == "ASSAULT"]
    assert (claim["subject"], claim["object"]) == ("cjtf", "isis")
    assert text[claim["subject_span"]["start"] : claim["subject_span"]["end"]] == "We"


def test_a_firms_title_ties_no_one_to_its_market() -> None:
    # a firm no actor names owns the title; the state before it is where it sells
    text = '"Customers want it now," said Robert Quinn, Game\'s UK sales director.'
    assert [t for t in events_of(text) if t[0] in ("LEADS", "MEMBER")] == []


def test_we_is_its_own_span_beside_the_speakers_title() -> None:
    # the title names the speaker (a person), not the organisation "we" stands for
    text = 'Gen. Joseph Votel, commander of U.S. Central Command, said: "We will defeat ISIL."'
    spans = {text[c["subject_span"]["start"] : c["subject_span"]["end"]] for c in affirmed(text, "ASSAULT")}
    assert spans == {"We"}


@pytest.mark.parametrize(
    "text",
    [
        # a speaker the registry does not place in a government speaks for no one known
        '"We will attack ISIS," said John Smith.',
        # reported speech is the writer's: "we" there is not the speaker's
        "Philip Hammond said that we will attack ISIS in Syria.",
        # a quote no one is said to speak is no release's own voice
        'The Coalition conducted ten strikes near Mosul. "We will attack ISIS."',
        # a participle's subject is the noun it modifies, not the clause's
        '"We are targeting arms dealers, along with businessmen and companies supporting the Houthis," said the '
        "British foreign minister.",
    ],
)
def test_no_one_else_is_we(text: str) -> None:
    assert [t for t in events_of(text) if t[0] in ("ASSAULT", "SUPPORT")] == []


def test_our_partners_are_not_us() -> None:
    text = (
        "Gen. Joseph Votel, commander of U.S. Central Command, released the following statement:\n\n"
        '"Petty Officer Keating was advising and assisting our Kurdish partners."'
    )
    assert [t for t in events_of(text) if t[0] == "AID" and t[2] == "united-states"] == []


def test_a_former_leaders_we_is_no_longer_the_state() -> None:
    # Tony Blair led the United Kingdom until 2007: in a text of later date his "we" is no one known
    assert events_of('"We will attack ISIS," said Tony Blair.') == []
    claims = extract('"We will attack ISIS," said Tony Blair.', published="2003-06-01")["claims"]
    assert ("ASSAULT", "united-kingdom", "isis") in [
        (c["relation"], c["subject"], c["object"]) for c in claims
    ]


def test_agreeing_to_target_someone_is_no_agreement_with_them() -> None:
    assert ("AGREE", "united-kingdom", "george-haswani") not in events_of(
        "The UK agreed to target individuals supplying oil to Syria, including George Haswani."
    )
    assert ("AGREE", "iran", "united-states") in events_of("Iran agreed to meet the United States in Geneva.")


def test_demand_for_goods_is_a_market() -> None:
    text = "On the other hand, slower European exports would mean slower EU growth - reducing the demand for US goods."
    assert [t for t in events_of(text) if t[0] == "REQUEST"] == []


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # verbs of an event type in their other sense
        ("Sir Nicholas Scott has died at a London hospice.", "ASSAULT"),
        ("Britain will lead by demonstrating the strength of its values.", "PROTEST"),
        ("Mr Blair shot basketball hoops with students from the Waverley Sports College.", "ASSAULT"),
        # "insisted" that something is so asserts it, asks nothing
        ("But Ms Jowell insisted his concerns had been met.", "REQUEST"),
        # a mayor leads a city, not the state a city's name may stand for
        ("London mayor Ken Livingstone has again refused to retract a Nazi insult.", "LEADS"),
        # one party a word of the other's phrase: the police, not the UK and its police
        (
            "Five British detainees were questioned by UK police before being released without charge.",
            "RETREAT",
        ),
        # "his predecessor" is someone else than "him"
        (
            "Lord Butler criticised the government. Lord Butler's assessment was backed by his predecessor.",
            "SUPPORT",
        ),
        # CAMEO files "unveil" with diplomatic cooperation; presenting a policy is no event
        ("Kilroy unveils immigration policy", "SUPPORT"),
        # a number falls; those counted do nothing
        ("The number of illegal immigrants detected in Dover has dropped dramatically.", "CONCEDE"),
        # who opposes a war does not wage it
        (
            "The Lib Dems will hope to have made advances because of their consistent stand against the war on Iraq.",
            "ASSAULT",
        ),
        # leaving a party, or a city, is no visit (CAMEO's "leave" departs on one: "left for Moscow")
        (
            "Damian Hockney is a UKIP member. Mr Hockney also left UKIP saying Mr Kilroy-Silk would deliver better.",
            "CONSULT",
        ),
        ("While Holmes left Athens as the star of Team GB, Radcliffe carried expectations.", "CONSULT"),
        ("While Holmes left Athens as the star of Team GB, Radcliffe carried expectations.", "RETREAT"),
        # "insisted" a forecast, the cue after its quote
        (
            "Charles Kennedy spoke on Monday. He insists his three headline commitments will appeal right across the political spectrum.",
            "REQUEST",
        ),
        (
            '"Almost every independent expert says if you get another Labour government you are going to have to pay higher taxes," Mr Howard insisted.',
            "REQUEST",
        ),
        ("UK needs tax cuts, Tories insist", "SANCTION"),
        ("He said his Budget struck a balance between tax cuts and investment.", "ASSAULT"),
        # winning a vote or a contest is no attack
        (
            "Mr Yushchenko recently defeated Moscow-backed presidential candidate and Prime Minister Viktor Yanukovych"
            " at the polls.",
            "ASSAULT",
        ),
        ("The Chaplin Collection beat Oasis in the DVD category.", "ASSAULT"),
        # a firm's results, dividends, services and cash are business, not deeds or agreements
        ("The South African group will release its results for the year on 30 May.", "RETREAT"),
        (
            "BP said it was increasing its dividend by 26% and would continue with share buybacks.",
            "COOPERATE",
        ),
        ("MCI also offers internet services.", "AGREE"),
        ("Investors want Deutsche to return cash to shareholders rather than bid.", "RETREAT"),
        # releasing a thing frees no one; fighting for a thing attacks no one
        ("Microsoft is releasing tools that clean up PCs.", "RETREAT"),
        ("IBM frees 500 software patents.", "RETREAT"),
        # what a firm makes does not act for it
        ("Sony PSP console hits US in March.", "ASSAULT"),
        ("Sony PSP console hits US in March.", "HOSTILE"),
        ("A US airline attendant is fighting for her job.", "ASSAULT"),
        # who faces charges or earns praise from no one named does nothing
        ("Boeing may yet face civil charges arising from the scandal.", "ACCUSE"),
        ("Mr Walsh has earned praise for turning Aer Lingus around.", "SUPPORT"),
        ("Wal-Mart is also fighting two lawsuits.", "ASSAULT"),
        ("Viacom is contesting that fine.", "ACCUSE"),
        # a firm's fights are figures of speech, where no word of war is near
        ("Wal-Mart fights back at accusers.", "ASSAULT"),
        ("Kraft plans to cut back on advertising of products like Oreo cookies.", "THREATEN"),
        ("Sony says it intends to ship three million of the consoles by March 2005.", "PROTEST"),
        # a headline's passive: the jailed did not jail
        ("Singer Sizzla jailed for swearing.", "COERCE"),
        ("The BBC fought off competition from CBBC Newsround and the Guardian to win the award.", "ASSAULT"),
        # a place where something takes place is not taken
        ("The Indian film takes place in Kerala.", "COERCE"),
        # a state's currency or market moves by itself; a war's parties do not deepen it
        ("The US currency was trading at 1.36 dollars per euro at 1800 GMT on Monday.", "COOPERATE"),
        ("The trade war between the US and China deepened.", "COOPERATE"),
        # a legal fight is fought without force
        ("The court is the right place for the legal fight between Russia and Yukos.", "ASSAULT"),
        # the victims of force, side by side, did not use it on each other
        ("The tsunami left 25,000 people dead, with Sri Lanka, Thailand and India worst hit.", "ASSAULT"),
        ("US firms and their workers have been targets of attacks.", "ASSAULT"),
        # warnings, plans and vows aimed at no one threaten no one
        ("The Liberal Democrats have unveiled plans to build 100,000 new homes.", "THREATEN"),
        ("But the Conservatives warned of rising obesity levels.", "THREATEN"),
        # where a man is from is no office he holds; an operation led is no actor led
        ("Senior Chief Petty Officer Scott C. Dayton, 42, of Woodbridge, Virginia, died in Syria.", "MEMBER"),
        ("General Abboud Qanbar led the Baghdad crackdown.", "LEADS"),
    ],
)
def test_no_event_of_that_type(text: str, wrong: str) -> None:
    assert [c for c in claims_of(text) if c["relation"] == wrong] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US insisted that Iraq must disarm.", ("REQUEST", "united-states", "iraq")),
        ("Israeli troops shot a Palestinian in Gaza.", ("ASSAULT", "israel-armed-forces", "palestine")),
        ("Russia unveiled new sanctions against Ukraine.", ("SANCTION", "russia", "ukraine")),
        ("Iran insisted that the inspectors should leave the country.", ("REQUEST", "iran", None)),
        ("US troops left Afghanistan in 2021.", ("RETREAT", "united-states", "afghanistan")),
        # an attack "over" something, or one on plans, is criticism
        (
            "Labour attacked the Tories over their spending plans.",
            ("ACCUSE", "labour-party", "conservative-party"),
        ),
        ("Tony Blair has launched an attack on Conservative spending plans.", ("ACCUSE", "tony-blair", None)),
        ("Israeli jets attacked Hamas over the weekend.", ("ASSAULT", "israel", "hamas")),
        # blame for a failing, an attack by or on a party or on its things: words
        ("Labour attacked the Tories.", ("ACCUSE", "labour-party", "conservative-party")),
        (
            "Charles Kennedy attacked Mr Brown for failing to mention the environment.",
            ("ACCUSE", "charles-kennedy", "brown"),
        ),
        (
            "Mr Cable also attacked Labour's unfair and over-complicated taxes.",
            ("ACCUSE", "mr-cable", "labour-party"),
        ),
        ("Hamas attacked Israel on Saturday.", ("ASSAULT", "hamas", "israel")),
        # a lawsuit accuses (CAMEO 115, PLOVER ACCUSE), active or passive
        ("The US sued Microsoft for abusing its monopoly.", ("ACCUSE", "united-states", "microsoft")),
        ("Microsoft was sued by the US government.", ("ACCUSE", "united-states", "microsoft")),
        # one person's attack on another is words; gunmen's on a president is not
        ("Trump attacked Alicia Machado on Friday.", ("ACCUSE", "donald-trump", "alicia-machado")),
        (
            "Trump has responded with attacks on Alicia Machado, including Friday tweets.",
            ("ACCUSE", "donald-trump", "alicia-machado"),
        ),
        ("Gunmen attacked President Hamid Karzai in Kandahar.", ("ASSAULT", "gunmen", "hamid-karzai")),
        # a lobby's demonstration is a protest, where a firm's figures are not (see above)
        (
            "The Countryside Alliance is holding a static demonstration outside Parliament.",
            ("PROTEST", "countryside-alliance", None),
        ),
        # two sides that fought or clashed used force on each other, for however long
        ("Israel and Hezbollah fought for 34 days in 2006.", ("ASSAULT", "israel", "hezbollah")),
        ("Israel and Hezbollah clashed on Monday.", ("ASSAULT", "israel", "hezbollah")),
        ("Israeli jets struck Hamas targets in Gaza.", ("ASSAULT", "israel", "hamas")),
        # the small model reads "the Lib Dems" as a person; the registry's party all the same
        (
            "Mr Howard will also attack the Lib Dems for wanting to abolish faith schools.",
            ("ACCUSE", "howard", "liberal-democrats"),
        ),
        (
            "Mr Brown rejected the Lib Dem's call to open up the books.",
            ("REJECT", "brown", "liberal-democrats"),
        ),
        ("Russia and Yukos are locked in a legal battle.", ("HOSTILE", "russia", "yukos")),
        ("Deutsche Bank attacks the Yukos case.", ("ACCUSE", "deutsche-bank", "yukos")),
        # who receives, faces or settles an act has it done to them by whom it comes from
        (
            "Walt Disney has settled charges from US federal regulators that it failed to disclose payments.",
            ("ACCUSE", "united-states", "walt-disney"),
        ),
        ("Ukraine received military aid from the United States.", ("AID", "united-states", "ukraine")),
        ("Iran faces new sanctions from the EU.", ("SANCTION", "european-union", "iran")),
        ("Israel received support from the US.", ("SUPPORT", "united-states", "israel")),
        ("Blair has earned praise from George Bush for his stance.", ("SUPPORT", "george-bush", "blair")),
        ("The US won the war against Iraq.", ("ASSAULT", "united-states", "iraq")),
        ("Only Sri Lanka and Bangladesh currently receive IMF support.", ("SUPPORT", "imf", "sri-lanka")),
        ("Toshiba's HD-DVD technology has won backing from Paramount.", ("SUPPORT", "paramount", "toshiba")),
        # a topic discussed is no party to the talks; its owner neither
        ("Blair discussed Iran's nuclear programme with Bush.", ("CONSULT", "blair", "bush")),
        ("Iraqi forces fought off an attack from ISIS.", ("ASSAULT", "isis", "iraq-armed-forces")),
        # a state's minister acts for it
        ("Labour accused Iran's foreign minister of lying.", ("ACCUSE", "labour-party", "iran")),
    ],
)
def test_events_in_their_political_sense(text: str, expected: tuple) -> None:
    assert expected in events_of(text)


def test_the_deputys_title_is_not_the_office() -> None:
    text = (
        "Prime Minister Tony Blair met Bush. Deputy Prime Minister John Prescott stayed home. "
        "Michael Howard accused the prime minister of squabbling."
    )
    assert ("ACCUSE", "michael-howard", "tony-blair") in events_of(text)
    text = "Deputy Prime Minister John Prescott hosted a dinner. Michael Howard accused the prime minister of squabbling."
    assert ("ACCUSE", "michael-howard", "john-prescott") not in events_of(text)


def test_a_commander_of_a_states_forces_does_not_lead_the_state() -> None:
    text = "But former British Commander Colonel Bob Stewart said the verdict was sad."
    assert ("MEMBER", "bob-stewart", "united-kingdom") in events_of(text)
    assert ("LEADS", "ashraf-ghani", "afghanistan") in events_of(
        "Afghan President Ashraf Ghani met Imran Khan."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a prime minister heads the government, a deputy one does not
        ("Israeli Prime Minister Ariel Sharon met Hosni Mubarak.", ("LEADS", "ariel-sharon", "israel")),
        (
            "Tony Blair, the British prime minister, met Hosni Mubarak.",
            ("LEADS", "tony-blair", "united-kingdom"),
        ),
        (
            "Israeli Deputy Prime Minister Shimon Peres met Hosni Mubarak.",
            ("MEMBER", "shimon-peres", "israel"),
        ),
        # a state's name of two words is still the title's modifier, not a body named after it
        ("Hong Kong director Wong Kar-Wai was honoured.", ("MEMBER", "wong-kar-wai", "hong-kong")),
        ("New Zealand commander John Smith said the mission ended.", ("MEMBER", "john-smith", "new-zealand")),
        # an heir does not reign; a prince rules no business
        ("Denmark's Crown Prince Frederik visited New York.", ("MEMBER", "crown-prince-frederik", "denmark")),
        (
            "The hotel was sold to Saudi billionaire investor Prince Alwaleed bin Talal.",
            ("MEMBER", "alwaleed-bin-talal", "saudi-arabia-business"),
        ),
    ],
)
def test_who_heads_a_state_by_title(text: str, expected: tuple) -> None:
    assert expected in events_of(text)


def test_the_title_inside_a_name_is_a_role() -> None:
    """ "Defense Secretary Ash Carter" is one name to the registry, title and all; "the
    secretary" is still he."""
    text = (
        "Defense Secretary Ash Carter met Iraqi Prime Minister Haider al-Abadi in Baghdad. "
        "The secretary and Abadi agreed to continue the partnership."
    )
    assert ("AGREE", "ashton-carter", "haidar-al-abadi") in events_of(text)


def test_his_chancellor_is_not_him() -> None:
    text = "Michael Howard spoke. The Tories accused the prime minister and his chancellor of behaving like schoolboys."
    assert [c for c in claims_of(text) if c["object"] == "michael-howard"] == []


def test_what_an_attack_is_over_is_no_target() -> None:
    assert events_of("Duncan Bannatyne also attacked the government over Iraq.") == [
        ("ACCUSE", "duncan-bannatyne", None)
    ]


def test_no_plan_for_an_event_denies_it() -> None:
    claims = claims_of("Tony Blair spoke on Monday. He insisted there was no plan for an invasion of Iran.")
    assert [(c["relation"], c["object"], c["polarity"]) for c in claims if c["object"] == "iran"] == [
        ("ASSAULT", "iran", "negated")
    ]
    assert ("CONSULT", "labour-party", "hamas") in events_of("Labour has a plan for talks with Hamas.")


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("The rebels released 20 hostages.", "RETREAT"),
        ("Hamas released them on Monday.", "RETREAT"),
        # a group the rules make a party only on their second reading is people too
        ("Egyptian police released the protesters on Monday.", "RETREAT"),
        ("Ukraine is fighting for its survival against Russia.", "ASSAULT"),
        ("Iran threatened to close the Strait of Hormuz.", "THREATEN"),
    ],
)
def test_people_released_enemies_fought_and_threats_made_still_are(text: str, relation: str) -> None:
    assert [c["relation"] for c in claims_of(text)] == [relation]


@pytest.mark.parametrize(
    ("text", "not_a_party"),
    [
        ("Blair discussed Iran's nuclear programme with Bush.", "iran"),
        (
            "The singer joined the lecture series to discuss Scotland's role in making music.",
            "united-kingdom",
        ),
        # what is discussed, and what one meets for or at, names no partner to the talks
        ("President Hollande discussed UK-France co-operation on counter-terrorism.", "france"),
        ("Blair discussed Iran with Bush.", "iran"),
        ("President Hollande met Angela Merkel for talks on Iran.", "iran"),
        ("Donald Trump met Vladimir Putin at the Kremlin.", "russia"),
    ],
)
def test_whose_topic_is_discussed_is_no_party(text: str, not_a_party: str) -> None:
    assert not [e for e in events_of(text) if not_a_party in e[1:]]


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Blair discussed Iran with Bush.", "bush"),
        ("Donald Trump met Vladimir Putin at the Kremlin.", "vladimir-putin"),
    ],
)
def test_the_partner_to_talks_stays(text: str, partner: str) -> None:
    assert [e for e in events_of(text) if e[0] == "CONSULT" and partner in e[1:]]


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        # whom one joins in an act shares it, and is not what one joined
        (
            "France joined the United States in condemning Russia.",
            {("ACCUSE", "france", "russia"), ("ACCUSE", "united-states", "russia")},
            ("MEMBER", "france", "united-states"),
        ),
        (
            "Britain joined France in imposing sanctions on Iran.",
            {("SANCTION", "united-kingdom", "iran")},
            ("MEMBER", "united-kingdom", "france"),
        ),
        # a state or a person joined is a companion: in an undertaking, or for talks
        (
            "U.S. forces will join Jordan in an exercise in May.",
            {("COOPERATE", "united-states", "jordan")},
            ("MEMBER", "united-states", "jordan"),
        ),
        (
            "Japan joined South Korea for talks on trade.",
            {("CONSULT", "japan", "south-korea")},
            ("MEMBER", "japan", "south-korea"),
        ),
        (
            "The US joined forces with Iraq against ISIS.",
            {("COOPERATE", "united-states", "iraq")},
            ("MEMBER", "united-states", "isis"),
        ),
        # a coalition joined is still joined
        (
            "Canada joined the coalition in fighting ISIS.",
            {("MEMBER", "canada", "coalition"), ("ASSAULT", "canada", "isis")},
            ("ASSAULT", "canada", "coalition"),
        ),
        # a person's attack on an outlet is words
        (
            "Donald Trump attacked the New York Times.",
            {("ACCUSE", "donald-trump", "new-york-times")},
            ("ASSAULT", "donald-trump", "new-york-times"),
        ),
        # a person named beside the noun for them is the party, not where they are from
        (
            "Tony Blair held talks with his Israeli counterpart, Ariel Sharon.",
            {("CONSULT", "tony-blair", "ariel-sharon")},
            ("CONSULT", "tony-blair", "israel"),
        ),
        (
            "Herve Gaymard met his German counterpart Hans Eichel.",
            {("CONSULT", "herve-gaymard", "hans-eichel")},
            ("CONSULT", "herve-gaymard", "germany"),
        ),
        # arms used against someone are force, not aid
        (
            "The investigation concluded that the Asad regime has used chemical weapons against the Syrian people.",
            {("ASSAULT", "asad", "syria")},
            ("AID", "asad", "syria"),
        ),
        (
            "Syrian government forces used chemical weapons against rebels in Ghouta.",
            {("ASSAULT", "syria-armed-forces", "syria-rebels")},
            ("AID", "syria-armed-forces", "syria-rebels"),
        ),
        (
            "The Syrian regime used chemical weapons against civilians in Ghouta.",
            {("ASSAULT", "syria", "syria-civilians")},
            ("COERCE", "syria", None),
        ),
        # whom one assists or trains to do something does it; what aid is meant against is no recipient
        (
            "The coalition is assisting the Iraqi government to destroy ISIS.",
            {("ASSAULT", "iraq", "isis")},
            ("ASSAULT", "coalition", "isis"),
        ),
        (
            "The US is training Kurdish fighters to fight ISIS.",
            set(),
            ("AID", "united-states", "isis"),
        ),
        # whom one stands by, behind or with is backed; one's wife on a stage is not
        (
            "The UK stands by Iraq and will stand shoulder to shoulder with the people of Iraq.",
            {("SUPPORT", "united-kingdom", "iraq")},
            ("ASSAULT", "united-kingdom", "iraq"),
        ),
        (
            "Blair stood with his wife Cherie on the stage.",
            set(),
            ("SUPPORT", "blair", "cherie"),
        ),
        # whom one backs in a fight fights it
        (
            "The US expressed support for Kenya in the war against al-Shabab.",
            {("ASSAULT", "kenya", "al-shabaab")},
            ("ASSAULT", "united-states", "al-shabaab"),
        ),
        (
            "Britain will help Iraq in the fight against ISIS.",
            {("ASSAULT", "iraq", "isis")},
            ("ASSAULT", "united-kingdom", "isis"),
        ),
        # Britain has Secretaries of State too: the bare title names no state
        (
            "The Secretary of State for Culture, Tessa Jowell, has hit out at critics of the Gambling Bill.",
            set(),
            ("MEMBER", "tessa-jowell", "united-states"),
        ),
        # a place set before the subject is not the doer, however the parser reads it
        (
            "In Turkey Minister Ellwood met with the Syrian National Coalition.",
            {("CONSULT", "ellwood", "syrian-national-coalition")},
            ("MEMBER", "ellwood", "turkey"),
        ),
        (
            "Near Sinjar, one strike suppressed an ISIS unit.",
            set(),
            ("COERCE", "iraq", "isis"),
        ),
        # what a fight is for is its prize, not the foe
        (
            "Blair thanked the general for the performance of British troops in the fight for Basra.",
            set(),
            ("ASSAULT", "blair", "iraq"),
        ),
        # those pushed back are driven by force, not asked
        (
            "Kurdish fighters pushed ISIS back from the town.",
            {("ASSAULT", "kurdish-fighters", "isis")},
            ("REQUEST", "kurdish-fighters", "isis"),
        ),
        # a relative pronoun's clause is about the noun it hangs on
        (
            "Kenya sent the 3rd Battalion, which attacked al-Shabab on Monday.",
            {("ASSAULT", "3rd-battalion", "al-shabaab")},
            ("ASSAULT", "kenya", "al-shabaab"),
        ),
        (
            "Airmen from the wing will form the 3rd Battalion, which will fly strike missions against al-Shabab.",
            {("ASSAULT", "3rd-battalion", "al-shabaab")},
            ("ASSAULT", "3rd-battalion", "3rd-battalion"),
        ),
        (
            "Al-Shabab, which Kenyan forces attacked on Monday, has bases in Somalia.",
            {("ASSAULT", "kenya-armed-forces", "al-shabaab")},
            ("ASSAULT", "al-shabaab", "somalia"),
        ),
        # ... and for the person a noun in apposition describes, not for the noun's country
        (
            "Stephen Otieno, a Kenyan investment banker who has held talks with Safaricom, said the firm needs capital.",
            {("CONSULT", "stephen-otieno", "safaricom")},
            ("CONSULT", "kenya", "safaricom"),
        ),
        # those a subject acts together with do what it does, on its side
        (
            "Kenyan forces, alongside Ugandan troops, attacked al-Shabab bases in Somalia.",
            {
                ("ASSAULT", "kenya-armed-forces", "al-shabaab"),
                ("ASSAULT", "uganda-armed-forces", "al-shabaab"),
                ("COOPERATE", "kenya-armed-forces", "uganda-armed-forces"),
            },
            ("ASSAULT", "kenya-armed-forces", "uganda-armed-forces"),
        ),
        (
            "Britain, along with France, criticised Iran.",
            {("ACCUSE", "united-kingdom", "iran"), ("ACCUSE", "france", "iran")},
            ("ACCUSE", "united-kingdom", "france"),
        ),
        # those invited together do nothing together
        (
            "Kenya, along with Uganda and Tanzania, has been invited to the talks.",
            set(),
            ("COOPERATE", "kenya", "uganda"),
        ),
        # one placed in a unit is its member, whoever placed them
        (
            "Sgt. John Dayton was assigned to the 5th Special Forces Group in 2015.",
            {("MEMBER", "john-dayton", "5th-special-forces-group")},
            None,
        ),
        (
            "The Pentagon assigned Sgt. John Dayton to the 5th Special Forces Group.",
            {("MEMBER", "john-dayton", "5th-special-forces-group")},
            ("MEMBER", "united-states", "5th-special-forces-group"),
        ),
        # defences held against a foe, a condemnation of whose policies, a killing by whom
        ("Hamas strengthened its defences against Israel.", {("HOSTILE", "hamas", "israel")}, None),
        (
            "The EU is united in its condemnation of Russia's brutal policies.",
            {("ACCUSE", "european-union", "russia")},
            None,
        ),
        # what the subjects do to "their" own thing is theirs; what another's "their" names is not
        (
            "Britain and France renewed their ties with Iran.",
            {("RELATIONS", "united-kingdom", "iran"), ("RELATIONS", "france", "iran")},
            None,
        ),
        ("The US warned Iran about their attacks on Israel.", set(), ("ASSAULT", "united-states", "israel")),
        # whom a defeat is dealt, named as the dative
        ("Iraq will deliver ISIL a lasting defeat.", {("ASSAULT", "iraq", "isis")}, None),
        # who strikes "with" the subject is no target once the target is named
        ("Turkey is shelling the camps with the Iraqi army.", set(), ("ASSAULT", "turkey", "iraq")),
        ("Turkey fought a war with Iraq.", {("ASSAULT", "turkey", "iraq")}, None),
        (
            "The beheading of the journalist James Foley by ISIL shocked the world.",
            {("ASSAULT", "isis", "james-foley")},
            None,
        ),
        # whose plan or strategy an infinitive after a noun is acts; a refusal is no act
        ("Russia's plan to invade Ukraine failed.", {("ASSAULT", "russia", "ukraine")}, None),
        (
            "Iran's refusal to meet the US envoy angered Washington.",
            set(),
            ("CONSULT", "iran", "united-states"),
        ),
        # a permission withheld is a refusal; an imperative names no one who withholds it
        ("China will not let Taiwan declare independence.", {("REJECT", "china", "taiwan")}, None),
        ("Israel did not permit the UN envoy to enter Gaza.", {("REJECT", "israel", "united-nations")}, None),
        (
            "Labour's spokesman said: \"Britain is working, don't let the Tories wreck it again\".",
            set(),
            ("REJECT", "united-kingdom", "conservative-party"),
        ),
        # taking part in a body, or acting as part of one, is membership; taking part in a war is not
        (
            "Jordan took part in the Global Coalition against Daesh.",
            {("MEMBER", "jordan", "global-coalition-against-isis")},
            None,
        ),
        (
            "The 134th Squadron will fly strike missions against ISIL as part of the 407th Air Expeditionary Group.",
            {
                ("MEMBER", "134th-squadron", "407th-air-expeditionary-group"),
                ("ASSAULT", "134th-squadron", "isis"),
            },
            None,
        ),
        ("Britain took part in the Iraq war.", set(), ("MEMBER", "united-kingdom", "iraq")),
        # "these terrorists" are the armed group named just before
        (
            "Hamas killed 70 people in Gaza. Israel is committed to defeating these terrorists.",
            {("ASSAULT", "israel", "hamas")},
            None,
        ),
        # whom one provides with aid receives it
        ("Russia will provide Syria with military support.", {("AID", "russia", "syria")}, None),
        # whom one supports to act acts; whom one defends against is a foe, not backed
        ("Britain supports Iraq to defeat ISIL.", {("ASSAULT", "iraq", "isis")}, None),
        (
            "Ukraine defended itself against Russia.",
            {("HOSTILE", "ukraine", "russia")},
            ("SUPPORT", "ukraine", "russia"),
        ),
        # one of a body's parts belongs to it, and so do those listed along with it
        ("Turkey, one of NATO's members, objected.", {("MEMBER", "turkey", "nato")}, None),
        (
            "Hamas founded a new coalition, the Resistance Front. Hamas was announced as one of its"
            " constituent groups, along with Fatah.",
            {("MEMBER", "hamas", "resistance-front"), ("MEMBER", "fatah", "resistance-front")},
            None,
        ),
        ("France is one of our most important partners.", set(), ("MEMBER", "france", "united-kingdom")),
        # those a body is said to include belong to it; "several states" are no body
        (
            "The international community – including Russia and Iran – must support the ceasefire.",
            {("MEMBER", "russia", "international-community"), ("MEMBER", "iran", "international-community")},
            None,
        ),
        (
            "Several states, including Iran, objected to the plan.",
            set(),
            ("MEMBER", "iran", "united-nations"),
        ),
        # fire taken from an armed side is its attack; from critics it is no attack
        (
            "Iraqi forces continued to receive heavy machine gun fire from ISIL fighters.",
            {("ASSAULT", "isis", "iraq-armed-forces")},
            None,
        ),
        (
            "US troops came under fire from Taliban insurgents.",
            {("ASSAULT", "taliban", "united-states")},
            None,
        ),
        ("The minister came under fire from Labour.", set(), ("ASSAULT", "labour-party", "united-kingdom")),
        # what a subject is committed or ready to do, it is to do
        (
            "Britain is firmly committed to continuing to provide the government of Iraq with military support.",
            {("AID", "united-kingdom", "iraq")},
            None,
        ),
        # what a group is said to be one that does, its subject does
        ("Hamas is a group that fights Israel.", {("ASSAULT", "hamas", "israel")}, None),
        (
            "The Taliban is a militant group known to take part in the Afghan insurgency.",
            {("MEMBER", "taliban", "afghanistan-rebels")},
            None,
        ),
        # those who act within an alliance are in it; divisions within it are no one
        (
            "The US remains committed to working closely with Turkey within NATO.",
            {("MEMBER", "turkey", "nato"), ("MEMBER", "united-states", "nato")},
            None,
        ),
        ("There are divisions within the EU over Iran.", set(), ("MEMBER", "iran", "european-union")),
        # the use of arms against someone is an attack by whoever uses them
        (
            "Abu Jandal was involved in the use of suicide vehicles and chemical weapons against the SDF.",
            {("ASSAULT", "abu-jandal", "sdf")},
            None,
        ),
        (
            "Lord Goldsmith said the use of force against Iraq could be illegal.",
            set(),
            ("ASSAULT", "goldsmith", "iraq"),
        ),
        # "X in their fight against Y": their fight is X's
        (
            "The UK remains steadfast in its support of the Government of Iraq and the Iraqi people in their"
            " fight against ISIL.",
            {("ASSAULT", "iraq", "isis")},
            None,
        ),
        # whom one stands by to do something does it too
        (
            "The UK stands by Iraq to defeat Daesh and end this violence.",
            {("ASSAULT", "united-kingdom", "isis"), ("ASSAULT", "iraq", "isis")},
            None,
        ),
        # one serves in a body named after the role; a commander "in Iraq" serves there
        (
            "John Smith, a senior officer in the Taliban, was killed.",
            {("MEMBER", "john-smith", "taliban")},
            None,
        ),
        ("John Smith, a commander in Iraq, was killed.", set(), ("MEMBER", "john-smith", "iraq")),
    ],
)
def test_who_acts_on_whom(text: str, expected: set, not_expected: tuple | None) -> None:
    events = set(events_of(text))
    assert expected <= events
    assert not_expected not in events


def test_the_press_in_a_title_is_not_the_organisation() -> None:
    events = events_of("Pentagon Press Secretary Peter Cook told reporters that the strikes went on.")
    assert ("MEMBER", "peter-cook", "united-states") in events
    assert not any(o == "pentagon-press" for _, _, o in events)


@pytest.mark.parametrize(
    "text",
    ["Iran is ready to talk with the United States.", "Iran is committed to talking with the United States."],
)
def test_what_one_is_ready_to_do_is_intended(text: str) -> None:
    (c,) = [c for c in claims_of(text) if c["relation"] == "CONSULT"]
    assert (c["subject"], c["object"], c["modality"]) == ("iran", "united-states", "intended")


@pytest.mark.parametrize(
    "text", ["Neither Iran nor Iraq attacked Kuwait.", "Iran attacked neither Iraq nor Kuwait."]
)
def test_neither_nor_denies_each(text: str) -> None:
    attacks = [c for c in claims_of(text) if c["relation"] == "ASSAULT"]
    assert len(attacks) == 2 and all(c["polarity"] == "negated" for c in attacks)


def test_an_of_phrase_names_both_conjoined_stand_ins() -> None:
    """ "the government and people of Iraq": the government is Iraq's too, and named first."""
    text = (
        "The UK continues to stand shoulder to shoulder with the government and people of Iraq in the"
        " fight against terrorism."
    )
    (c,) = [c for c in claims_of(text) if c["relation"] == "SUPPORT"]
    assert c["object"] == "iraq" and c["object_span"]["text"].startswith("government")


def test_a_body_of_an_igo_is_named_whole() -> None:
    """ "the UN Board of Inquiry" is the UN's, named by all its words, not by "UN" alone."""
    claims = claims_of(
        "Foreign Secretary Boris Johnson welcomes the UN Board of Inquiry's summary of its findings."
    )
    (c,) = [c for c in claims if c["relation"] == "SUPPORT"]
    assert c["object"] == "united-nations" and c["object_span"]["text"] == "UN Board of Inquiry"


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # the head of a body of the EU is no head of the EU; the Guardian Council elsewhere is no matter
        ("EU Commission president Jose Manuel Barroso wants the rebate to end.", "MEMBER"),
        ("Iran's president, Mohammad Khatami, unveiled a budget. Iran's Guardian Council objected.", "LEADS"),
    ],
)
def test_the_head_of_a_body_is_its_member(text: str, relation: str) -> None:
    roles = [c["relation"] for c in claims_of(text) if c["relation"] in ("LEADS", "MEMBER")]
    assert roles == [relation]


def test_the_international_community_is_one_actor_only_when_definite() -> None:
    assert ("THREATEN", "isis", "international-community") in events_of(
        "ISIL continues to pose a threat to the international community."
    )
    assert not any(
        "international-community" in (s, o)
        for _, s, o in events_of("The IETF is a large international community of engineers that met Google.")
    )


@pytest.mark.parametrize(
    ("text", "published", "holder"),
    [
        # an untitled person the registry knows served in a government in such an office then
        (
            "Boris Johnson arrived in New York. The Foreign Secretary met Sergei Lavrov.",
            "2017-09-21",
            {"boris-johnson"},
        ),
        # the holder is someone named before the title, not after it
        ("The Foreign Secretary met Sergei Lavrov. Boris Johnson arrived in New York.", "2017-09-21", set()),
        # by 2021 he was prime minister; a head of government is no secretary
        ("Boris Johnson arrived in New York. The Foreign Secretary met Sergei Lavrov.", "2021-09-21", set()),
        ("Joe Biden arrived in Paris. The Foreign Secretary met Sergei Lavrov.", "2021-09-21", set()),
        # a named holder of the title comes first
        (
            "Boris Johnson arrived in New York. Foreign Secretary Philip Hammond was there. The Foreign"
            " Secretary met Sergei Lavrov.",
            "2017-09-21",
            {"philip-hammond"},
        ),
    ],
)
def test_the_office_named_is_the_one_person_known_to_hold_it(text: str, published: str, holder: set) -> None:
    claims = extract(text, published=published)["claims"]
    assert {
        c["subject"] for c in claims if c["relation"] == "CONSULT" and c["object"] == "sergey-lavrov"
    } == holder


def test_these_terrorists_refer_back_only_to_an_armed_group_named_nearby() -> None:
    text = "Analysts say the terrorists who threaten Israel today are many."
    assert ("THREATEN", "hamas", "israel") not in events_of(f"Hamas killed 70 people in Gaza. {text}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Booker was assigned to 2nd Battalion, 5th Special Forces Group.",
            {("2nd-battalion", "5th-special-forces-group")},
        ),
        ("Menatep Group, the Yukos owner, sued Rosneft.", set()),
    ],
)
def test_a_unit_named_before_a_numbered_unit_belongs_to_it(text: str, expected: set) -> None:
    doc = _annotating_nlp()(text)
    assert {(c.subject_actor, c.object_actor) for c in doc._.claims if c.construction == "unit"} == expected
