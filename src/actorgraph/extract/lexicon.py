"""Words that state ties between actors, by ONTOLOGY relation.

One table per construction, so each rule in claims.py reads its words from here and the
vocabulary can grow (or be learned) without touching the rules.
"""

from __future__ import annotations


def _table(spec: dict[str, str]) -> dict[str, str]:
    return {word: relation for relation, words in spec.items() for word in words.split()}


# Verbs that deny what follows them ("denied reports that ...", "rejected claims that ...").
DENY_VERBS = frozenset(["deny", "reject", "dismiss", "refute", "dispute", "disavow", "rebut", "contradict"])

# Verbs that state an event or tie on their own ("Iran attacked X", "X met with Y"), by lemma.
EVENT_VERBS = _table({
    "CONSULT": "meet negotiate discuss visit host phone confer consult talk mediate advise",
    "AGREE": "agree sign pledge promise commit ratify",
    "SUPPORT": "praise endorse back support welcome recognize recognise defend hail commend thank congratulate "
               "sponsor",
    "CONCEDE": "apologize apologise concede yield",
    "COOPERATE": "cooperate collaborate coordinate partner trade",
    "AID": "aid assist help supply arm fund finance equip donate train",
    "RETREAT": "withdraw retreat release free evacuate demobilize disarm surrender",
    "REQUEST": "urge demand request appeal implore press",
    "ACCUSE": "accuse criticize criticise blame condemn denounce slam censure rebuke fault decry sue",
    "REJECT": "reject refuse veto rebuff spurn",
    "THREATEN": "threaten",
    "SANCTION": "sanction expel embargo sever blacklist",
    "PROTEST": "protest demonstrate rally boycott",
    "MOBILIZE": "mobilize mobilise deploy amass",
    "COERCE": "arrest detain seize capture kidnap abduct blockade deport imprison jail besiege confiscate repress",
    "ASSAULT": "attack bomb shell kill fight invade assault shoot ambush bombard assassinate massacre storm "
               "occupy strike raid fire defeat destroy eliminate shoot target hit",
    "HOSTILE": "oppose counter confront combat prevent resist",
    "ALLY": "ally align affiliate",
    "LEADS": "lead head command govern chair found",
    "MEMBER": "join assign reassign attach",
})  # fmt: skip
# Verbs that place someone in a unit: the one placed (the object, or the passive's subject) is
# a MEMBER of the unit named with "to" ("was assigned to the 5th Special Forces Group").
PLACING_VERBS = frozenset(verb for verb, relation in EVENT_VERBS.items() if relation == "MEMBER") - {"join"}

# Words of sport and prizes. In a clause that speaks of them, verbs of conflict, meeting and
# leading mean competing ("broke the world record", "will face Olympic champion X", "defend his
# 200m title", "took the top award"), not political events.
CONTEST_NOUNS = frozenset(
    "record records title titles medal medals bronze champion champions championship championships "
    "marathon half-marathon race races final finals semi-final quarter-final heat heats lap laps relay "
    "match matches tournament league cup trophy prize prizes award awards nomination nominations "
    "chart charts line-up competitor competitors olympics athletics".split()
)
# Verbs that name competing itself ("compete against X for best actress", "outsprinted her").
COMPETING_VERBS = frozenset(["compete", "outsprint", "outpace", "outrun", "overtake"])
# Verbs that, between two people, are a contest ("Lagat beat Brannen", "was beaten by Geneti").
RIVALRY_VERBS = frozenset(["beat", "defeat"])
# Verbs that have a sense in contests too ("led from the first lap", "will defend his title",
# "will face Olympic champion X"), where the parties' own descriptions may say so. Other verbs
# of EVENT_VERBS ("arrested", "shelled") keep their sense whatever the clause speaks of.
CONTEST_SENSE_VERBS = frozenset(
    ["meet", "face", "lead", "head", "defend", "join", "hit", "host", "back", "support", *RIVALRY_VERBS]
)

# Nouns that name an event or tie ("talks with", "ties between", "war against", "aid to").
EVENT_NOUNS = _table({
    "RELATIONS": "relationship relationships relations ties links link contacts contact connections connection",
    "CONSULT": "talks negotiations negotiation meeting meetings discussions discussion dialogue summit "
               "consultations visit welcome",
    "ALLY": "alliance partnership friendship",
    "AGREE": "agreement deal accord treaty ceasefire truce solution settlement pact consensus",
    "COOPERATE": "cooperation coordination trade collaboration",
    "AID": "aid assistance weapons arms funding",
    "SUPPORT": "backing endorsement support",
    "ASSAULT": "war fight fighting attack attacks strikes airstrikes offensive invasion assault bombing battle "
               "clashes raid raids shelling bombardment killing killings massacre cleansing genocide atrocities "
               "burning beheading beheadings defeat",
    "HOSTILE": "hostility enmity disdain hatred rivalry animosity feud opposition",
    "SANCTION": "sanctions embargo",
    "ACCUSE": "accusation accusations criticism condemnation",
    "THREATEN": "threat threats ultimatum",
    "REQUEST": "demand demands appeal reminder plea",
    "RETREAT": "withdrawal pullout",
    "COERCE": "arrest arrests detention blockade siege crackdown suppression repression restrictions curbs curfew",
    "MOBILIZE": "deployment buildup build-up mobilization mobilisation exercises drills",
    "PROTEST": "protest protests demonstration demonstrations boycott",
})  # fmt: skip

# Nouns that describe one actor by its tie to another ("a Taliban ally", "Iran's regional enemy").
TIE_NOUNS = _table({
    "ALLY": "ally allies partner partners backer backers patron patrons friend friends proxy proxies sponsor",
    "HOSTILE": "enemy enemies rival rivals adversary adversaries foe foes nemesis opponent opponents",
    "MEMBER": "branch affiliate affiliates wing faction offshoot arm unit subsidiary member members",
})  # fmt: skip

# Verbs that add nothing but carry a noun event: "held talks", "maintains a relationship".
LIGHT_VERBS = set(
    [
        "have",
        "hold",
        "maintain",
        "establish",
        "keep",
        "conduct",
        "carry",
        "launch",
        "stage",
        "make",
        "provide",
        "give",
        "offer",
        "seek",
        "reach",
        "sign",
        "enjoy",
        "develop",
        "build",
        "strengthen",
        "restore",
        "forge",
        "pursue",
        "resume",
        "open",
        "start",
        "begin",
        "continue",
        "deepen",
        "expand",
        "boost",
        "wage",
        "send",
        "deliver",
        "supply",
        "play",
        "renew",
        "sign",
        "conclude",
        "unveil",  # "unveiled new sanctions against X" states the sanctions; "unveils immigration policy" nothing
    ]
)
# Which ONTOLOGY relation a noun event gets when the light verb changes it.
AID_OBJECTS = set(["aid", "assistance", "weapons", "arms", "support", "funds", "funding", "money", "drones", "missiles", "ammunition", "equipment", "help", "supplies", "troops", "tank", "jet", "artillery", "rocket", "munition", "food", "medicine", "vaccine", "loan", "grant"])  # fmt: skip
GIVING_VERBS = set(
    ["provide", "give", "send", "deliver", "supply", "offer", "transfer", "ship", "sell", "hand", "donate"]
)
# Amounts that stand for what they measure: "700 kg of medicine", "$5m worth of arms", and the
# entity labels of a number that does ("$50,000 of supplies", "500 tonnes of food").
AMOUNTS = frozenset({"MONEY", "QUANTITY", "CARDINAL"})
MEASURE_NOUNS = frozenset(
    ["kg", "kilogram", "tonne", "ton", "pound", "litre", "barrel", "worth", "shipment", "consignment",
     "cargo", "load", "truckload", "planeload", "batch", "package", "quantity", "amount", "million", "billion"]
)  # fmt: skip
# "appointed a representative in X", "opened an embassy in X": diplomatic ties (SUPPORT).
POSTING_VERBS = set(["appoint", "name", "send", "dispatch", "open", "post", "station", "accredit", "reopen"])
DIPLOMATIC_NOUNS = set(
    ["representative", "envoy", "ambassador", "embassy", "consulate", "delegation", "emissary", "office"]
)

# "X-backed Y", "X-led Y": the participle gives the relation, X its subject, Y its object.
PARTICIPLE_TIES = {
    "backed": "SUPPORT", "supported": "SUPPORT", "sponsored": "SUPPORT", "funded": "AID", "armed": "AID",
    "led": "LEADS", "run": "LEADS", "controlled": "LEADS", "allied": "ALLY", "brokered": "CONSULT",
    "mediated": "CONSULT", "aligned": "ALLY", "represented": "REPRESENTS", "headed": "LEADS",
    "commanded": "LEADS",
}  # fmt: skip

# "pulled X and Y closer", "brought X and Y together".
CLOSER_VERBS = set(["pull", "bring", "draw", "push", "drive"])
CLOSER_WORDS = {"closer", "together"}

# Verbs whose infinitive complement is what they commit to, threaten, ask or refuse: PLOVER
# codes the governing act ("agreed to provide aid to X" is AGREE with X, "threatened to shell
# X" is THREATEN against X); the embedded act is only intended.
GOVERNING_VERBS = _table({
    "AGREE": "agree promise pledge offer vow commit undertake",
    "THREATEN": "threaten",
    "REQUEST": "demand urge ask call appeal press request",
    "REJECT": "refuse decline",
})  # fmt: skip
# Events that two or more subjects do together ("Israel and Lebanon renewed negotiations").
JOINT_RELATIONS = {"CONSULT", "AGREE", "COOPERATE", "RELATIONS", "ALLY", "HOSTILE", "ASSAULT"}
# "the SDF, which includes the Syrian Arab Coalition": the object belongs to the subject.
CONTAINING_VERBS = {"include", "comprise", "incorporate", "encompass"}

# Governing words that make what they govern an intention, not a fact.
INTENT_VERBS = set(
    [
        "seek",
        "try",
        "attempt",
        "plan",
        "intend",
        "want",
        "aim",
        "hope",
        "strive",
        "prepare",
        "wish",
        "look",
        "propose",
        "expect",
        "consider",
        "contemplate",
        "weigh",
        "mull",
    ]
)
# Words for a subject's readiness or schedule, which make what it is ready or due to do an
# intention: "Iran is ready to talk", "the UK is committed to continuing to provide ...".
INTENT_ADJECTIVES = frozenset(
    ["ready", "eager", "willing", "keen", "determined", "committed", "poised", "anxious", "resolved", "due"]
)
INTENT_NOUNS = set(
    ["goal", "aim", "objective", "intention", "plan", "effort", "bid", "attempt", "hope", "desire"]
)
# Prepositions that introduce the other party of a verb or noun event.
OBJECT_PREPS = {"with", "to", "against", "on", "towards", "toward", "into", "at", "for", "upon"}
NOUN_OBJECT_PREPS = OBJECT_PREPS | {"of", "between", "among", "from"}
