"""The actor registry: the packaged artifact, the TOML loader and the builder."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from actorgraph.contract import ACTOR_KINDS
from actorgraph.registry import ARTIFACT, Registry, normalize_alias
from actorgraph.registry import build as registry_build


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.default()


def first(reg: Registry, surface: str) -> str | None:
    hits = reg.lookup(surface)
    return hits[0].actor if hits else None


def test_normalize_alias() -> None:
    assert normalize_alias("U.S.") == "us"
    assert normalize_alias("The  Islamic\u2011State") == "islamic state"
    assert normalize_alias("ISIL/KP") == "isil kp"
    assert normalize_alias("Asharq\u2019s_Al-Awsat") == "asharq's al awsat"
    assert normalize_alias("Élysée") == "elysee"


def test_loads_fast_and_cached() -> None:
    start = time.perf_counter()
    Registry.load(ARTIFACT)
    # ~0.5 s on an idle 2-core machine; 1.2 s was seen with two other jobs on its cores. The
    # bound only catches a pathological load (an index rebuilt on every start), not speed.
    assert time.perf_counter() - start < 3.0
    assert Registry.default() is Registry.default()


@pytest.mark.parametrize(
    ("surface", "actor", "sector"),
    [
        ("Iran", "iran", None),
        ("Tehran", "iran", "GOV"),
        ("the Iranian government", "iran", "GOV"),
        ("U.S.", "united-states", None),
        ("US", "united-states", None),
        ("United States", "united-states", None),
        ("Pentagon", "united-states", "MIL"),
        ("the Pentagon", "united-states", "MIL"),
        ("the Kremlin", "russia", "GOV"),
        ("Afghan government", "afghanistan", "GOV"),
        ("Kabul", "afghanistan", "GOV"),
        ("Afghan Taliban", "taliban", None),
        ("al-Qaeda", "al-qaeda", None),
        ("al Qaeda", "al-qaeda", None),
    ],
)
def test_lookup(reg: Registry, surface: str, actor: str, sector: str | None) -> None:
    hit = reg.lookup(surface)[0]
    assert (hit.actor, hit.sector) == (actor, sector)


def test_case_rules(reg: Registry) -> None:
    assert reg.lookup("us") == [] and reg.lookup("Us") == []
    assert reg.lookup("is") == [] and first(reg, "IS") == "isis"
    assert first(reg, "WHO") == "who" and reg.lookup("who") == []
    assert reg.lookup("turkey") == [] and first(reg, "Turkey") == "turkey"
    assert first(reg, "islamic state") == "isis"  # lowercase multiword aliases still match


def test_demonyms(reg: Registry) -> None:
    hit = reg.lookup("Iranian")[0]
    assert hit.actor == "iran" and hit.demonym
    assert reg.lookup("Afghan")[0].demonym


@pytest.mark.parametrize("surface", ["IS-K", "ISIL-KP", "ISKP", "Khorasan Province", "ISIS-K"])
def test_isis_k(reg: Registry, surface: str) -> None:
    assert first(reg, surface) == "isis-k"
    record = reg.actor("isis-k")
    assert record is not None and record.parent == "isis" and record.kind == "armed_group"


def test_kinds_and_records(reg: Registry) -> None:
    assert reg.actor(first(reg, "Asharq Al-Awsat") or "").kind == "media"
    assert reg.actor(first(reg, "Reuters") or "").kind == "media"
    assert reg.actor(first(reg, "Institute for the Study of War") or "").kind == "organization"
    iran = reg.actor("iran")
    assert iran and iran.kind == "state" and iran.country == "IRN" and iran.wikidata == "Q794"
    assert "curated" in iran.sources and any(s.startswith("petrarch2:") for s in iran.sources)
    mujahid = reg.actor("zabihullah-mujahid")
    assert mujahid and mujahid.roles[0]["relation"] == "REPRESENTS" and mujahid.roles[0]["of"] == "taliban"
    assert reg.actor("no-such-actor") is None
    assert reg.max_alias_tokens >= 5


def test_artifact_integrity() -> None:
    with gzip.open(ARTIFACT, "rb") as fh:
        doc = json.loads(fh.read())
    ids = [a["id"] for a in doc["actors"]]
    assert len(ids) == len(set(ids))
    assert {a["kind"] for a in doc["actors"]} <= set(ACTOR_KINDS)
    assert all(a["sources"] for a in doc["actors"])
    known = set(ids)
    assert all(a["parent"] in known for a in doc["actors"] if a["parent"])
    assert all(h[0] in known for hits in doc["index"].values() for h in hits)
    assert doc["header"]["license"].startswith("Converted from the PETRARCH2")
    assert ARTIFACT.stat().st_size < 5_000_000


def test_agents(reg: Registry) -> None:
    assert reg.agent("spokesman")
    assert reg.agent("officials") == "GOV"
    assert reg.agent("Rebels") == "REB"
    assert reg.agent("soldiers") == "MIL"
    assert reg.agent("xyzzy") is None


CURATED = """
[[actor]]
id = "iran"
name = "Iran"
kind = "state"
country = "IRN"
wikidata = "Q794"
demonyms = ["Iranian"]
sectors = {"Tehran" = "GOV"}
exclude = ["Persepolis"]

[[actor]]
id = "taliban"
name = "Taliban"
kind = "armed_group"
aliases = ["Afghan Taliban"]

[agents]
official = "GOV"
"""


def test_toml_registry_and_user_extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "actors.toml"
    path.write_text(CURATED)
    reg = Registry.load(path)
    assert len(reg) == 2
    assert reg.lookup("Tehran")[0].sector == "GOV"
    assert reg.lookup("Iranian")[0].demonym
    assert first(reg, "Afghan Taliban") == "taliban"

    user = tmp_path / "mine.toml"
    user.write_text(
        '[[actor]]\nid = "acme-militia"\nname = "Acme Militia"\nkind = "armed_group"\naliases = ["AMF"]\n'
    )
    monkeypatch.setenv("ACTORGRAPH_REGISTRY", str(user))
    extended = Registry.default()
    assert first(extended, "AMF") == "acme-militia"
    assert first(extended, "Iran") == "iran"


COUNTRIES = """# header comment
IRAN_  [IRN]
+IRANIAN
+TEHRAN_
+PERSEPOLIS_

ISLAMIC_CONSULTATIVE_ASSEMBLY
+MAJLIS
\t[IRNLEG]
MAHMOUD_AHMADINEJAD_  # CountryInfo.txt
+AHMADINEJAD_
\t[IRNELI 560101-050803]
\t[IRNGOV 050803-130803]
"""
INTERNATIONAL = """THE_UNITED_NATIONS_ [IGOUNO]
UN_ [IGOUNO]
ACME_OIL_CORPORATION_\t[MNC]# NGO_Actors
"""
MILNONSTATE = """TALIBAN_ [AFGREB] #  kkl 21 Mar 13
+TALEBAN_
+AFGHAN_TALIBAN
"""
AGENTS = """!PERSON! = MAN, MEN
SPOKES!PERSON!  [~MED]
POLICE {} [~COP]
REBEL [~REB]
"""


def fake_dictionaries(root: Path) -> Path:
    folder = root / "petrarch2"
    folder.mkdir()
    for name, text in [
        (registry_build.COUNTRIES, COUNTRIES),
        (registry_build.INTERNATIONAL, INTERNATIONAL),
        (registry_build.MILNONSTATE, MILNONSTATE),
        (registry_build.AGENTS, AGENTS),
        ("LICENSE", "The MIT License (MIT)\n"),
    ]:
        (folder / name).write_text(text)
    return folder


def test_builder_on_fake_dictionaries(tmp_path: Path) -> None:
    curated = tmp_path / "actors.toml"
    curated.write_text(CURATED)
    out = tmp_path / "registry.json.gz"
    assert (
        registry_build.main(
            ["--dictionaries", str(fake_dictionaries(tmp_path)), "--curated", str(curated), "--out", str(out)]
        )
        == 0
    )
    with gzip.open(out, "rb") as fh:
        doc = json.loads(fh.read())
    actors = {a["id"]: a for a in doc["actors"]}
    assert sorted(actors) == [
        "acme-oil-corporation",
        "iran",
        "mahmoud-ahmadinejad",
        "taliban",
        "united-nations",
    ]
    iran = actors["iran"]
    assert iran["sources"] == [
        "petrarch2:Phoenix.Countries.actors.txt:2",
        "petrarch2:Phoenix.Countries.actors.txt:7",
        "curated",
    ]
    assert "Persepolis" not in iran["aliases"] and "Majlis" in iran["aliases"]
    assert doc["index"]["majlis"] == [["iran", "LEG", False, False, True]]
    assert doc["index"]["tehran"] == [["iran", "GOV", False, False, True]]
    assert doc["index"]["iranian"][0][2] is True
    person = actors["mahmoud-ahmadinejad"]
    assert person["kind"] == "person" and person["country"] == "IRN"
    assert person["roles"] == [
        {"relation": "LEADS", "of": "iran", "start": "2005-08-03", "end": "2013-08-03", "sector": "GOV"}
    ]
    assert actors["united-nations"]["kind"] == "igo" and "UN" in actors["united-nations"]["aliases"]
    assert actors["taliban"]["kind"] == "armed_group" and "Taleban" in actors["taliban"]["aliases"]
    assert actors["acme-oil-corporation"]["kind"] == "organization"
    assert (
        doc["agents"]
        == {"police": "COP", "rebel": "REB", "official": "GOV", "spokesman": "MED", "spokesmen": "MED"} | {}
    )
    assert [s["file"] for s in doc["header"]["sources"]][:2] == [
        "petrarch2/Phoenix.Countries.actors.txt",
        "petrarch2/Phoenix.International.actors.txt",
    ]
    reg = Registry.load(out)
    assert first(reg, "UN") == "united-nations" and reg.lookup("un") == []
    assert reg.agent("Spokesmen") == "MED"


def test_builder_reports_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        registry_build.main(["--dictionaries", str(tmp_path / "nope"), "--out", str(tmp_path / "x.json.gz")])
        == 2
    )
    assert str(tmp_path / "nope") in capsys.readouterr().err


@pytest.mark.skipif(
    not registry_build.DEFAULT_DICTIONARIES.is_dir(),
    reason=f"PETRARCH2 dictionaries not present at {registry_build.DEFAULT_DICTIONARIES}",
)
def test_real_build(tmp_path: Path) -> None:
    out = tmp_path / "registry.json.gz"
    assert registry_build.main(["--out", str(out)]) == 0
    reg = Registry.load(out)
    assert first(reg, "Tehran") == "iran" and first(reg, "ISKP") == "isis-k"
    assert len(reg) > 10_000


def test_plural_demonyms(reg: Registry) -> None:
    # the plural of a demonym names the people, with the demonym flag
    for surface, actor in (("Egyptians", "egypt"), ("North Koreans", "north-korea"), ("Turks", "turkey"),
                           ("Danes", "denmark"), ("Spaniards", "spain"), ("Swiss", "switzerland")):  # fmt: skip
        hits = reg.lookup(surface)
        assert hits and hits[0].actor == actor and hits[0].demonym, surface
    assert reg.lookup("egyptians") == []  # lower case: a common word
    assert reg.lookup("Stores") == [] and reg.lookup("Holdings") == []  # only demonyms take the plural


@pytest.mark.parametrize(
    "surface", ["Da'esh", "Da\u2019esh", "Daesh", "Islamic State in Iraq and the Levant"]
)
def test_isis_aliases(reg: Registry, surface: str) -> None:
    assert first(reg, surface) == "isis"


def test_government_roles_held_on_a_day() -> None:
    registry = Registry.default()
    assert [r["relation"] for r in registry.government_roles("boris-johnson", "2017-09-21")] == ["MEMBER"]
    assert [r["relation"] for r in registry.government_roles("boris-johnson", "2020-01-01")] == ["LEADS"]
    assert len(registry.government_roles("boris-johnson")) == 2
    assert registry.government_roles("no-such-actor") == []
