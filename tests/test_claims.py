"""Claims read off the parse (extract/claims.py) and qualified by the pipeline."""

from __future__ import annotations

import pytest

from actorgraph.pipeline import extract

PUBLISHED = "2021-10-25"  # a Monday


def claims_of(text: str, published: str = PUBLISHED) -> list[dict]:
    return extract(text, published=published)["claims"]


def only(text: str, relation: str, published: str = PUBLISHED) -> dict:
    """The one claim of `relation` in `text`."""
    found = [c for c in claims_of(text, published) if c["relation"] == relation]
    assert len(found) == 1, (relation, found)
    return found[0]


def ties(text: str) -> list[tuple[str, str, str | None]]:
    """(relation, subject, object) of each claim in `text`."""
    return [(c["relation"], c["subject"], c["object"]) for c in claims_of(text)]


def triple(c: dict) -> tuple[str, str, str | None, str, str]:
    return c["relation"], c["subject"], c["object"], c["polarity"], c["modality"]


# -- verbs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked Ukraine overnight.", ("ASSAULT", "russia", "ukraine")),
        ("Iran met with the Taliban last year.", ("CONSULT", "iran", "taliban")),
        ("Russia accused Ukraine of shelling the plant.", ("ACCUSE", "russia", "ukraine")),
        ("Iran supplied drones to Russia.", ("AID", "iran", "russia")),
        ("The United States imposed sanctions on Iran.", ("SANCTION", "united-states", "iran")),
    ],
)
def test_event_verbs(text, expected):
    claims = claims_of(text)
    assert [(c["relation"], c["subject"], c["object"]) for c in claims] == [expected]
    c = claims[0]
    assert (c["polarity"], c["modality"], c["attribution"]) == ("affirmed", "asserted", None)


def test_claim_spans_name_the_parties():
    text = "The United States imposed sanctions on Iran."
    c = only(text, "SANCTION")
    assert c["subject_span"] == {"start": 4, "end": 17, "text": "United States"}
    assert c["object_span"]["text"] == "Iran"
    assert c["evidence"]["text"] == text


def test_light_verb_with_event_noun():
    c = only("The Taliban held talks with Pakistan in Islamabad.", "CONSULT")
    assert triple(c) == ("CONSULT", "taliban", "pakistan", "affirmed", "asserted")


def test_ties_between_two_actors():
    c = only("Analysts examined the ties between Iran and the Taliban.", "RELATIONS")
    assert (c["subject"], c["object"]) == ("iran", "taliban")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US-China talks resumed in Geneva on Monday.", [("CONSULT", "united-states", "china")]),
        ("Israeli-Palestinian peace talks resumed.", [("CONSULT", "israel", "palestine")]),
        ("The EU-Turkey deal was signed.", [("AGREE", "european-union", "turkey")]),
        # a hyphen inside the object's phrase names no party of the verb's
        ("They praised the strong U.S.-Iraq partnership.", [("ALLY", "united-states", "iraq")]),
    ],
)
def test_parties_joined_by_a_hyphen(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Israel, with the backing of the United States, attacked Hamas.",
            ("SUPPORT", "united-states", "israel"),
        ),
        ("The rebels took the town with the support of Turkey.", ("SUPPORT", "turkey", "rebels")),
    ],
)
def test_help_given_with_the_backing_of(text, expected):
    found = ties(text)
    assert expected in found
    assert (expected[0], expected[2], expected[1]) not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country's firms are its business people, not the state
        ("Christian Aid has called on British companies to protect their workers.",
         [("REQUEST", "christian-aid", "united-kingdom-business")]),
        ("Diageo agreed to buy a US wine firm.", [("AGREE", "diageo", "united-states-business")]),
        # an owner is a party of its own
        ("Tony Blair has backed Gordon Brown's plan for Africa.", [("SUPPORT", "tony-blair", "gordon-brown")]),
        # a person a state backs is not the state
        ("Mr Bush praised Moscow-backed presidential candidate and Prime Minister Viktor Yanukovych.",
         [("SUPPORT", "bush", "viktor-yanukovych"), ("SUPPORT", "russia", "viktor-yanukovych")]),
    ],
)  # fmt: skip
def test_the_phrase_head_is_the_party_not_the_word_naming_its_country(text, expected):
    assert sorted(ties(text)) == sorted(expected)


# -- tie nouns, roles, participles -----------------------------------------------------------


def test_appositive_ally():
    c = only("Al-Qaeda, a Taliban ally, remains active in the east.", "ALLY")
    assert (c["subject"], c["object"], c["polarity"]) == ("al-qaeda", "taliban", "affirmed")


def test_possessive_rival_is_hostile():
    c = only("Saudi Arabia, Iran's rival, has watched the talks closely.", "HOSTILE")
    assert (c["subject"], c["object"]) == ("saudi-arabia", "iran")


def test_spokesman_apposition_represents():
    c = only("Omar Farouk, the Taliban spokesman, spoke to reporters.", "REPRESENTS")
    assert (c["subject"], c["object"]) == ("omar-farouk", "taliban")
    assert c["subject_span"]["text"] == "Omar Farouk"


def test_president_title_leads():
    c = only("Afghan President Ashraf Ghani left the country.", "LEADS")
    assert (c["subject"], c["object"]) == ("ashraf-ghani", "afghanistan")


def test_backed_participle_supports():
    c = only("The Iran-backed Houthis fired missiles.", "SUPPORT")
    assert (c["subject"], c["object"], c["polarity"]) == ("iran", "houthis", "affirmed")


# -- polarity and modality -------------------------------------------------------------------


def test_did_not_meet_is_negated():
    c = only("Pakistan did not meet with the Taliban.", "CONSULT")
    assert triple(c) == ("CONSULT", "pakistan", "taliban", "negated", "asserted")


def test_never_attacked_is_negated():
    c = only("Pakistan never attacked the Taliban.", "ASSAULT")
    assert c["polarity"] == "negated"


def test_no_talks_between_is_negated():
    c = only("There were no talks between Iran and the Taliban.", "CONSULT")
    assert (c["subject"], c["object"], c["polarity"]) == ("iran", "taliban", "negated")


def test_denied_reports_negates_with_a_deny_attribution():
    doc = extract("Pakistan denied reports that Iran met the Taliban.", published=PUBLISHED)
    [c] = doc["claims"]
    assert triple(c) == ("CONSULT", "iran", "taliban", "negated", "reported")
    [a] = [a for a in doc["attributions"] if a["id"] == c["attribution"]]
    assert a["stance"] == "deny"
    assert a["speaker"] == "pakistan"
    assert a["cue"]["text"] == "denied"


def test_accused_of_providing_is_alleged_without_speaker():
    doc = extract("Iran has been accused of providing weapons to the Taliban.", published=PUBLISHED)
    [c] = doc["claims"]
    assert triple(c) == ("AID", "iran", "taliban", "affirmed", "alleged")
    [a] = [a for a in doc["attributions"] if a["id"] == c["attribution"]]
    assert a["speaker"] is None
    assert a["source"] is None


def test_reportedly_is_reported():
    c = only("Iran reportedly supplied weapons to the Houthis.", "AID")
    assert (c["subject"], c["object"], c["modality"]) == ("iran", "houthis", "reported")
    assert c["attribution"] is not None


def test_analysts_believe_is_believed():
    c = only("Analysts believe Iran supplied weapons to the Taliban.", "AID")
    assert c["modality"] == "believed"


def test_seeking_to_establish_relations_is_intended():
    c = only("Russia is seeking to establish relations with the Taliban.", "RELATIONS")
    assert triple(c) == ("RELATIONS", "russia", "taliban", "affirmed", "intended")


def test_plans_to_hold_talks_is_intended():
    c = only("Iran plans to hold talks with the Taliban.", "CONSULT")
    assert c["modality"] == "intended"


def test_if_clause_is_hypothetical():
    c = only("If Iran attacks Israel, the United States would respond.", "ASSAULT")
    assert triple(c) == ("ASSAULT", "iran", "israel", "affirmed", "hypothetical")


def test_trailing_if_clause_is_hypothetical():
    c = only("China would mediate if Pakistan attacked the Taliban.", "ASSAULT")
    assert (c["subject"], c["object"], c["modality"]) == ("pakistan", "taliban", "hypothetical")


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Iran may have attacked Israel on Monday.", "ASSAULT"),
        ("Russia might hold talks with Ukraine next week.", "CONSULT"),
        ("Israel could attack Iran.", "ASSAULT"),
    ],
)
def test_may_might_could_is_hypothetical(text, relation):
    c = only(text, relation)
    assert c["polarity"] == "affirmed" and c["modality"] == "hypothetical"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what one should or must do is not done; who says so asks it of them
        ("The US should back Ukraine.", {("SUPPORT", "united-states", "ukraine", "affirmed", "hypothetical")}),
        ("The EU said that the US should back Ukraine's entry into the WTO.",
         {("SUPPORT", "united-states", "ukraine", "affirmed", "hypothetical"),
          ("REQUEST", "european-union", "united-states", "affirmed", "reported")}),
        # what one should stop doing is being done
        ("Iran should stop arming Hezbollah, Israel said.", {("AID", "iran", "hezbollah", "affirmed", "reported")}),
    ],
)  # fmt: skip
def test_should_and_must_prescribe(text, expected):
    assert {triple(c) for c in claims_of(text)} == expected


def test_hedge_in_one_clause_leaves_the_other_asserted():
    claims = [c for c in extract(
        "Israel attacked Gaza, but Hamas may have fired rockets at Israel.", published=PUBLISHED
    )["claims"] if c["relation"] == "ASSAULT"]  # fmt: skip
    mods = {(c["subject"], c["modality"]) for c in claims}
    assert ("israel", "asserted") in mods and ("hamas", "hypothetical") in mods


def test_negated_hedge_stays_negated_and_unhedged_stays_asserted():
    c = only("Russia held talks with Ukraine on Monday.", "CONSULT")
    assert c["modality"] == "asserted"
    c = only("Iran may not attack Israel.", "ASSAULT")
    assert (c["polarity"], c["modality"]) == ("negated", "hypothetical")


# -- time and place ---------------------------------------------------------------------------


def test_day_and_month_resolve_against_published():
    c = only("Iran attacked Iraq on October 21.", "ASSAULT")
    assert c["time"] == {"text": "October 21", "start": "2021-10-21", "end": "2021-10-21"}


def test_day_and_month_resolve_to_the_previous_year_early_in_the_year():
    c = only("Iran attacked Iraq on October 21.", "ASSAULT", published="2022-01-10")
    assert (c["time"]["start"], c["time"]["end"]) == ("2021-10-21", "2021-10-21")


def test_weekday_resolves_to_the_last_one_before_published():
    c = only("The Taliban held talks with Pakistan on Sunday.", "CONSULT")
    assert (c["time"]["start"], c["time"]["end"]) == ("2021-10-24", "2021-10-24")


def test_earlier_this_month():
    c = only("Iran met with the Taliban earlier this month.", "CONSULT")
    assert c["time"] == {"text": "earlier this month", "start": "2021-10-01", "end": "2021-10-25"}


def test_no_time_without_published_stays_unanchored():
    c = only("Iran met with the Taliban.", "CONSULT")
    assert c["time"] is None


def test_location_in_country():
    c = only("Iran met with the Taliban in Qatar.", "CONSULT")
    assert c["location"] == {"text": "Qatar", "actor": "qatar"}


def test_location_in_capital_is_its_state():
    c = only("Iran met with the Taliban in Doha.", "CONSULT")
    assert c["location"] == {"text": "Doha", "actor": "qatar"}


def test_a_party_is_not_its_own_location():
    c = only("Iran met with the Taliban.", "CONSULT")
    assert c["location"] is None


# -- contradictions ---------------------------------------------------------------------------


def test_reported_meeting_and_its_denial_contradict():
    doc = extract(
        "Iranian officials met with the Taliban in Kabul, according to Reuters. "
        "A Taliban spokesman denied that the Taliban met with Iran.",
        published=PUBLISHED,
    )
    consult = [c for c in doc["claims"] if c["relation"] == "CONSULT"]
    assert [c["polarity"] for c in consult] == ["affirmed", "negated"]
    assert doc["contradictions"] == [{"claims": [consult[0]["id"], consult[1]["id"]], "kind": "denial"}]
    deny = next(a for a in doc["attributions"] if a["id"] == consult[1]["attribution"])
    assert (deny["stance"], deny["speaker"]) == ("deny", "taliban")


def test_own_voice_fact_and_speaker_denial_contradict():
    doc = extract(
        "Iran met with the Taliban on Monday. Iran denied that it met with the Taliban.", published=PUBLISHED
    )
    assert len(doc["contradictions"]) == 1
    assert doc["contradictions"][0]["kind"] == "denial"


def test_two_sources_disagreeing_is_a_conflict():
    doc = extract(
        "Iran did not meet with the Taliban, Reuters reported. Iran met with the Taliban in Doha, the BBC said.",
        published=PUBLISHED,
    )
    assert len(doc["contradictions"]) == 1
    x = doc["contradictions"][0]
    assert x["kind"] == "conflict"
    by_id = {c["id"]: c for c in doc["claims"]}
    assert [by_id[i]["polarity"] for i in x["claims"]] == ["affirmed", "negated"]


def test_intended_claim_never_contradicts_a_denial():
    doc = extract(
        "Russia is seeking to hold talks with the Taliban. Russia denied that it held talks with the Taliban.",
        published=PUBLISHED,
    )
    assert sorted(c["modality"] for c in doc["claims"]) == ["intended", "reported"]
    assert doc["contradictions"] == []


def test_agreeing_claims_do_not_contradict():
    doc = extract("Iran met with the Taliban. Iran held talks with the Taliban again.", published=PUBLISHED)
    assert doc["contradictions"] == []


def test_a_title_s_holder_is_shown_by_the_name_beside_the_title():
    """The role claim's subject is the name next to the title, not the same person's surname in
    the headline above it."""
    text = "Viotti dies at 50\n\nConductor Marcello Viotti, director of the Fenice Theatre, has died."
    (lead,) = [c for c in claims_of(text) if c["relation"] == "LEADS"]
    assert lead["subject_span"]["text"] == "Marcello Viotti"


# -- contests: sport and prizes are not political events ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez broke Sofia Brandt's world record in Rome.",
        "Carlos Mendes will face Olympic champion Pedro Alves in Berlin.",
        "Anna Weiss beat Sofia Brandt by two seconds in Oslo.",
        "Anna Weiss will compete against Sofia Brandt for the title.",
        "Pedro Alves will defend his title in Rome.",
        "Maria Lopez commits to Dublin race.",
        "Maria Lopez heads for Madrid.",
    ],
)
def test_contests_state_no_event(text):
    assert claims_of(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb keeps its sense whatever the clause speaks of
        ("Russia attacked Ukraine during the championship.", ("ASSAULT", "russia", "ukraine")),
        # states, not two people: a defeat in war
        ("Germany defeated France in the war.", ("ASSAULT", "germany", "france")),
        # a party named by its sport may still be banned
        ("Kenya banned marathon runner John Kamau from all competition.", ("COERCE", "kenya", "john-kamau")),
        # meeting at a summit is no contest
        ("Putin faced Biden at the summit in Geneva.", ("CONSULT", "vladimir-putin", "joe-biden")),
    ],
)
def test_contest_words_elsewhere_leave_events(text, expected):
    assert ties(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "British Airways has cut 3,000 jobs as part of a cost-cutting drive.",
        "Moody's lifted Brazil's rating by one notch.",
        "Lufthansa has returned to profit after posting huge losses last year.",
        "The Reserve Bank of Australia lifted interest rates 0.25% to 5.5%.",
    ],
)
def test_business_figures_suffer_no_deed(text):
    """Cutting jobs, lifting a rating or returning to profit is business, not a political deed."""
    assert [
        c for c in claims_of(text) if c["relation"] in ("ASSAULT", "SANCTION", "CONCEDE", "RETREAT")
    ] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Union lifted sanctions on Iran.", ("CONCEDE", "european-union", "iran")),
        ("The UN eased the embargo on Iraq.", ("CONCEDE", "united-nations", "iraq")),
        ("Qatar cut ties with Israel.", ("SANCTION", "qatar", "israel")),
        ("Turkey broke off relations with Israel.", ("SANCTION", "turkey", "israel")),
        ("The United States suspended aid to Egypt.", ("SANCTION", "united-states", "egypt")),
        ("Pakistan halted talks with India.", ("SANCTION", "pakistan", "india")),
    ],
)
def test_an_ended_tie_or_measure_is_not_affirmed(text, expected):
    """Ending sanctions is a concession and ending ties, aid or talks a sanction (PLOVER), not
    the sanctions, ties, aid or talks themselves."""
    assert ties(text) == [expected]


def test_resumed_talks_are_talks():
    assert ties("Iran resumed talks with France.") == [("CONSULT", "iran", "france")]


def test_the_accused_does_what_they_are_accused_of():
    """ "accused Iran of arming the Houthis": Iran arms them, alleged; the accuser does not."""
    claims = {(c["relation"], c["subject"], c["object"], c["modality"]) for c in claims_of(
        "The United States accused Iran of arming the Houthis."
    )}  # fmt: skip
    assert ("AID", "iran", "houthis", "alleged") in claims
    assert not any(c[0] == "AID" and c[1] == "united-states" for c in claims)


def test_met_x_to_talk_leaves_the_subject_talking():
    claims = claims_of("Britain met France to talk about Syria.")
    assert all(c["subject"] == "united-kingdom" for c in claims)


def test_own_troops_are_no_recipient():
    c = only("Russia withdrew its troops from Syria.", "RETREAT")
    assert (c["subject"], c["object"]) == ("russia", "syria")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Egypt failed to broker a ceasefire between Israel and Hamas.",
            ("AGREE", "israel", "hamas", "negated", "asserted"),
        ),
        (
            "Turkey is considering sanctions against Sweden.",
            ("SANCTION", "turkey", "sweden", "affirmed", "intended"),
        ),
        ("Germany will not send tanks to Ukraine.", ("AID", "germany", "ukraine", "negated", "asserted")),
        ("Iran sent weapons to Russia.", ("AID", "iran", "russia", "affirmed", "asserted")),
        (
            "Venezuela broke diplomatic relations with Colombia.",
            ("SANCTION", "venezuela", "colombia", "affirmed", "asserted"),
        ),
    ],
)
def test_failure_consideration_sending_and_breaking(text, expected):
    assert [triple(c) for c in claims_of(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanctions against Cuba were eased by the United States.", ("CONCEDE", "united-states", "cuba")),
        ("Talks with Iran were suspended by France.", ("SANCTION", "france", "iran")),
        ("Iranian ships were seized by the United States.", ("COERCE", "united-states", "iran")),
        ("Turkey's proposal was rejected by Greece.", ("REJECT", "greece", "turkey")),
        ("The plan of Iran was attacked by Russia.", ("ACCUSE", "russia", "iran")),
    ],
)
def test_a_passive_bears_on_the_actor_its_subject_names(text, expected):
    """ "sanctions against Cuba were eased by the US": the agent acts, Cuba is acted on."""
    assert ties(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel is opposed to French mediation.", [("REJECT", "israel", "france")]),
        ("Israel is opposed to Syria.", [("HOSTILE", "israel", "syria")]),
        # a protest put to a government is a complaint; the killing is not Pakistan's
        ("Pakistan protested to India over the killing of its soldiers.", [("ACCUSE", "pakistan", "india")]),
    ],
)
def test_opposing_and_protesting_to(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU handed over 500 tonnes of food to Sudan.", [("AID", "european-union", "sudan")]),
        ("Japan sent $5 million worth of medicine to Haiti.", [("AID", "japan", "haiti")]),
        ("Iran handed a letter to the United Nations.", []),
    ],
)
def test_an_amount_of_aid_handed_over_is_aid(text, expected):
    assert ties(text) == expected


def test_what_is_called_for_is_requested_not_done():
    claims = {triple(c) for c in claims_of("Britain called for sanctions against Syria.")}
    assert ("REQUEST", "united-kingdom", "syria", "affirmed", "asserted") in claims
    assert ("SANCTION", "united-kingdom", "syria", "affirmed", "intended") in claims
    assert ("SANCTION", "united-kingdom", "syria", "affirmed", "asserted") not in claims


def test_a_conflict_before_the_clause_is_not_its_subjects_deed():
    text = "Settlers burned the offices following the killing of an Israeli man, Palestinian residents said."
    assert not any(o == "israel" for _, _, o in ties(text))
    # cooperation before the clause is the subject's own ("After talks with Putin, Bush ...")
    assert ties("After talks with Putin, Bush flew home.") == [("CONSULT", "bush", "vladimir-putin")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # granting a demand concedes, accepting a request agrees, refusing rejects; the asker asked
        ("Israel met the demands of Hamas.", [("CONCEDE", "israel", "hamas"), ("REQUEST", "hamas", "israel")]),
        ("Iraq bowed to UN demands.", [("CONCEDE", "iraq", "united-nations"), ("REQUEST", "united-nations", "iraq")]),
        ("France accepted Germany's request for talks.", [("AGREE", "france", "germany"), ("REQUEST", "germany", "france")]),
        ("Iran's request was rejected by Russia.", [("REJECT", "russia", "iran"), ("REQUEST", "iran", "russia")]),
        ("The United States rejected the demands of Iran.",
         [("REJECT", "united-states", "iran"), ("REQUEST", "iran", "united-states")]),
    ],
)  # fmt: skip
def test_an_answered_demand_names_who_asked_and_who_answered(text, expected):
    assert ties(text) == expected


def test_a_demand_not_met_is_refused_and_still_made():
    claims = {triple(c) for c in claims_of("The U.S. said it would not meet the demands of Iran.")}
    assert ("REJECT", "united-states", "iran", "affirmed", "reported") in claims
    assert ("REQUEST", "iran", "united-states", "affirmed", "reported") in claims
    assert not any(r == "REQUEST" and s == "united-states" for r, s, *_ in claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's own troops are what it moves, not whom the move is aimed at
        ("Russia reinforced its troops near the Ukrainian border.", [("MOBILIZE", "russia", "ukraine")]),
        ("Israel has strengthened its forces in Lebanon.", [("MOBILIZE", "israel", "lebanon")]),
    ],
)
def test_a_buildup_is_aimed_at_the_place_not_the_own_forces(text, expected):
    assert ties(text) == expected


def test_a_states_rebels_are_no_organ_of_it():
    """Rebels are linked to their state as parts, but unlike its troops they can be acted on."""
    assert ties("The Sudanese government attacked Sudanese rebels.") == [("ASSAULT", "sudan", "sudan-rebels")]


def test_a_market_demand_met_is_no_concession():
    text = "Hyundai plans to build a second plant in India to meet the country's growing demand for cars."
    assert not [t for t in ties(text) if t[0] in ("CONCEDE", "REQUEST")]


def test_a_figure_holds_no_meeting():
    """ "UK interest rates ... following the meeting of the Bank of England": rates meet no one."""
    text = "UK interest rates are set to remain on hold following the latest meeting of the Bank of England."
    assert not [t for t in ties(text) if t[0] == "CONSULT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the owner of what is acted on is the recipient
        ("Blair praised the work of Gordon Brown.", [("SUPPORT", "blair", "gordon-brown")]),
        ("Iranian authorities pressured workers of the United Bus Company of Tehran to cancel the strike.",
         [("REQUEST", "iran", "united-bus-company-of-tehran")]),
    ],
)  # fmt: skip
def test_the_owner_of_what_is_acted_on_is_the_recipient(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # breaking a truce is fighting (CAMEO 196), breaking a deal states no agreement
        ("The rebels violated the ceasefire with the army.", [("ASSAULT", "rebels", "army")]),
        ("Russia broke the truce with Ukraine.", [("ASSAULT", "russia", "ukraine")]),
        ("Iran violated the nuclear deal with the United States.", []),
        # a truce declared by one side is a de-escalation; one agreed or signed by two an agreement
        ("Hizbollah declared a unilateral ceasefire.", [("RETREAT", "hezbollah", None)]),
        ("Israel and Hamas signed a ceasefire agreement.", [("AGREE", "israel", "hamas")]),
    ],
)
def test_truces_broken_and_declared(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # withholding a permission is a refusal; denying what was said negates it
        ("Israel denied entry to the UN envoy.", [("REJECT", "israel", "united-nations", "affirmed", "asserted")]),
        ("Israel denied the UN envoy a visa.", [("REJECT", "israel", "united-nations", "affirmed", "asserted")]),
        ("Russia denied reports that it had sent troops to Syria.", [("AID", "russia", "syria", "negated", "reported")]),
    ],
)  # fmt: skip
def test_a_permission_denied_is_refused(text, expected):
    assert [triple(c) for c in claims_of(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb's own reading of the event it acts on, not the event
        (
            "Turkish police prevented the demonstration staged by students.",
            [("COERCE", "turkey-police", None)],
        ),
        (
            "Lebanon complained to the United Nations over two Israeli air raids.",
            [("ACCUSE", "lebanon", "israel")],
        ),
        # the verb itself says the event: kept
        ("Iran agreed a deal with Russia.", [("AGREE", "iran", "russia")]),
    ],
)
def test_a_verb_acting_on_an_event_says_what_it_does(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # evacuating the wounded or civilians relieves a place; evacuating one's troops leaves it
        ("U.N. helicopters evacuated the wounded from the besieged Bosnian town of Gorazde.",
         [("AID", "united-nations", "bosnia-and-herzegovina")]),
        ("Turkey evacuated civilians from Aleppo.", [("AID", "turkey", "syria")]),
        ("Russia evacuated its troops from Syria.", [("RETREAT", "russia", "syria")]),
    ],
)  # fmt: skip
def test_an_evacuation_of_people_is_relief(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a light verb on a thing that is no event states CAMEO's pattern for it
        ("Israel has strengthened its forces in Lebanon.", [("MOBILIZE", "israel", "lebanon")]),
        ("Israel and Egypt strengthened their ties.", [("RELATIONS", "israel", "egypt")]),
        # forces on alert are mobilised whatever the verb
        ("Israeli troops remained on alert in the occupied West Bank.", [("MOBILIZE", "israel-armed-forces", "palestine")]),
        ("Police officers patrol problem hotspots.", []),
    ],
)  # fmt: skip
def test_forces_strengthened_or_on_alert_are_mobilised(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deed is what it acts on: CAMEO's "cut supplies" where the verb alone reads a retreat
        ("The United Nations reduced food supplies to the Cambodian refugee camp.", [("SANCTION", "united-nations", "cambodia")]),
        ("Russia reduced its troops in Syria.", [("RETREAT", "russia", "syria")]),
        # an event noun carried by "engaged in" takes the verb's recipient
        ("Serb forces were engaged in ethnic cleansing against the Albanian population.",
         [("ASSAULT", "serbia-armed-forces", "albania-civilians")]),
    ],
)  # fmt: skip
def test_what_a_deed_acts_on_and_what_carries_an_event(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "threats"),
    [
        # force or sanctions a political actor announces or plans against another is a threat
        ("The United States will impose sanctions on Iran.", [("united-states", "iran")]),
        ("Russia is prepared to attack Ukraine.", [("russia", "ukraine")]),
        ("NATO said it would tighten the naval blockade of Serbia.", [("nato", "serbia")]),
        # not one done, asked for, or conditional on another's act
        ("The United States imposed sanctions on Iran.", []),
        ("Britain called for sanctions against Syria.", []),
        ("If Iran attacks Israel, the US will respond.", []),
    ],
)
def test_announced_force_is_a_threat(text, threats):
    assert [(s, o) for r, s, o in ties(text) if r == "THREATEN"] == threats


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a subject ends is a concession even to no one named
        ("The Kenyan teachers' union called off its general strike.", [("CONCEDE", None, "affirmed")]),
        ("The Latvian court cancelled restrictions on the press.", [("CONCEDE", None, "affirmed")]),
    ],
)
def test_an_ending_with_no_one_named(text, expected):
    assert [(c["relation"], c["object"], c["polarity"]) for c in claims_of(text)] == expected


def test_what_is_demanded_of_another_is_not_done():
    text = "Amnesty International demanded that the Sudanese government end curbs on press freedom."
    assert [(c["relation"], c["modality"]) for c in claims_of(text)] == [
        ("REQUEST", "asserted"),
        ("CONCEDE", "intended"),
    ]


def test_a_strike_that_stops_work_is_a_protest_and_an_air_strike_is_not():
    assert [t[0] for t in ties("Kenyan teachers began a four-day strike against the government.")] == [
        "PROTEST"
    ]
    assert ties("Israel launched an air strike on Gaza.") == [("ASSAULT", "israel", "gaza")]
    # the verb likewise: striking a target is a blow, not also a stoppage
    assert ties("Israeli jets struck Hamas positions in Gaza.") == [("ASSAULT", "israel", "hamas")]
    assert [t[0] for t in ties("Coalition forces struck ISIL targets near Raqqa.")] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is granted goes to whom its phrase names; shared knowledge is cooperation
        ("Peru has granted diplomatic asylum to five Panamanian army officers.", [("AID", "peru", "panama-armed-forces")]),
        ("Britain shares intelligence with the United States.", [("COOPERATE", "united-kingdom", "united-states")]),
        ("Shareholders share the profits with the bank.", []),
    ],
)  # fmt: skip
def test_granted_to_and_shared_with(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "promises"),
    [
        # a meeting, help or concession announced for later is a promise (PLOVER AGREE)
        ("German Foreign Minister Oskar Fischer will visit Albania in June.", [("oskar-fischer", "albania")]),
        ("Syria will withdraw its troops from Lebanon.", [("syria", "lebanon")]),
        (
            "The EU has announced that it will start accession talks with Croatia.",
            [("european-union", "croatia")],
        ),
        # one already made is not
        ("German Foreign Minister Oskar Fischer visited Albania in June.", []),
    ],
)
def test_announced_help_or_meeting_is_a_promise(text, promises):
    assert [(s, o) for r, s, o in ties(text) if r == "AGREE"] == promises


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an undertaking of force by its modifiers or its "against"
        ("Russia launched a military campaign against Georgia.", [("ASSAULT", "russia", "georgia")]),
        ("ISIL used chemical weapons against the SDF.", [("ASSAULT", "isis", "sdf")]),
        # a campaign against a party may be a petition; arms supplied are still aid
        ("Labour launched a campaign against the Conservatives.", []),
        ("Iran supplied weapons to the Houthis.", [("AID", "iran", "houthis")]),
    ],
)
def test_undertakings_and_arms_against_another_are_force(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who died or was hurt in an attack is its target
        (
            "Three Hamas commanders were killed in an Israeli air strike in Gaza.",
            [("ASSAULT", "israel", "hamas")],
        ),
        ("Two Taliban commanders died in a US drone strike.", [("ASSAULT", "united-states", "taliban")]),
        # no attacker named: no one to claim it of
        ("Two Taliban commanders died in an attack.", []),
    ],
)
def test_the_victims_of_an_attack_are_its_target(text, expected):
    assert ties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the attacker named by a participle, the victim a conjunct's subject
        (
            "Abu Ghadiya was targeted and killed in a cross-border raid conducted by the U.S. military.",
            [("ASSAULT", "united-states", "abu-ghadiya")],
        ),
        # what is delivered against someone as force
        ("The coalition delivered 24 munitions against ISIL targets.", [("ASSAULT", "coalition", "isis")]),
        # the owner of the clause's subject holds its event ...
        (
            "The operators of LokiTorrent agreed a settlement with the MPAA.",
            [("AGREE", "lokitorrent", "mpaa")],
        ),
        # ... and a clause with a subject of its own is not its reporter's
        ("Finance minister Nicolas Sarkozy warned that high oil prices posed a threat to French growth.", []),
        # criticism from someone is theirs
        ("Her remarks follow criticism from the House of Lords Economic Affairs Committee.", []),
    ],
)
def test_who_holds_an_event_noun(text, expected):
    assert [t for t in ties(text) if t[0] not in ("LEADS", "MEMBER")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # demands refused or met with no asker named: the answer still stands
        ("The U.S. said it would not meet hostage-takers demands to release prisoners.", [("REJECT", None)]),
        ("Turkey insisted it would not bow to demands to recognise Cyprus.", [("REJECT", None)]),
        # meeting demand is selling
        ("Toyota met strong demand for its cars in Japan.", []),
    ],
)
def test_an_answer_to_unnamed_askers(text, expected):
    assert [
        (c["relation"], c["object"]) for c in claims_of(text) if c["relation"] in ("REJECT", "CONCEDE")
    ] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visitor welcomed is a visit hosted
        (
            "President Mitterrand gave a warm welcome on Thursday to South African leader F.W. de Klerk.",
            "CONSULT",
        ),
        ("Putin welcomed Xi Jinping to Moscow on Monday.", "CONSULT"),
        # a decision or a government welcomed is approval
        ("Iran welcomed the decision of the United States.", "SUPPORT"),
        ("Britain welcomed the new Afghan government.", "SUPPORT"),
    ],
)
def test_welcoming_a_visitor_or_a_decision(text, expected):
    assert [c["relation"] for c in claims_of(text) if c["relation"] in ("CONSULT", "SUPPORT")][0] == expected


def test_a_protest_against_a_deed_is_against_its_doer():
    assert ties("Students held demonstrations against human rights violations by the Israeli military.") == [
        ("PROTEST", "students", "israel")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a promise to no one named is still one
        (
            "Ousted President Askar Akayev has agreed to resign, the speaker said.",
            [("AGREE", "askar-akayev", None)],
        ),
        ("Iran agreed to suspend uranium enrichment.", [("AGREE", "iran", None)]),
    ],
)
def test_a_promise_to_no_one_named(text, expected):
    assert [t for t in ties(text) if t[0] == "AGREE"] == expected


def test_calling_up_troops_is_a_mobilisation():
    assert [t[0] for t in ties("Russia called up 300,000 reservists.")] == ["MOBILIZE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "called X" with nothing asked of X but talk: a telephone call
        ("Putin called Xi on Monday.", "CONSULT"),
        ("Macron called Putin to discuss the grain deal.", "CONSULT"),
        # "called on X to", "called X to act": a request
        ("Putin called on Xi to end the war.", "REQUEST"),
        ("The opposition called the army to intervene.", "REQUEST"),
    ],
)
def test_a_call_to_someone_or_a_call_on_them(text, expected):
    assert [t[0] for t in ties(text) if t[0] in ("CONSULT", "REQUEST")] == [expected]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # an actor inside a clause on the subject is acted on, not acting
        ("Lawyers defending Bernie Ebbers met prosecutors.", "bernie-ebbers"),
        ("The film, starring Nicolas Cage, took $33.1m at the box office.", "nicolas-cage"),
    ],
)
def test_an_actor_in_a_clause_on_the_subject_does_not_act(text, subject):
    assert subject not in [c["subject"] for c in claims_of(text) if c["relation"] not in ("SUPPORT",)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what calling someone names them says the stance
        ("Biden called Putin a killer.", [("ACCUSE", "joe-biden", "vladimir-putin")]),
        (
            "Zelensky called Macron a true friend of Ukraine.",
            [("SUPPORT", "volodymyr-zelensky", "emmanuel-macron")],
        ),
        # a thing called so accuses no actor
        ("He called the decision a disgrace.", []),
    ],
)
def test_calling_someone_names_a_stance(text, expected):
    assert [t for t in ties(text) if t[0] in ("ACCUSE", "SUPPORT")] == expected
