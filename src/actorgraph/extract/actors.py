"""Actor mentions and who they are: registry names, NER, declared aliases, descriptions, pronouns.

The component ``actorgraph_actors`` fills three Doc extensions:

- ``doc._.actors``: ``{actor id: DocActor}``, every actor the document names;
- ``doc._.mentions``: proper-name mentions (``Mention``), in text order;
- ``doc._.refs``: ``{token index: actor id}`` for every token inside a mention and for the
  heads of descriptions and pronouns resolved to an actor ("the spokesman", "he", "the
  insurgents"), which later stages read to find a clause's actors.

Names are matched against the registry with n-gram dictionary lookups (one dict access per
candidate span, never a loop over aliases); spaCy's NER adds people and organisations the
registry lacks; a person named in full is the same person when named by surname later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from actorgraph.nlp.parse import TITLES, dating, prep_objects, sentence_of
from actorgraph.registry import ActorRecord, AliasHit, Registry, normalize_alias, slugify

TITLE_TOKENS = set(TITLES)
# Last words of a company's name: "Kenya Airways" is a firm, not Kenya.
COMPANY_HEADS = {
    "airways", "airlines", "air", "motors", "motor", "telecom", "telecoms", "mobile", "petroleum",
    "oil", "gas", "energy", "steel", "railways", "rail", "post", "broadcasting", "television",
    "corporation", "corp", "holdings", "industries", "electric", "power", "bank", "insurance",
    "pharmaceuticals", "chemicals", "foods", "breweries", "brewery", "cement", "mining", "shipping",
    "company",
}  # fmt: skip
# Last words of an event: "the London Marathon" is no actor at all.
EVENT_HEADS = {"festival", "olympics", "games", "marathon", "prix", "championships", "awards"}
# Last words of a firm, body, event or venue that is not the state it is named after: "Kenya
# Airways", "the British National Party", "Leeds University", "the Berlin Film Festival".
NAMED_AFTER_STATE_HEADS = COMPANY_HEADS | EVENT_HEADS | {
    "party", "association", "foundation", "institute", "institution", "university", "college",
    "society", "federation", "league", "club", "trust", "fellowship", "chambers", "confederation",
    "council", "fuels", "museum", "library", "orchestra", "opera", "hotel", "chapel", "cathedral",
    "airport", "union",
}  # fmt: skip
# Head words of an organisation's own bodies: "the UN Board of Inquiry", "the EU Commission".
BODY_HEADS = frozenset({
    "board", "committee", "commission", "council", "panel", "inquiry", "mission", "office", "agency",
    "tribunal", "court", "assembly", "secretariat", "delegation", "envoy",
})  # fmt: skip
# Head words of a text, deal or truce the small model may read as an organisation ("a nationwide
# Cessation of Hostilities", "UN Security Council Resolutions 2254"): no actor.
DOCUMENT_HEADS = frozenset({
    "resolution", "resolutions", "agreement", "accord", "accords", "treaty", "declaration", "cessation",
    "ceasefire", "protocol", "charter", "memorandum", "communique", "roadmap",
})  # fmt: skip
# Last words of a site the small model may read as an organisation ("Tiyas Military Airfield").
FACILITY_HEADS = {
    "airfield", "airbase", "airstrip", "dam", "barrage", "barracks", "bridge", "refinery", "checkpoint",
    "mosque", "shrine", "prison", "jail", "stadium", "compound", "crossing", "highway", "motorway",
}  # fmt: skip
# Forms of address that only come before a person's name.
PERSON_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady"}
HONORIFICS = {
    "prince",
    "princess",
    "sheikh",
    "sheik",
    "sir",
    "lord",
    "lady",
    "king",
    "queen",
    # and the abbreviated titles and ranks, with a full stop or, as British copy writes them,
    # without ("Gen Musharraf", "Col Gaddafi")
    *(normalize_alias(t) for t in TITLES),
}
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# "North America", "Latin American": the continent or region, not the United States.
AMERICAS_PREFIXES = {"north", "south", "latin", "central"}
# Words an acronym's letters skip ("Bank of England (BoE)" may also keep them).
ACRONYM_SKIPS = {"of", "and", "the", "for", "&", "de", "la", "du", "des"}
NAME_PARTICLES = {"al", "el", "ad", "as", "bin", "ibn", "abu", "de", "van", "von"}
# An Arabic name that starts so is a person's ("Abu Ghadiya", "Umm Sayyaf").
KUNYA = {"abu", "umm", "ibn", "bin"}
# "anti-ISIS", "counter-ISIL": what follows is what the phrase opposes, not what owns it
OPPOSING_PREFIXES = {"anti", "counter"}

# Offices of a city or province: a state named with them is where, not what, they lead.
LOCAL_OFFICES = frozenset({"mayor", "governor"})
# Words that open a title the entity tagger may take into the name before it ("Pentagon Press
# Secretary", "the Ministry Press Officer").
TITLE_OPENERS = frozenset({"press", "deputy", "assistant"})
# Role nouns: the tie a person named with them has to the organisation they serve.
ROLE_RELATION = {
    **dict.fromkeys(
        [
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "envoy",
            "ambassador",
            "representative",
            "negotiator",
            "delegate",
            "emissary",
            "mouthpiece",
        ],
        "REPRESENTS",
    ),
    **dict.fromkeys(
        [
            "president",
            "premier",
            "chancellor",
            "king",
            "queen",
            "emir",
            "prince",
            "sultan",
            "leader",
            "head",
            "chief",
            "chairman",
            "chairwoman",
            "chair",
            "commander",
            "director",
            "governor",
            "mayor",
            "secretary-general",
            "ceo",
            "founder",
            "ayatollah",
            "caliph",
        ],
        "LEADS",
    ),
    **dict.fromkeys(
        [
            "minister",
            "secretary",
            "official",
            "officer",
            "general",
            "gen.",
            "brig.",
            "col.",
            "maj.",
            "lt.",
            "capt.",
            "adm.",
            "sgt.",
            "soldier",
            "fighter",
            "member",
            "militant",
            "diplomat",
            "lawmaker",
            "senator",
            "adviser",
            "advisor",
            "aide",
            "deputy",
            "politician",
            "activist",
            "commander-in-chief",
            "analyst",
            "researcher",
            "expert",
        ],
        "MEMBER",
    ),
}
# Collective nouns that, with "the", refer back to an organisation named before.
GROUP_NOUNS = {
    "group", "organization", "organisation", "movement", "insurgents", "insurgency", "militants", "rebels",
    "militia", "extremists", "jihadists", "faction", "network", "outfit", "alliance", "coalition", "mission",
    "bloc", "party", "company", "firm", "agency",
}  # fmt: skip
ARMED_PLURALS = frozenset({"insurgents", "militants", "rebels", "jihadists"})
# Plural nouns of armed groups that refer back only after a demonstrative, to one named nearby:
# "these terrorists" (not "the terrorists who threaten Britain today", which says who they are).
DEMONSTRATED_ARMED = frozenset({"terrorists"})
ARMED_HINTS = {"terrorist", "jihadist", "militant", "insurgent", "extremist", "islamist", "armed", "rebel"}
STATE_NOUNS = {"country", "nation", "state", "kingdom", "republic"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
KIND_LABEL = {"person": "PERSON", "state": "GPE", "government": "GPE"}


@dataclass
class DocActor:
    """An actor as one document knows it: registry identity plus the names used here."""

    id: str
    name: str
    kind: str
    country: str | None = None
    wikidata: str | None = None
    parent: str | None = None
    in_registry: bool = False
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0

    @classmethod
    def known(cls, actors: dict[str, DocActor], record: ActorRecord) -> DocActor:
        """The document's actor for a registry record, added on first use."""
        if record.id not in actors:
            actors[record.id] = cls(
                id=record.id, name=record.name, kind=record.kind, country=record.country,
                wikidata=record.wikidata, parent=record.parent, in_registry=True,
            )  # fmt: skip
        return actors[record.id]

    def add_alias(self, surface: str) -> None:
        surface = surface.strip()
        if surface and surface not in self.aliases and surface != self.name:
            self.aliases.append(surface)

    def as_contract(self) -> dict:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "aliases": list(self.aliases),
            "wikidata": self.wikidata, "country": self.country,
        }  # fmt: skip


@dataclass
class Mention:
    """A proper-name mention: tokens [start, end), the actor it names (None: a place)."""

    start: int
    end: int
    actor: str | None
    label: str
    sector: str | None = None
    demonym: bool = False
    how: str = "registry"  # registry | ner | declared

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


for _name, _default in (("actors", None), ("mentions", None), ("refs", None), ("party_groups", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class ActorResolver:
    """Finds actor mentions in a Doc and resolves them (and descriptions, pronouns) to actors."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry or Registry.default()
        self.max_n = max(1, min(self.registry.max_alias_tokens, 8))

    # -- the component ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        actors: dict[str, DocActor] = {}
        # a name's last word alone ("Hague", "the Alliance"): the registry pass leaves these, the
        # names pass resolves them once every longer name is known (_short_mentions)
        short, deferred = _short_forms(doc), set()
        titled = _titled_names(doc)  # "Mr Murray": a person's name, wherever it stands alone
        mentions = self._registry_mentions(doc, actors, short, deferred, titled)
        mentions = self._ner_mentions(doc, mentions, actors, short, deferred, titled)
        mentions = self._declared_aliases(doc, mentions, actors)
        mentions += self._named_collectives(doc, mentions, actors)
        mentions.sort(key=lambda m: m.start)
        refs: dict[int, str] = {}
        for m in mentions:
            if m.actor:
                actors[m.actor].mentions += 1
                for i in range(m.start, m.end):
                    refs[i] = m.actor
        doc._.actors = actors
        doc._.refs = refs
        self._group_phrases: list[Mention] = []
        self._resolve_references(doc, mentions, actors, refs)
        mentions = _merge_group_phrases(mentions, self._group_phrases)
        doc._.mentions = _with_described(doc, mentions, refs, self._agent_sector)
        doc._.party_groups = self._party_groups(doc, doc._.mentions, refs, actors)
        return doc

    # -- groups that act: actors only as parties of a claim --------------------------------
    def _party_groups(
        self, doc: Doc, mentions: list[Mention], refs: dict[int, str], actors: dict[str, DocActor]
    ) -> dict[int, tuple[DocActor, int, int]]:
        """Groups the registry does not know that may act in a claim: "Kurdish protesters",
        "police in Lagos", "the hackers", "ethnic Turks", "Ibo elders".

        {token index: (actor, start, end)} for the tokens of each such phrase. They become
        actors only when the claim finder makes one a party (`promote_party_groups`), so a
        plain mention of students or police adds no actor. Ids are the phrase's words
        ("kurdish-protesters"); a group of a known state is that state's, as agent groups are
        ("egypt-hackers", parent egypt); a later bare "the protesters" is the same group.
        """
        unknown_norp = {
            i for m in mentions if m.actor is None and m.label == "NORP" for i in range(m.start, m.end)
        }
        out: dict[int, tuple[DocActor, int, int]] = {}
        by_head: dict[str, DocActor] = {}
        # group nouns seen with a non-state owner ("Taliban fighters", resolved to the Taliban)
        owned = {
            t.lemma_.lower()
            for t in doc
            if t.i in refs
            and t.tag_ in ("NNS", "NNPS")
            and getattr(actors.get(refs[t.i]), "kind", "state") != "state"
        }
        for tok in doc:
            if tok.i in refs or tok.pos_ not in ("NOUN", "PROPN") or tok.i in out:
                continue
            lower = tok.lower_
            norp_head = tok.i in unknown_norp and (tok.tag_ in ("NNS", "NNPS") or _definite(tok))
            sector = None if norp_head else self._party_sector(lower)
            if not norp_head and sector is None:
                continue
            if not norp_head and tok.tag_ not in ("NNS", "NNPS") and lower not in COLLECTIVE_PARTY_NOUNS:
                continue  # "a student", "the worker": one person, not a group
            left = tok.i
            while (
                left > 0
                and doc[left - 1].head.i == tok.i
                and doc[left - 1].dep_ in NAME_MODIFIERS
                and doc[left - 1].is_alpha
                and (
                    doc[left - 1].i in unknown_norp
                    or doc[left - 1].text[:1].isupper()
                    or doc[left - 1].pos_ in ("NOUN", "PROPN")
                    or (norp_head and doc[left - 1].lower_ in GROUP_QUALIFIERS)
                    or doc[left - 1].i in refs
                )
            ):
                left -= 1
            owner = next((refs[t.i] for t in doc[left : tok.i] if t.i in refs), None) or _in_state(
                tok, refs, actors
            )
            if owner is not None and actors[owner].kind != "state":
                owned.add(tok.lemma_.lower())
                continue  # "Taliban fighters", "Google's workers": np_actor's business
            place = next((o for o in prep_objects(tok, ("in", "from", "of")) if o.ent_type_ in ("GPE", "LOC")
                          and o.i not in refs), None)  # fmt: skip
            words = [t.text for t in doc[left : tok.i + 1] if t.i not in refs]
            if place is not None and owner is None:
                words = [place.text, *words]  # "police in Lagos": the Lagos police
            name = " ".join(words)
            if owner is not None:
                name = f"{actors[owner].name} {name}"
            bare = left == tok.i and place is None and owner is None
            if bare and tok.lemma_.lower() in owned and tok.lemma_.lower() not in by_head:
                continue  # a later "the fighters" are the Taliban fighters named before, no new group
            actor = by_head.get(tok.lemma_.lower()) if bare else None
            if actor is None:
                actor_id = slugify(name)
                if not actor_id:
                    continue
                kind = SECTOR_KINDS.get(sector or "", "anonymous_group")
                actor = actors.get(actor_id) or DocActor(
                    id=actor_id, name=name, kind=kind, parent=owner,
                    country=actors[owner].country if owner else None,
                )  # fmt: skip
            if not bare or tok.lemma_.lower() not in by_head:
                by_head[tok.lemma_.lower()] = actor
            actor.add_alias(doc[left : tok.i + 1].text)
            for i in range(left, tok.i + 1):
                if i not in refs:
                    out[i] = (actor, left, tok.i + 1)
        return out

    def _party_sector(self, noun: str) -> str | None:
        if noun in NOT_PARTY_NOUNS or noun.endswith(THING_SUFFIXES):
            return None  # "settlements", "newspapers": places and things the dictionary codes too
        sector = PARTY_NOUNS.get(noun) or self._agent_sector(noun)
        return sector if sector in PARTY_SECTORS else None

    # -- registry names -----------------------------------------------------------------
    def _candidate_start(self, token: Token) -> bool:
        text = token.text
        if token.lower_ in ("the", "a", "an"):
            return False  # "The Pentagon": the mention is "Pentagon"
        if token.ent_type_ == "MONEY":
            return False  # "1.2bn Australian dollars", "HK$6.31bn": a currency, not its state
        if not text or not (text[0].isupper() or text[0].isdigit()):
            doc, i = token.doc, token.i
            if i + 2 >= len(doc) or doc[i + 1].text != "-":
                return False
            # "al-Qaida"; "the anti-ISIS coalition" where the registry lists it (not "counter-revolutionaries")
            return text.lower() in NAME_PARTICLES or (
                text.lower() in OPPOSING_PREFIXES and doc[i + 2].text[:1].isupper()
            )
        return not token.is_punct

    def _registry_mentions(
        self,
        doc: Doc,
        actors: dict[str, DocActor],
        short: dict[str, str],
        deferred: set[int],
        titled: set[str],
    ) -> list[Mention]:
        out: list[Mention] = []
        # a registry name inside a longer personal name ("Charles Cleveland") is not that name
        # (its name without an article or a possessive: the small model reads "the Lib Dems" as a person)
        person = _entity_extents(doc, ("PERSON",), _strip_determiners)
        # a registry name that only ends a longer organisation's name ("the Countryside Alliance"
        # is not NATO, "Borussia Dortmund" not Germany) or begins a firm's ("Kenya Airways")
        org = _entity_extents(doc, ("ORG",), _strip_determiners)
        # ... or begins a body's, event's or venue's ("the Berlin Film Festival" is no state)
        named = {**_entity_extents(doc, ("FAC", "EVENT"), _strip_determiners), **org}
        i, n = 0, len(doc)
        first_words = self.registry.first_words
        while i < n:
            token = doc[i]
            if not self._candidate_start(token) or _first_word(token) not in first_words:
                i += 1
                continue
            sent_end = sentence_of(doc, i)[1]
            best = None
            for j in range(min(n, sent_end, i + self.max_n), i, -1):
                last = doc[j - 1]
                if j - 1 > i and (last.is_punct or last.is_space or "\n" in doc[j - 2].whitespace_):
                    continue
                hits = self.registry.lookup(doc[i:j].text)
                if hits:
                    best = (j, hits[0])
                    break
            if best is None:
                i += 1
                continue
            j, hit = best
            if i > 0 and doc[i].lower_.startswith("america") and doc[i - 1].lower_ in AMERICAS_PREFIXES:
                i = j
                continue
            if i in person and j <= person[i][1] and (i, j) != person[i]:
                i = person[i][1]
                continue
            if (
                j == i + 1
                and i in org
                and org[i][0] < i
                and j == org[i][1]
                and doc[i - 1].whitespace_  # "Ex-Boeing" is still Boeing
                and _name_words(doc[org[i][0] : i], out)
            ):
                i = j
                continue
            if (
                i in named
                and named[i][0] == i
                and j < named[i][1]
                and (
                    doc[named[i][1] - 1].lower_ in NAMED_AFTER_STATE_HEADS
                    or doc[named[i][0] : named[i][1]].root.lower_ in NAMED_AFTER_STATE_HEADS
                )  # "the Nigerian Union of Teachers": its head names the body
                and getattr(self.registry.actor(hit.actor), "kind", None) == "state"
            ):
                i = named[i][1]  # "Kenya Airways", "the British Medical Association": named after a state
                continue
            if (
                i in org
                and org[i][0] == i
                and j < org[i][1]
                and doc[org[i][0] : org[i][1]].root.lower_ in BODY_HEADS
                and getattr(self.registry.actor(hit.actor), "kind", None) == "igo"
            ):
                # "the UN Board of Inquiry", "the EU Commission": a body of the IGO, named whole (up
                # to an acronym in brackets: "the UN Independent Commission of Inquiry (CoI")
                j = next((k for k in range(j, org[i][1]) if doc[k].text == "("), org[i][1])
            if (
                i in org
                and org[i][0] == i
                and j < org[i][1]
                and self._named_after_state(doc, j, org[i][1], hit)
            ):
                i = j  # "the London Stock Exchange", "UK Athletics": named after the state, not the state
                continue
            if (
                i in org
                and i >= 2
                and j == org[i][1]
                and org[i][0] < i - 1
                and doc[i - 1].lower_ == "of"
                and doc[i - 2].lower_ in NAMED_AFTER_STATE_HEADS
                and getattr(self.registry.actor(hit.actor), "kind", None) == "state"
            ):
                i = j  # "the Bank of Ireland", "the United Bus Company of Tehran": the body, not the state
                continue
            if j == i + 1 and i not in person and i not in org and self._short_form(doc[i], short, hit):
                deferred.add(i)  # "Hague" after "William Hague", "the Alliance" after "the
                i = j  # Making Decisions Alliance": resolved with the names (_ner_mentions)
                continue
            if (
                i > 0
                and doc[i - 1].text.rstrip(".") in PERSON_HONORIFICS
                and not _is_person(self.registry, hit)
            ):
                i = j  # "Mr German", "Mrs Jordan": a person's surname, not the country
                continue
            if j == i + 1 and doc[i].text in titled and not _is_person(self.registry, hit):
                record = self.registry.actor(hit.actor)
                if record is not None and normalize_alias(record.name) != normalize_alias(doc[i].text):
                    i = j  # "Bob Murray, chairman of Sunderland FC" above "Mr Murray": not the Murray river's Australia
                    continue
            if doc[i].ent_type_ == "PERSON":  # "Bashar al-Assad": the man, though also listed under Syria
                hit = next(
                    (h for h in hits_at(self.registry, doc[i:j].text) if _is_person(self.registry, h)), hit
                )
            record = self.registry.actor(hit.actor)
            if record is None:
                i += 1
                continue
            DocActor.known(actors, record).add_alias(doc[i:j].text)
            label = "NORP" if hit.demonym else KIND_LABEL.get(record.kind, "ORG")
            if hit.demonym and doc[j - 1].tag_ in ("NNS", "NNPS") and doc[j - 1].dep_ not in NAME_MODIFIERS:
                label = "ORG"  # "the Iraqis" acting: the people or the state, not a nationality
            out.append(Mention(i, j, record.id, label, sector=hit.sector, demonym=hit.demonym))
            i = j
        return out

    def _named_after_state(self, doc: Doc, j: int, end: int, hit: AliasHit) -> bool:
        """A state's name begins an organisation's name (tokens up to `end`) whose rest is a
        proper name and not one of the state's own bodies ("the US Treasury", "Iraqi Security
        Forces", "the US Department of Energy" are the state; "the London Stock Exchange", "UK
        Athletics", "American Express", "the New York Times" are not)."""
        rest = doc[j:end]
        if getattr(self.registry.actor(hit.actor), "kind", None) != "state" or not rest[0].text[:1].isupper():
            return False
        words = [t.lower_ for t in rest]
        head = words[: words.index("of")][-1] if "of" in words[1:] else words[-1]
        if any(w in TITLE_TOKENS or w in PERSON_WORDS for w in words):
            return False  # "US Secretary of State Colin Powell", read as an organisation
        if end < len(doc) and doc[end - 1].head.i == end and doc[end].lower_ in STATE_BODY_HEADS:
            return False  # "a Boston Federal court": the name qualifies one of the state's bodies
        if any(self.registry.lookup(t.text) for t in rest if t.text[:1].isupper()):
            return False  # "the London Assembly Conservatives": another actor's name inside
        sector = self.registry.agent(head)
        return not (head in STATE_BODY_HEADS or sector in STATE_SECTORS)

    def _short_form(self, tok: Token, short: dict[str, str], hit: AliasHit) -> bool:
        """`tok` alone repeats the last word of a longer name in the text: a person's surname
        (not "The Hague"), or an organisation's head word where the registry reads it as no state."""
        label = short.get(tok.text)
        if label is None or _is_person(self.registry, hit):
            return False
        kind = getattr(self.registry.actor(hit.actor), "kind", None)
        after_the = tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the"
        if label == "PERSON":  # a place read as a surname ("Hague", "Jordan"); a firm stays ("Boeing")
            return kind == "state" and not after_the
        return after_the and tok.is_title and kind not in ("state", "government")  # not "the EU"

    # -- names the registry lacks ---------------------------------------------------------
    def _ner_mentions(
        self,
        doc: Doc,
        mentions: list[Mention],
        actors: dict[str, DocActor],
        short: dict[str, str],
        deferred: set[int],
        titled: set[str],
    ) -> list[Mention]:
        taken = {i for m in mentions for i in range(m.start, m.end)}
        people: dict[str, str] = {}  # surname -> person actor id, for "Cleveland" after "Charles Cleveland"
        for a in actors.values():
            if a.kind == "person":
                people[normalize_alias(a.name).split()[-1]] = a.id
        common_nouns = {t.lower_ for t in doc if t.pos_ == "NOUN" and t.text.islower()}
        # words the text uses as someone's name: after "Mr", or ending a full name ("Mr Bush", "Condoleezza Rice")
        surnames = titled | {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        # full names first, so that a surname before its full name ("Clarke" in the headline
        # above "Charles Clarke") is that person too
        names = [(ent, _strip_determiners(ent)) for ent in doc.ents if ent.label_ in NER_LABELS]
        for ent, span in sorted(names, key=lambda n: n[1] is not None and len(n[1]) == 1):
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            if not any(t.text[:1].isupper() for t in span) or (len(span) == 1 and span.text in TITLE_TOKENS):
                continue  # names are capitalised, and "Brig." alone names no one
            label = ent.label_
            if span.start in deferred:
                continue
            if label == "ORG" and len(span) == 1 and _common_word(span.root, common_nouns):
                continue  # "Defence Minister X", "the Budget": a portfolio or a thing, not an organisation
            if (
                label == "PERSON"
                and len(span) == 1
                and span.root.lower_ in common_nouns
                and span.text not in surnames
            ):
                continue  # "Tsunami 'to hit Sri Lanka banks'" above "the tsunami disaster": a thing
            if label == "ORG" and span[-1].lower_ in EVENT_HEADS:
                continue  # "the London Marathon", "the Sydney Olympics": an event, not an organisation
            if label == "ORG" and span.root.lower_ in DOCUMENT_HEADS:
                continue  # "a Cessation of Hostilities", "Resolution 2254": a text or a truce, no one
            if label == "ORG" and _in_secretary_of_state(span):
                continue  # "the Secretary of State for Culture": a title's words, no organisation
            if label == "ORG" and len(span) > 1 and span[-1].lower_ in FACILITY_HEADS:
                label = "FAC"  # "Tiyas Military Airfield", "the Tharthar Barrage": a place, no actor
            if label == "PERSON" and _locative_context(span):
                label = "LOC"  # "in Raqqah", "near Palmyra": the small model's people are often places
            if len(span) == 1 and short.get(span.text) == "PERSON":
                label = "PERSON"  # the surname of someone named in full, whatever the small model read
            if label in ("NORP", "GPE", "LOC") and len(span) > 1 and span[0].lower_ in KUNYA:
                label = "PERSON"  # "Abu Ghadiya", "Umm Sayyaf": a person, however the small model read it
            if label == "PERSON":
                actor_id = self._person(span, people, actors)
                mentions.append(Mention(span.start, span.end, actor_id, "PERSON", how="ner"))
            elif label == "ORG":
                name = span.text.strip()
                actor_id = slugify(name)
                if not actor_id:
                    continue
                actor = actors.setdefault(actor_id, DocActor(id=actor_id, name=name, kind="organization"))
                actor.add_alias(name)
                mentions.append(Mention(span.start, span.end, actor_id, "ORG", how="ner"))
            else:  # places and nationalities the registry does not know are not actors
                mentions.append(Mention(span.start, span.end, None, label, how="ner"))
            taken.update(range(span.start, span.end))
        return mentions + _short_mentions(doc, mentions, actors, deferred)

    def _person(self, span: Span, people: dict[str, str], actors: dict[str, DocActor]) -> str:
        words = normalize_alias(span.text).split()
        while len(words) > 1 and words[0] in HONORIFICS:
            words = words[1:]  # "Prince Faisal bin Farhan" is Faisal bin Farhan
        surname = words[-1] if words else normalize_alias(span.text)
        known = people.get(surname)
        if known and normalize_alias(actors[known].name).endswith(" ".join(words)):
            actors[known].add_alias(span.text)
            return known
        k = 0
        while k < len(span) - 1 and normalize_alias(span[k].text) in HONORIFICS:
            k += 1
        name = span[k:].text
        actor_id = slugify(" ".join(words)) or slugify(span.text)
        listed = self.registry.actor(actor_id)
        if listed is not None and listed.kind != "person":
            actor_id += "-person"  # "Mrs Jordan" is not Jordan, the state, in this text or any other
        actor = actors.setdefault(actor_id, DocActor(id=actor_id, name=name, kind="person"))
        actor.add_alias(span.text)
        if len(words) > 1:
            people.setdefault(surname, actor.id)
        return actor.id

    def _named_collectives(
        self, doc: Doc, mentions: list[Mention], actors: dict[str, DocActor]
    ) -> list[Mention]:
        """ "the Coalition", "the Alliance" written as names: one actor per document's usage."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out = []
        for tok in doc:
            if tok.i in taken:
                continue
            if _the_international_community(tok):
                actors.setdefault(
                    "international-community",
                    DocActor(id="international-community", name="International community", kind="igo"),
                )
                out.append(Mention(tok.i - 1, tok.i + 1, "international-community", "ORG", how="ner"))
                continue
            if tok.text[:1].islower() or tok.lower_ not in NAMED_COLLECTIVES:
                continue
            # "the Counter-Daesh Coalition ... the Coalition": the one named in full before
            named = [
                m.actor for m in mentions
                if m.actor and m.start < tok.i and tok.lower_ in actors[m.actor].name.lower().split()
            ]  # fmt: skip
            actor_id = named[-1] if named else _collective(tok, actors)
            out.append(Mention(tok.i, tok.i + 1, actor_id, "ORG", how="ner"))
        return out

    # -- aliases the text declares: "the Imara [Taliban]", "Khorasan Province (IS-K/ISIL-KP)" --
    def _declared_aliases(
        self, doc: Doc, mentions: list[Mention], actors: dict[str, DocActor]
    ) -> list[Mention]:
        by_start = {m.start: m for m in mentions}
        by_end = {m.end: m for m in mentions}
        added: list[Mention] = []
        for tok in doc:
            if tok.text not in ("(", "["):
                continue
            close = ")" if tok.text == "(" else "]"
            j = next((k for k in range(tok.i + 1, min(len(doc), tok.i + 12)) if doc[k].text == close), None)
            if j is None or j == tok.i + 1:
                continue
            inner = by_start.get(tok.i + 1)
            before = by_end.get(tok.i)
            if inner and inner.actor and before is None and tok.i > 0:
                # a name in brackets glosses the capitalised words just before it
                k = tok.i
                while k > 0 and doc[k - 1].text[:1].isupper() and not doc[k - 1].is_sent_start:
                    k -= 1
                glossed = _strip_determiners(doc[k : tok.i]) if k < tok.i else None
                if glossed is not None and _glosses(glossed, actors[inner.actor]):
                    actors[inner.actor].add_alias(glossed.text)
                    added.append(Mention(glossed.start, tok.i, inner.actor, inner.label, how="declared"))
            elif before and inner and before.actor and inner.actor and before.actor != inner.actor:
                # "General Motors (GM)", "Montenegro Municipality Association (AKK)": NER made
                # two actors of a name and its acronym; a registry name's must spell its initials
                known = actors[before.actor].in_registry, actors[inner.actor].in_registry
                short = inner.span(doc).text
                if (
                    inner.end == j
                    and (_acronym_of(short, before.span(doc)) if any(known) else short.isupper())
                    and not all(known)
                ):
                    keep, drop = (inner, before) if known[1] else (before, inner)
                    actors[keep.actor].add_alias(drop.span(doc).text)
                    added.append(Mention(drop.start, drop.end, keep.actor, keep.label, how="declared"))
            elif before and before.actor and inner is None and actors[before.actor].kind != "person":
                # unknown acronyms in brackets name the actor just before them; not a person's
                # ("P Idowu (Belgrave Harriers)": the club)
                for part in _slash_parts(doc[tok.i + 1 : j]):
                    if part.text[:1].isupper():
                        actors[before.actor].add_alias(part.text)
                        added.append(
                            Mention(part.start, part.end, before.actor, before.label, how="declared")
                        )
        return self._repeat_declared(doc, mentions + added, actors)

    def _repeat_declared(
        self, doc: Doc, mentions: list[Mention], actors: dict[str, DocActor]
    ) -> list[Mention]:
        """A name the text declared ("the Jamaat [Taliban]") names the same actor later on."""
        declared = {doc[m.start : m.end].text: m for m in mentions if m.how == "declared"}
        if not declared:
            return mentions
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out = [m for m in mentions if not (m.how == "ner" and doc[m.start : m.end].text in declared)]
        taken = {i for m in out for i in range(m.start, m.end)}
        for name, m in declared.items():
            width = m.end - m.start
            for i in range(len(doc) - width + 1):
                span = range(i, i + width)
                if doc[i : i + width].text == name and not any(k in taken for k in span):
                    out.append(Mention(i, i + width, m.actor, m.label, how="declared"))
                    taken.update(span)
        for a in list(actors):
            if not actors[a].in_registry and actors[a].name in declared and a not in {m.actor for m in out}:
                del actors[a]  # the NER guess the declaration replaces
        return out

    # -- descriptions and pronouns ------------------------------------------------------
    def _office_holder(
        self, tok: Token, roles: list, refs: dict[int, str], named: set[str], actors: dict[str, DocActor]
    ) -> str | None:
        """Who "the Foreign Secretary" or "the Prime Minister" is where the text gives no one that
        title: the one person it has `named` before, untitled, whom the registry knows to have
        served in a government in such an office (head of it for a president or prime minister, a
        member for a minister or secretary), when the text was published if it says when. "Boris
        Johnson met Lavrov ... The Foreign Secretary said": Johnson; none where two such people are
        named, nor one named only after ("the prime minister's spokesman urged people to put Ms
        Blears' comments into context" is not Ms Blears)."""
        doc = tok.doc
        title = title_of(tok)
        heads = title in ("president", "premier", "prime minister")
        if not heads and title not in ("secretary", "minister"):
            return None
        if {c.lower_ for c in tok.children} & RANK_QUALIFIERS:
            return None  # "the deputy prime minister" is another office
        org = next((refs[c.i] for c in tok.children if c.dep_ in ("amod", "compound") and c.i in refs), None)
        published = doc._.published if doc.has_extension("published") else None
        day = published.isoformat() if published else None
        titled = {person for person, _, _ in roles}
        found = {
            actor.id
            for actor in actors.values()
            if actor.kind == "person" and actor.in_registry and actor.id in named and actor.id not in titled
            for role in self.registry.government_roles(actor.id, day)
            if role["relation"] == ("LEADS" if heads else "MEMBER") and org in (None, role.get("of"))
        }
        return found.pop() if len(found) == 1 else None

    def _resolve_references(
        self, doc: Doc, mentions: list[Mention], actors: dict[str, DocActor], refs: dict[int, str]
    ) -> None:
        roles = person_roles(doc, refs, actors)
        seen: list[tuple[int, str]] = []  # (token index, actor id) of mentions in order, for recency
        mention_iter = iter(sorted((m for m in mentions if m.actor), key=lambda m: m.start))
        nxt = next(mention_iter, None)
        for tok in doc:
            while nxt is not None and nxt.start <= tok.i:
                seen.append((nxt.start, nxt.actor))
                nxt = next(mention_iter, None)
            if tok.i in refs or tok.pos_ not in ("NOUN", "PRON", "PROPN"):
                continue
            lower = tok.lower_
            target = None
            if tok.pos_ == "PRON":
                if lower in PERSON_PRONOUNS:
                    # the person named last nearby; else, further back, the only person named so far
                    target = _recent(seen, actors, tok.i, kinds={"person"}, window=80) or _only_person(
                        seen, actors
                    )
                elif _one_of_its_parts(tok):  # "X was named one of its groups": a body X is in, not X
                    members = {np_actor(s, refs) for s in _clause_subjects(tok)}
                    target = _recent(
                        seen, actors, tok.i, exclude={"person", "media", "state"}, others_than=members
                    )
                elif lower in THING_PRONOUNS:
                    target = _clause_subject(tok, refs, actors) or previous_subject(tok, refs, actors)
                    if target is None and not _unnamed_subject(tok, refs):
                        target = _recent(seen, actors, tok.i, exclude={"person", "media"}, window=40)
            elif _definite(tok) and (
                ROLE_RELATION.get(lower) == "REPRESENTS" or lower in ("leader", "chief")
            ):
                target = _role_holder(tok, roles, refs)  # "the (Taliban) spokesman": the person named so
            elif _definite(tok) and lower in ROLE_RELATION:
                # "the Foreign Secretary" after "Foreign Secretary Boris Johnson": the same title
                target = _role_holder(tok, roles, refs, same_title=True) or self._office_holder(
                    tok, roles, refs, {a for _, a in seen}, actors
                )
            elif _definite(tok) and not _modified(tok, refs):
                if lower in GROUP_NOUNS:
                    armed = any(c.lower_ in ARMED_HINTS for c in tok.children)
                    kinds = {"armed_group"} if armed or lower in ARMED_PLURALS else None
                    if lower in ("alliance", "coalition", "mission", "bloc"):
                        # "the coalition": one named so ("the Global Coalition"), else an IGO,
                        # else the document's coalition ("the international coalition");
                        # never the armed group the text is about
                        named = {a for _, a in seen if lower in actors[a].name.lower().split()}
                        target = (
                            _salient(seen, actors, tok.i, only=named)
                            or _salient(seen, actors, tok.i, kinds={"igo"}, fallback=False)
                            or _collective(tok, actors)
                        )
                    else:  # "the terrorist group" is no IGO nor state
                        exclude = (
                            {"person", "media", "state", "igo"} if kinds else {"person", "media", "state"}
                        )
                        target = _salient(seen, actors, tok.i, kinds=kinds, exclude=exclude)
                elif lower in STATE_NOUNS:
                    target = _recent(seen, actors, tok.i, kinds={"state"}, window=120)
                elif lower in DEMONSTRATED_ARMED and _definite(tok, POINTING_BACK):
                    target = _recent(seen, actors, tok.i, kinds={"armed_group"})
            if target is None and tok.pos_ == "NOUN":
                target = self._agent_group(tok, refs, actors)
            if target:
                refs[tok.i] = target

    def _agent_sector(self, noun: str) -> str | None:
        return AGENT_SECTORS.get(noun) or self.registry.agent(noun)

    def _agent_group(self, noun: Token, refs: dict[int, str], actors: dict[str, DocActor]) -> str | None:
        """ "Egyptian police", "Ivory Coast rebels", "Iraqi officials": a state's organ or group.

        As in CAMEO, the actor is a state plus a sector from the agents dictionary: government
        officials are the state itself (the sector rides on the mention); the police, the
        armed forces, rebels or protesters of a state are actors of their own, linked to it.
        Officials of a non-state actor ("Taliban officials") are that actor.
        """
        sector = self._agent_sector(noun.lower_) or _line_of_business(noun)
        if sector is None:
            return None
        owner = _owner(noun, refs)
        if owner is None:
            return None
        if actors[owner].kind == "person":
            return None  # "the government of President X": the state, found by np_actor
        group = SECTOR_GROUPS.get(sector)
        if group is None or actors[owner].kind != "state":
            actor_id = owner
        else:
            name, kind = group
            actor_id = f"{owner}-{slugify(name)}"
            if actor_id not in actors:
                actors[actor_id] = DocActor(
                    id=actor_id, name=f"{actors[owner].name} {name}", kind=kind, country=actors[owner].country,
                    parent=owner,
                )  # fmt: skip
        # the whole phrase ("Iraqi forces", "Jordanian intelligence officers") names the group
        left = noun.i
        while left > 0 and noun.doc[left - 1].head.i == noun.i and noun.doc[left - 1].dep_ in NAME_MODIFIERS:
            left -= 1
        if any(refs.get(t.i) == owner for t in noun.doc[left : noun.i]):
            self._group_phrases.append(Mention(left, noun.i + 1, actor_id, "ORG", sector=sector, how="group"))
            actors[actor_id].add_alias(noun.doc[left : noun.i + 1].text)
        return actor_id


def roles_of(doc: Doc) -> list[tuple[str, Token, str | None]]:
    """`person_roles` of an annotated Doc, found once and shared by the later stages."""
    roles = doc.user_data.get("actorgraph_roles")
    if roles is None:
        roles = doc.user_data["actorgraph_roles"] = person_roles(doc, doc._.refs, doc._.actors)
    return roles


def person_roles(
    doc: Doc, refs: dict[int, str], actors: dict[str, DocActor]
) -> list[tuple[str, Token, str | None]]:
    """(person id, role noun, organisation id) for every person the text gives a role.

    "Zabihullah Mujahid, the Taliban spokesman" (apposition), "Taliban spokesman Mujahid"
    and "Afghan President Ashraf Ghani" (titles before the name), "a spokesman for X".
    """
    roles = []

    def organisation(noun: Token, also: Token | None = None) -> str | None:
        org = role_organisation(noun, refs, actors, also=also)
        if org and noun.lower_ in LOCAL_OFFICES and actors[org].kind == "state":
            return None  # "London mayor Ken Livingstone" leads London, not the state it stands for
        return org

    for tok in doc:
        person = refs.get(tok.i)
        if tok.pos_ != "PROPN" or not person or actors[person].kind != "person":
            continue
        if _named_after_title(tok):
            # the title first, the name after it: "The Taliban spokesman, Zabihullah Mujahid, said"
            roles.append((person, tok.head, organisation(tok.head)))
        if refs.get(tok.head.i) == person:
            continue  # only the head token of each person mention
        for child in tok.children:
            if child.dep_ == "appos" and child.lower_ in ROLE_RELATION:
                roles.append(
                    (person, child, organisation(child) or _organisation_after_title(child, refs, actors))
                )
            elif (
                child.dep_ in ("compound", "amod", "nmod")
                # "Labour leader Tony Blair": the resolver may read "Labour leader" as the party;
                # "Defense Secretary Ash Carter" may be one name to it, title and all
                and (child.i not in refs or actors[refs[child.i]].kind != "person" or refs[child.i] == person)
                and child.lower_ in ROLE_RELATION
            ):
                roles.append((person, child, organisation(child, also=tok)))
    return roles


def _organisation_after_title(title: Token, refs: dict[int, str], actors: dict[str, DocActor]) -> str | None:
    """The organisation set after a bare title in a list of appositions, as military copy writes
    it: "Gen. Joseph Votel, commander, U.S. Central Command" (hung on the title or the name)."""
    if title.i + 2 >= len(title.doc) or title.doc[title.i + 1].text != ",":
        return None
    if any(c.dep_ not in ("punct", "appos") for c in title.children):  # "commander of ...", "its commander"
        return None
    for org in (*title.children, *title.head.children):
        found = np_actor(org, refs) if org.dep_ == "appos" and org.left_edge.i == title.i + 2 else None
        if found and actors[found].kind != "person":
            return found
    return None


def _in_secretary_of_state(span: Span) -> bool:
    """ "State" after "Secretary of" ("the Shadow Secretary of State for the Family"): the title."""
    words = [t.lower_ for t in span.doc[max(span.start - 2, 0) : span.start + 1]]
    return words == ["secretary", "of", "state"]


def _named_after_title(name: Token) -> bool:
    """A name in apposition after a title of its own ("Argentina's President, Nestor Kirchner"):
    the title's first such name (not one the parser hung on it from a second title in a list),
    and a title whose organisation is named, not "its founder" or "the company's chief", whose
    owner the resolver may get wrong."""
    title = name.head
    return (
        name.dep_ == "appos"
        and title.lower_ in ROLE_RELATION
        and title.pos_ in ("NOUN", "PROPN")
        and next(c for c in title.children if c.dep_ == "appos") == name
        and not any(c.dep_ == "poss" and c.pos_ in ("PRON", "NOUN") for c in title.children)
    )


def role_organisation(
    noun: Token, refs: dict[int, str], actors: dict[str, DocActor], also: Token | None = None
) -> str | None:
    """The organisation a role noun belongs to: "Taliban spokesman", "spokesman for X", "X's envoy"."""
    candidates = list(noun.children) + (list(also.children) if also is not None else [])
    # a name of several words modifies the role through its last one: "the CJTF-OIR spokesperson"
    candidates += [g for c in candidates if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in refs
                   for g in c.children if g.dep_ == "compound" and g.pos_ == "PROPN"]  # fmt: skip
    left = min((t.i for t in noun.subtree), default=noun.i)
    if left >= 2 and noun.doc[left - 1].lower_ in ("'s", "’s") and noun.doc[left - 2].i in refs:
        return refs[noun.doc[left - 2].i]  # "the country's Chief Executive Officer Abdullah Abdullah"
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" and c.i not in refs for c in noun.children):
        return None  # "Game's UK sales director": his firm, which no actor names, not its market
    for child in candidates:
        if (
            child.dep_ in NAME_MODIFIER_DEPS
            and child.i in refs
            and actors[refs[child.i]].kind != "person"
            and not _object_of_a_stranded_preposition(child)
        ):
            return refs[child.i]
        if child.dep_ == "prep" and child.lower_ == "in":
            # "an artillery crew chief in Abel Battery", "a senior officer in the Taliban": a body
            # one serves in; "a commander in Iraq" is where he serves
            found = next((np_actor(o, refs) for o in child.children if o.dep_ == "pobj"), None)
            if found and actors[found].kind not in ("person", "state", "media"):
                return found
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "to", "at", "with"):
            # "Scott C. Dayton, 42, of Woodbridge, Virginia": where the man is from, no office
            hometown = (
                also is not None
                and child.head.i == also.i
                and child.lower_ == "of"
                and noun.doc[child.i - 1].text == ","
            )
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = np_actor(obj, refs)
                    if (
                        found
                        and actors[found].kind != "person"
                        and not (hometown and actors[found].kind == "state")
                    ):
                        return found
    return None


def _object_of_a_stranded_preposition(tok: Token) -> bool:
    """A name right after a preposition the parser left without its object: "In Turkey Minister
    Ellwood met ..." read as the title "Turkey Minister", where Turkey is where he met."""
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    return (
        before is not None
        and before.dep_ == "prep"
        and not any(c.dep_ in ("pobj", "pcomp") for c in before.children)
    )


def np_actor(head: Token, refs: dict[int, str]) -> str | None:
    """The actor a noun phrase headed by `head` stands for, if any.

    The head itself; else a name compounded with it ("the Taliban group"); else, for heads
    that stand for a state or group ("the government of Iran", "its neighbor, Iran"), what
    its of/in phrase or apposition names.
    """
    if head.i in refs:
        return refs[head.i]
    if head.lemma_.lower() in MARKET_THINGS:
        return None
    if head.lower_ in BRANCH_NOUNS:  # "the Afghan branch of the Islamic State" is neither Afghanistan nor IS
        return _named_as(head, refs)
    named = named_person(head)  # "the UK designer Alexandra Byrne" is she, not the UK
    if named is not None and named.i in refs:
        return refs[named.i]
    for child in head.children:
        if (
            child.dep_ in ("compound", "amod", "nmod")
            and child.i in refs
            and child.i < head.i
            and not opposed(child)
        ):
            return refs[child.i]
    for child in head.children:
        if child.dep_ == "appos" and child.i in refs:
            return refs[child.i]
    if head.lower_ in STAND_IN_NOUNS:
        for child in head.children:
            if child.dep_ == "appos":
                found = np_actor(child, refs)
                if found:
                    return found
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _government_of(head, obj, refs) or np_actor(obj, refs)
        for child in head.children:
            if child.dep_ == "poss" and child.i in refs:
                return refs[child.i]
        # "the government and people of Iraq": the of-phrase of the last conjunct is both's
        for other in head.conjuncts if head.dep_ != "conj" else ():
            if other.lower_ in STAND_IN_NOUNS:
                found = next((np_actor(o, refs) for o in prep_objects(other, ("of",))), None)
                if found:
                    return found
    if head.ent_type_ == "PERSON" or head.lower_ in PERSON_HEADS | BACKED_PEOPLE:
        return None  # "Moscow-backed candidate Viktor Yanukovych" is not Moscow
    for child in head.children:
        # "the U.S.-led coalition": stands for the state that leads or backs it
        if child.dep_ == "amod" and child.tag_ == "VBN":
            found = next((refs[c.i] for c in child.children if c.i in refs), None)
            if found:
                return found
    return None


def named_person(noun: Token) -> Token | None:
    """The person a common noun for them is named by beside it ("his Israeli counterpart, Ariel
    Sharon"), whose modifiers then say where the person is from, not who acts."""
    if noun.pos_ != "NOUN":
        return None
    return next((c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)


# A state's currency, market or economy is no actor of it: "The US currency was trading at ...",
# "the Dow Jones index dropped" (what moves in a market moves by itself).
MARKET_THINGS = frozenset({"currency", "dollar", "euro", "index", "market", "bond", "yield", "economy"})
# People a state may back who are not the state.
BACKED_PEOPLE = {"candidate", "candidates", "leader", "leaders", "nominee", "challenger", "incumbent", "man"}
# Collective nouns that news copy capitalises when it means one well-known body.
NAMED_COLLECTIVES = {"coalition", "alliance"}
BRANCH_NOUNS = {
    "branch",
    "wing",
    "affiliate",
    "faction",
    "offshoot",
    "arm",
    "unit",
    "cell",
    "chapter",
    "franchise",
}


# Plural nouns for the parts of a body: "one of its constituent groups", "one of NATO's members".
PART_NOUNS = frozenset({"group", "member", "faction", "component", "constituent", "affiliate", "unit"})


def _one_of_its_parts(pron: Token) -> bool:
    """ "its" in "one of its constituent groups": whose parts they are."""
    part = pron.head
    return (
        pron.dep_ == "poss"
        and part.tag_ == "NNS"
        and part.lemma_.lower() in PART_NOUNS
        and part.head.lower_ == "of"
        and part.head.head.lower_ == "one"
    )


def _the_international_community(tok: Token) -> bool:
    """ "the international community" as diplomacy speaks of it: the states acting together,
    one actor wherever it is named; not "a large international community of network designers"."""
    if tok.lower_ != "community" or tok.i == 0 or tok.doc[tok.i - 1].lower_ != "international":
        return False
    if tok.doc[tok.i - 1].head.i != tok.i or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    return _definite(tok, frozenset({"the"}))


def _collective(tok: Token, actors: dict[str, DocActor]) -> str | None:
    """The document's own "coalition" or "alliance", named by no longer name: one actor for "the
    Coalition" and "the international coalition"; not a "ruling coalition" of parties."""
    if any(c.dep_ in ("amod", "compound") and c.lower_ not in GENERIC_COLLECTIVE_WORDS for c in tok.children):
        return None
    actor_id = tok.lower_
    actors.setdefault(actor_id, DocActor(id=actor_id, name=tok.text.capitalize(), kind="igo"))
    return actor_id


# Words that leave "the coalition" the one the text is about.
GENERIC_COLLECTIVE_WORDS = {
    "international",
    "global",
    "multinational",
    "military",
    "western",
    "broad",
    "wider",
}


def opposed(name: Token) -> bool:
    """The name follows "anti-" or "counter-": "the counter-ISIL coalition" is not ISIL's."""
    doc = name.doc
    return name.i >= 2 and doc[name.i - 1].text == "-" and doc[name.i - 2].lower_ in OPPOSING_PREFIXES


def _named_as(head: Token, refs: dict[int, str]) -> str | None:
    """ "the ISIS branch known as the Khorasan Province": the branch is the province."""
    for child in head.children:
        if child.dep_ == "acl" and child.lower_ in ("known", "called", "named", "dubbed"):
            for obj in (
                o for p in child.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
            ):
                if obj.i in refs:
                    return refs[obj.i]
        if child.dep_ == "appos" and child.i in refs:
            return refs[child.i]
    return None


def _government_of(head: Token, obj: Token, refs: dict[int, str]) -> str | None:
    """ "the government of Afghan President Ashraf Ghani" is the state, not the man."""
    if head.lower_ not in ("government", "administration", "regime", "cabinet") or obj.pos_ != "PROPN":
        return None
    person = refs.get(obj.i)
    return next((refs[t.i] for t in obj.subtree if t.i in refs and refs[t.i] != person), None)


# Heads that stand for the actor named in their of/in phrase or apposition.
STAND_IN_NOUNS = {
    "government", "governments", "regime", "administration", "authorities", "leadership", "leaders", "leader",
    "officials", "official", "representatives", "representative", "forces", "troops", "army", "military",
    "neighbor", "neighbour", "people", "members", "member", "state", "capital", "side", "delegation",
    "counterparts", "counterpart", "ministry", "embassy", "president", "cabinet", "parliament",
    "minister", "ministers", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "diplomats",
    "diplomat", "commander", "commanders", "negotiators", "negotiator", "delegates", "prime",
}  # fmt: skip


# Last words of a state's own bodies, which a name beginning with the state's name makes the
# state's ("the US Treasury", "Iraqi Security Forces"); unlike STAND_IN_NOUNS, bodies only, not
# the people who speak for a state ("Greek Olympic Committee officials" are the committee's).
STATE_BODY_HEADS = {
    "government", "administration", "ministry", "department", "office", "treasury", "cabinet", "embassy",
    "consulate", "mission", "delegation", "army", "navy", "force", "forces", "military", "command", "guard",
    "guards", "troops", "marines", "police", "intelligence", "security", "defence", "defense", "agency",
    "service", "services", "commission", "bureau", "authority", "authorities", "directorate", "inspectorate",
    "parliament", "congress", "senate", "assembly", "legislature", "court", "courts", "judiciary", "reserve",
    "regime", "unit", "units", "division", "brigade", "battalion", "corps", "squadron", "fleet",
}  # fmt: skip
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}

# Nouns the agents dictionary lacks or codes differently.
AGENT_SECTORS = {"forces": "MIL", "youths": "CVL", "opposition": "OPP", "prisoners": "CVL", "leader": "GOV",
                 "leaders": "GOV", "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV",
                 "firm": "BUS", "firms": "BUS", "insurer": "BUS", "insurers": "BUS", "retailer": "BUS",
                 "retailers": "BUS", "lender": "BUS", "lenders": "BUS", "brewer": "BUS", "suitor": "BUS",
                 "suitors": "BUS", "bidder": "BUS", "bidders": "BUS", "broker": "BUS", "brokers": "BUS",
                 "jury": "JUD", "juries": "JUD"}  # fmt: skip
# What a business group's name says it trades in: "the UK food group Vestey", "a Spanish
# media group" are firms, where "a rebel group", "a pressure group" are not.
BUSINESS_LINES = frozenset({
    "food", "media", "drinks", "drink", "engineering", "mining", "oil", "steel", "insurance", "banking", "retail",
    "travel", "chemicals", "chemical", "drugs", "pharmaceutical", "pharmaceuticals", "software", "technology",
    "telecoms", "telecommunications", "car", "products", "leisure", "hotel", "hotels", "property", "construction",
    "energy", "utilities", "publishing", "tobacco", "brewing", "fashion", "clothing", "entertainment", "music",
    "packaging", "financial", "services", "airline", "shipping", "internet", "electronics", "supermarket",
    "building", "aerospace", "industrial", "investment", "advertising", "cable", "beverages", "paper", "glass",
})  # fmt: skip


def _line_of_business(noun: Token) -> str | None:
    """ "food group", "media groups": a business sector, from what the group trades in."""
    if noun.lemma_.lower() != "group":
        return None
    return "BUS" if any(c.dep_ == "compound" and c.lower_ in BUSINESS_LINES for c in noun.children) else None


# Sectors whose people act as a group of their own, not as the state: (name, kind).
SECTOR_GROUPS = {
    "MIL": ("armed forces", "government"), "COP": ("police", "government"), "SPY": ("intelligence", "government"),
    "JUD": ("judiciary", "government"), "LEG": ("legislature", "government"), "REB": ("rebels", "armed_group"),
    "INS": ("insurgents", "armed_group"), "OPP": ("opposition", "anonymous_group"),
    "CVL": ("civilians", "anonymous_group"), "EDU": ("students", "anonymous_group"),
    "LAB": ("workers", "anonymous_group"), "REF": ("refugees", "anonymous_group"),
    "BUS": ("business", "anonymous_group"), "AGR": ("farmers", "anonymous_group"),
    "MED": ("media", "anonymous_group"), "HLH": ("health workers", "anonymous_group"),
    "REL": ("clergy", "anonymous_group"),
}  # fmt: skip


NAME_MODIFIERS = {"amod", "compound", "nmod"}
# ... and the possessor: the words that name a noun's owner or maker ("Baghdad crackdown", "Iran's programme").
NAME_MODIFIER_DEPS = frozenset(NAME_MODIFIERS | {"poss"})

# Sectors (agents dictionary) whose people act as a group in a claim; "people", "officials"
# and "analysts" without an owner say too little to be a party.
PARTY_SECTORS = {"COP", "MIL", "SPY", "REB", "INS", "UAF", "OPP", "EDU", "LAB", "REF", "AGR", "REL", "CVL",
                 "PTY", "HLH", "MED", "JUD"}  # fmt: skip
SECTOR_KINDS = {"REB": "armed_group", "INS": "armed_group", "UAF": "armed_group", "COP": "government",
                "MIL": "government", "SPY": "government", "JUD": "government"}  # fmt: skip
# Group nouns the agents dictionary lacks.
PARTY_NOUNS = {
    "hackers": "CVL", "elders": "CVL", "peacekeepers": "MIL", "settlers": "CVL", "pilgrims": "CVL",
    "tribesmen": "CVL", "monks": "REL", "nationalists": "OPP", "separatists": "REB", "loyalists": "OPP",
    "crowd": "CVL", "crowds": "CVL", "mob": "CVL", "strikers": "LAB", "unionists": "LAB", "miners": "LAB",
    "protestors": "OPP", "marchers": "OPP", "rioters": "CVL", "looters": "CVL", "kidnappers": "UAF",
    "hostage-takers": "UAF", "gunmen": "UAF", "assailants": "UAF", "attackers": "UAF", "bombers": "UAF",
}  # fmt: skip
# Nouns the dictionary codes as civilians that are an audience, not a party.
NOT_PARTY_NOUNS = {
    "analysts", "analyst", "experts", "customers", "consumers", "users", "investors", "observers", "viewers",
    "readers", "fans", "shoppers", "passengers", "people", "persons", "residents", "citizens", "voters",
    "critics", "sources", "economists", "commentators", "victims", "children", "women", "men", "families",
}  # fmt: skip
THING_SUFFIXES = ("ments", "tions", "sions", "ships", "ities", "ances", "ences", "papers")
COLLECTIVE_PARTY_NOUNS = {"police", "military", "army", "crowd", "mob", "militia", "clergy", "opposition"}
GROUP_QUALIFIERS = {"ethnic", "local", "radical", "militant", "armed", "religious", "tribal"}


def _in_state(tok: Token, refs: dict[int, str], actors: dict[str, DocActor]) -> str | None:
    """ "students in Iran", "police from Egypt": the state the group belongs to."""
    return next(
        (
            refs[o.i]
            for o in prep_objects(tok, ("in", "from", "of"))
            if o.i in refs and actors[refs[o.i]].kind == "state"
        ),
        None,
    )


def promote_party_groups(doc: Doc, actor_ids: set[str]) -> None:
    """Make the candidate groups that are parties of a claim (`actor_ids`) actors of `doc`:
    their actor, their tokens in refs, their phrase a mention (in place of a bare name)."""
    groups = doc._.party_groups or {}
    if not groups or not actor_ids & {a.id for a, _, _ in groups.values()}:
        return
    spans: dict[tuple[int, int], DocActor] = {}
    for i, (actor, start, end) in groups.items():
        if actor.id in actor_ids:
            doc._.actors.setdefault(actor.id, actor)
            doc._.refs.setdefault(i, actor.id)
            spans[(start, end)] = actor
    added = [Mention(s, e, a.id, "ORG", how="group") for (s, e), a in spans.items()]
    for m in added:
        doc._.actors[m.actor].mentions += 1
    covered = {i for m in added for i in range(m.start, m.end)}
    kept = [
        m
        for m in doc._.mentions
        if m.actor is not None or not any(i in covered for i in range(m.start, m.end))
    ]
    kept_tokens = {i for m in kept for i in range(m.start, m.end)}
    doc._.mentions = sorted(kept + [m for m in added if not any(i in kept_tokens for i in range(m.start, m.end))],
                            key=lambda m: m.start)  # fmt: skip


def _merge_group_phrases(mentions: list[Mention], phrases: list[Mention]) -> list[Mention]:
    """Group phrases ("Iraqi forces") replace the demonyms inside them ("Iraqi")."""
    if not phrases:
        return mentions
    covered = {i for p in phrases for i in range(p.start, p.end)}
    kept = [m for m in mentions if not (m.demonym and all(i in covered for i in range(m.start, m.end)))]
    kept_tokens = {i for m in kept for i in range(m.start, m.end)}
    added = [p for p in phrases if not any(i in kept_tokens for i in range(p.start, p.end))]
    return sorted(kept + added, key=lambda m: m.start)


# Heads of descriptive phrases that name places ("ISIL-held buildings", "Diyala Province").
PLACE_HEADS = {
    "province", "provinces", "region", "district", "area", "areas", "city", "town", "village", "building",
    "buildings", "facility", "facilities", "positions", "position", "site", "sites", "base", "bases",
    "mountains", "river", "valley", "border", "territory", "camp", "airfield", "dam", "bridge", "port",
}  # fmt: skip
PERSON_HEADS = {"secretary", "minister", "president", "envoy", "ambassador", "spokesman", "spokeswoman",
                "commander", "chief", "director", "general", "king", "premier", "chancellor", "governor"}  # fmt: skip


NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "EVENT", "LAW",
                  "WORK_OF_ART", "PRODUCT", "LANGUAGE"}  # fmt: skip


def _with_described(
    doc: Doc, mentions: list[Mention], refs: dict[int, str], agent: Callable[[str], str | None]
) -> list[Mention]:
    """Add the capitalised descriptions that name actors and places: "The Foreign Secretary",
    "ISIL tactical units", "Diyala Province", "407th Air Expeditionary Group". A name inside
    such a phrase ("ISIL" in "ISIL tactical units") gives way to the whole phrase."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    dropped: set[int] = set()
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ not in ("NOUN", "PROPN") or root.i in by_token:
            continue
        start = chunk.start
        while start < root.i and (doc[start].dep_ in ("det", "poss", "nummod") or doc[start].is_punct):
            start += 1
        end = root.i + 1
        of_name = _of_name(root, by_token)
        if of_name is not None:  # "the government of Iraq", "the people of Syria"
            end = of_name.end
        words = doc[start:end]
        sent_start = sentence_of(doc, start)[0]
        if not any(t.text[:1].isupper() for t in words if t.i != sent_start) or root.like_num:
            continue
        if any(t.ent_type_ in NOT_ACTOR_ENTS and t.i not in by_token for t in words):
            continue  # "February", "the Gulf War", "the Law of Armed Conflict"
        lower = root.lower_
        if not (root.text[:1].isupper() or {lower, root.lemma_.lower()} & DESCRIBING_HEADS or agent(lower)):
            continue  # "Syria airstrike investigation": a thing, not an actor
        inner = {id(by_token[t.i]): by_token[t.i] for t in words if t.i in by_token}
        if len(inner) > 1 or any(m.start < start or m.end > end for m in inner.values()):
            continue
        if lower in PLACE_HEADS:
            label = "LOC"
        elif lower in PERSON_HEADS or (lower in ROLE_RELATION and root.tag_ == "NN"):
            label = "PERSON"
        else:
            label = "ORG"
        actor = np_actor(root, refs)
        if actor is None and lower not in BRANCH_NOUNS and root.lemma_.lower() not in BRANCH_NOUNS:
            actor = next((m.actor for m in inner.values() if not opposed(doc[m.start])), None)
        if label == "LOC" and actor is not None and not inner:
            actor = None
        for m in inner.values():
            dropped.add(id(m))
        out.append(Mention(start, end, actor if label != "LOC" else None, label, how="described"))
    return sorted((m for m in out if id(m) not in dropped), key=lambda m: m.start)


PERSON_WORDS = PERSON_HEADS | set(ROLE_RELATION)  # nouns for a person by office or role
DESCRIBING_HEADS = PLACE_HEADS | PERSON_WORDS | GROUP_NOUNS | BRANCH_NOUNS


def _of_name(root: Token, by_token: dict[int, Mention]) -> Mention | None:
    """The name in "the government of Iraq": a stand-in noun's of-phrase that is one mention."""
    if root.lower_ not in STAND_IN_NOUNS:
        return None
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == root.i + 1:
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.i in by_token and by_token[obj.i].end == obj.i + 1:
                return by_token[obj.i]
    return None


def _owner(noun: Token, refs: dict[int, str]) -> str | None:
    """Whose a group noun's people are: "Egyptian police", "troops of Syria", "Iran's army"."""
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < noun.i and child.i in refs:
            return None if opposed(child) else refs[child.i]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in refs:
                    return refs[obj.i]
    return None


def _modified(tok: Token, refs: dict[int, str]) -> bool:
    """A description that names its own referent ("the government of Iran", "the U.S.-led
    coalition") is resolved from its parts, never by coreference."""
    for child in tok.children:
        if child.dep_ in ("prep", "appos") and child.lower_ not in ("for",) and not dating(child):
            return True
        if child.dep_ in ("compound", "amod", "nmod", "poss") and (child.i in refs or child.tag_ == "VBN"):
            return child.i in refs or any(c.i in refs for c in child.children)
    return False


def _clause_subjects(pron: Token) -> list[Token]:
    """The subjects `pron` may stand for: of its own clause, or, where it is the subject of a
    reported clause, of the clause that reports it."""
    verb = pron
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if pron.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "ccomp":
        verb = verb.head
    return [s for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") and pron not in s.subtree]


def _clause_subject(pron: Token, refs: dict[int, str], actors: dict[str, DocActor]) -> str | None:
    """A possessive in a clause with its own subject refers to that subject ("The group
    maintains ties with its neighbor"); the subject of a reported clause to the one who
    reports it ("The group said it would respond")."""
    return _organisation_among(_clause_subjects(pron), refs, actors)


def _organisation_among(
    subjects: list[Token], refs: dict[int, str], actors: dict[str, DocActor]
) -> str | None:
    """The first of `subjects` that stands for an actor "it" may be: no person, no outlet."""
    for subj in subjects:
        found = np_actor(subj, refs)
        if found and actors[found].kind not in ("person", "media"):
            return found
    return None


def previous_subject(pron: Token, refs: dict[int, str], actors: dict[str, DocActor]) -> str | None:
    """A sentence that opens with "it" (or a release's own "we") as its subject goes on about
    the subject of the sentence before ("Al Assad University Hospital is a hospital in
    Damascus. It was founded in 1988"), not about the last name in it (Damascus)."""
    doc = pron.doc
    if pron.i != pron.sent.start or pron.i == 0 or pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    before = doc[pron.i - 1].sent.root
    subjects = [s for s in before.children if s.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and before.pos_ == "NOUN":  # "The Coalition complies with ...": its verb read as a noun
        subjects = [s for s in before.children if s.dep_ == "compound" and s.i < before.i]
    return _organisation_among(subjects, refs, actors)


def _unnamed_subject(pron: Token, refs: dict[int, str]) -> bool:
    """ "it" reported stands for the reporting subject though no actor was found for it ("the
    club said it would allow...", "the deal means it will..."), not for whoever was named last;
    "the government said it" is still the government the text is about."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.head.dep_ != "ccomp":
        return False
    return any(
        s.tag_ == "NN" and s.ent_type_ != "PERSON" and np_actor(s, refs) is None
        and s.lower_ not in PERSON_WORDS | STAND_IN_NOUNS | GROUP_NOUNS
        for s in _clause_subjects(pron)
    )  # fmt: skip


LOCATIVE_PREPS = {
    "in",
    "near",
    "at",
    "outside",
    "around",
    "from",
    "to",
    "into",
    "toward",
    "towards",
    "across",
}
PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "area", "vicinity", "outskirts"}


def hits_at(registry: Registry, surface: str) -> list:
    return registry.lookup(surface)


def _is_person(registry: Registry, hit) -> bool:
    record = registry.actor(hit.actor)
    return record is not None and record.kind == "person"


def _titled_names(doc: Doc) -> set[str]:
    """The words the text gives after "Mr", "Mrs", "Dr" ...: someone's surname."""
    return {t.text for t in doc if t.i and doc[t.i - 1].text.rstrip(".") in PERSON_HONORIFICS}


def _first_word(token: Token) -> str:
    """The token as the first word of a normalised alias ("U.S." -> "us", "al" -> "al")."""
    words = normalize_alias(token.text).split()
    return words[0] if words else ""


def _locative_context(span: Span) -> bool:
    """A name after "in"/"near" or "the city of": a place, whatever NER says (no title, one word or two)."""
    doc = span.doc
    if span.start == 0 or len(span) > 2:
        return False
    before = doc[span.start - 1]
    if before.lower_ in LOCATIVE_PREPS and not any(t.lower_ in ROLE_RELATION for t in span):
        return (
            before.lower_ != "to"
            or span.root.dep_ == "pobj"
            and span.root.head.head.lemma_ in ("move", "go", "travel", "return", "advance")
        )
    return before.lower_ == "of" and span.start >= 2 and doc[span.start - 2].lower_ in PLACE_NOUNS


def _common_word(tok: Token, common_nouns: set[str]) -> bool:
    """A one-word name the parser called an organisation that is a portfolio before a title
    ("Defence Minister X") or a word the same text also writes as a plain noun ("the Budget"
    and "the budget")."""
    if tok.dep_ == "compound" and tok.head.lower_ in ("minister", "secretary"):
        return True
    return tok.lower_ in common_nouns


def _entity_extents(
    doc: Doc, labels: tuple[str, ...], name: Callable[[Span], Span | None]
) -> dict[int, tuple[int, int]]:
    """{token index: (start, end)} of the name (`name` of the entity) of every entity with
    one of `labels` that is longer than one token."""
    out = {}
    for e in doc.ents:
        span = name(e) if e.label_ in labels else None
        if span is not None and len(span) > 1:
            out.update(dict.fromkeys(range(span.start, span.end), (span.start, span.end)))
    return out


def _short_mentions(
    doc: Doc, mentions: list[Mention], actors: dict[str, DocActor], deferred: set[int]
) -> list[Mention]:
    """The last word of a longer name, alone and not yet an actor, is that name's actor: a word
    the registry pass left (`deferred`: "the Alliance" after "the Making Decisions Alliance" is
    not NATO, "Hague" after "William Hague" not the Netherlands), or a surname NER did not tag."""
    longer: dict[str, Mention] = {}
    for m in mentions:
        if m.actor and m.end - m.start > 1 and m.label in ("PERSON", "ORG"):
            longer.setdefault(doc[m.end - 1].text, m)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        m = longer.get(tok.text)
        if m is None or tok.i in taken:
            continue
        if tok.i in deferred or (
            m.label == "PERSON" and tok.pos_ == "PROPN" and tok.dep_ != "compound" and _alone(tok)
        ):
            actors[m.actor].add_alias(tok.text)
            out.append(Mention(tok.i, tok.i + 1, m.actor, m.label, how="ner"))
    return out


def _alone(tok: Token) -> bool:
    """The token is no part of a longer entity ("Lord" in "Lord Dubs")."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.ent_iob_ != "I" and (nxt is None or nxt.ent_iob_ != "I")


def _short_forms(doc: Doc) -> dict[str, str]:
    """{last word: label} of the people and organisations named in more than one word."""
    out: dict[str, str] = {}
    for e in doc.ents:
        span = _strip_determiners(e) if e.label_ in ("PERSON", "ORG") else None
        if span is not None and len(span) > 1 and span[-1].text[:1].isupper() and span[-1].is_alpha:
            out.setdefault(span[-1].text, e.label_)
    return out


def _name_words(words: Span, found: list[Mention]) -> bool:
    """`words` begin a name of their own: capitalised, and no actor found among them."""
    return all(t.text[:1].isupper() for t in words if t.is_alpha) and not any(
        m.end > words.start and m.start < words.end for m in found
    )


def _strip_determiners(span: Span) -> Span | None:
    """The name inside an entity span: no leading article or preposition ("Near Palmyra"),
    no trailing punctuation or footnote marks ("Zagros mountains,[1"), no first word of the
    title after it ("Pentagon Press Secretary": the Pentagon)."""
    start = span.start
    while start < span.end and (
        span.doc[start].lower_ in ("the", "a", "an", "near", "in", "at", "outside")
        or span.doc[start].is_punct
    ):
        start += 1
    end = span.end
    for k in range(start, end):
        if ("[" in span.doc[k].text or span.doc[k].text in (",", ";")) and k > start:
            end = k
            break
    if end > start and "[" in span.doc[end - 1].text:
        return None
    while end > start and (
        span.doc[end - 1].is_punct or span.doc[end - 1].is_space or span.doc[end - 1].tag_ == "POS"
    ):
        end -= 1  # nor the possessive: "Gen Musharraf's visit" names Musharraf
    opener = end - start > 1 and span.doc[end - 1].lower_ in TITLE_OPENERS
    if opener and end < len(span.doc) and span.doc[end].lower_ in ROLE_RELATION:
        end -= 1  # "Pentagon Press Secretary": the Pentagon's press secretary
    return span.doc[start:end] if end > start else None


def _glosses(words: Span, actor: DocActor) -> bool:
    """A bracketed name after `words` is another name for them: not after a capitalised article
    or verb ("The [Lisbon] vision", "Is [Clarke] pretending": an editor's insertion), nor a
    person's country ("Milan Kundera (Czech Republic)")."""
    if not all(t.pos_ in ("PROPN", "NOUN", "ADJ") for t in words):
        return False
    return actor.kind == "person" or all(t.ent_type_ != "PERSON" for t in words)


def _acronym_of(acronym: str, name: Span) -> bool:
    """`acronym` spells the initials of `name` ("GM" General Motors, "NHTSA", "BoE" Bank of England)."""
    letters = "".join(ch for ch in acronym if ch.isalpha()).upper()
    words = [t.text for t in name if t.text[:1].isalpha()]
    every = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIPS).upper()
    return len(letters) >= 2 and letters in (every, content)


def _slash_parts(span: Span) -> list[Span]:
    parts, start = [], span.start
    for tok in span:
        if tok.text in ("/", ",", ";"):
            if tok.i > start:
                parts.append(span.doc[start : tok.i])
            start = tok.i + 1
    if span.end > start:
        parts.append(span.doc[start : span.end])
    return parts


DEFINITE = frozenset({"the", "this", "that", "these", "those"})
POINTING_BACK = frozenset({"these", "those"})  # "these terrorists", "those militants"


def title_of(role_noun: Token) -> str:
    """A role noun's title, lower-cased: "prime minister" for "Prime Minister" (the head of a
    government, where "minister" alone is a member of it), "crown prince" for an heir."""
    before = role_noun.nbor(-1) if role_noun.i > 0 else None
    if before is not None and before.dep_ in ("compound", "amod") and before.lower_ in ("prime", "crown"):
        return f"{before.lower_} {role_noun.lower_}"
    return role_noun.lower_


def _definite(tok: Token, determiners: frozenset[str] = DEFINITE) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in determiners for c in tok.children)


def _recent(seen, actors, at, kinds=None, exclude=(), window=80, others_than=()) -> str | None:
    """The fitting actor named last before token `at`, within `window` tokens, other than those
    in `others_than`."""
    for i, actor_id in reversed(seen):
        if at - i > window:
            break
        kind = actors[actor_id].kind
        if (kinds is None or kind in kinds) and kind not in exclude and actor_id not in others_than:
            return actor_id
    return None


def _only_person(seen, actors) -> str | None:
    """The one person named so far, if only one is."""
    people = {actor_id for _, actor_id in seen if actors[actor_id].kind == "person"}
    return people.pop() if len(people) == 1 else None


def _salient(seen, actors, at, kinds=None, exclude=(), only=None, fallback=True) -> str | None:
    """The most mentioned fitting actor so far, recency breaking ties; with `only`, the most
    mentioned of those whatever their kind; with `fallback`, any kind where none fits."""
    score: dict[str, float] = {}
    for i, actor_id in seen:
        kind = actors[actor_id].kind
        fits = actor_id in only if only is not None else (kinds is None or kind in kinds)
        if fits and kind not in exclude:
            score[actor_id] = score.get(actor_id, 0.0) + 1.0 + i / (at + 1)
    if not score and kinds and fallback and only is None:
        return _salient(seen, actors, at, None, exclude)
    return max(score, key=score.get) if score else None


# Words that make a title another office: the deputy, the shadow, the former holder.
RANK_QUALIFIERS = frozenset({"deputy", "shadow", "vice", "former", "ex", "assistant", "junior", "under"})


def _role_holder(tok: Token, roles, refs, same_title: bool = False) -> str | None:
    """The person who holds the role `tok` names ("the spokesman"), nearest before, else after;
    with `same_title`, only one named with the words of the title too ("Foreign" Secretary)."""
    org = None
    for child in tok.children:
        if child.dep_ in ("compound", "poss", "amod") and child.i in refs:
            org = refs[child.i]

    def title(noun: Token) -> set[str]:
        return {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.i not in refs}

    def rank(noun: Token) -> set[str]:  # "Deputy Prime Minister X" is not "the prime minister"
        return {t.lower_ for t in noun.doc[noun.left_edge.i : noun.i]} & RANK_QUALIFIERS

    fitting = [(noun.i, person) for person, noun, role_org in roles
               if noun.lower_ == tok.lower_ and (org is None or role_org in (None, org))
               and (not same_title or title(tok) <= title(noun)) and rank(tok) == rank(noun)]  # fmt: skip
    if not fitting:
        return None
    before = [f for f in fitting if f[0] < tok.i]
    return (max(before) if before else min(fitting))[1]
