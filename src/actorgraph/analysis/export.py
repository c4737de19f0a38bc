"""Events out: CSV, PLOVER JSON, GraphML and GEXF (for Gephi) and Parquet (DuckDB, pandas).

Every format exports *events* (store.crossdoc), one per thing that happened however many
documents reported it, with its report, document and independent-source counts.

- CSV and Parquet: one row per event (`COLUMNS`).
- PLOVER JSON: a list of event records with the field names of PLOVER / POLECAT gold records
  (`id`, `date`, `event`, `source` and `target` as `[{"actorText", "code"}]`, `text`,
  `publication`, `language`, ...), plus POLECAT's `event_type` and `quad_code`, and
  actorgraph's counts under `actorgraph`. Actor codes are actorgraph's actor ids, not CAMEO codes.
- GraphML and GEXF: actors as nodes; one directed edge per (subject, object, relation) with
  `weight` = its number of events, its independent sources, reports, and its first and last
  dates (GEXF: a dynamic graph whose edges carry start and end, for Gephi's timeline).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import IO, Any
from xml.etree import ElementTree as ET

from actorgraph.store.rows import ActorRow, EventRow

FORMATS = ("csv", "plover-json", "graphml", "gexf", "parquet")
COLUMNS: tuple[str, ...] = (
    "event_id",
    "start",
    "end",
    "date_source",
    "relation",
    "family",
    "subject",
    "subject_name",
    "object",
    "object_name",
    "reports",
    "documents",
    "independent_documents",
    "sources",
    "denying",
    "evidence",
    "outlets",
    "doc_ids",
)
QUAD_CODES = {  # POLECAT's quad codes
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}


def _lead(event: EventRow):
    """The report that stands for the event: the first affirming claim, else the first claim."""
    affirmed = [c for c in event.claims if c.polarity == "affirmed"]
    return (affirmed or event.claims or [None])[0]


def event_record(event: EventRow) -> dict[str, Any]:
    """One event as a flat row (CSV, Parquet)."""
    lead = _lead(event)
    return {
        "event_id": event.id,
        "start": event.start,
        "end": event.end,
        "date_source": event.date_source,
        "relation": event.relation,
        "family": event.family,
        "subject": event.subject,
        "subject_name": event.subject_name,
        "object": event.object,
        "object_name": event.object_name,
        "reports": event.reports,
        "documents": event.documents,
        "independent_documents": event.independent_documents,
        "sources": event.sources,
        "denying": event.denying,
        "evidence": lead.evidence if lead else None,
        "outlets": "; ".join(dict.fromkeys(c.outlet for c in event.claims if c.outlet)),
        "doc_ids": "; ".join(dict.fromkeys(c.doc_id for c in event.claims)),
    }


def write_csv(events: Iterable[EventRow], out: IO[str]) -> int:
    """One CSV row per event; returns the number written."""
    import csv

    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for e in events:
        writer.writerow({k: "" if v is None else v for k, v in event_record(e).items()})
        n += 1
    return n


def plover_record(event: EventRow) -> dict[str, Any]:
    """One event with PLOVER's field names (see the module docstring)."""
    from actorgraph import __version__

    lead = _lead(event)
    target = [] if event.object is None else [{"actorText": event.object_name, "code": event.object}]
    return {
        "id": f"actorgraph-{event.id}",
        "date": event.start,
        "event": event.relation,
        "event_type": event.relation,
        "quad_code": QUAD_CODES.get(event.family),
        "mode": None,
        "context": None,
        "source": [{"actorText": event.subject_name, "code": event.subject}],
        "target": target,
        "eventText": lead.evidence if lead else None,
        "text": lead.evidence if lead else None,
        "publication": lead.outlet if lead else None,
        "url": lead.url if lead else None,
        "language": "en",
        "coder": "actorgraph",
        "version": __version__,
        "actorgraph": {
            "family": event.family,
            "end": event.end,
            "date_source": event.date_source,
            "reports": event.reports,
            "documents": event.documents,
            "independent_documents": event.independent_documents,
            "independent_sources": event.sources,
            "denying_sources": event.denying,
            "claims": [c.key for c in event.claims],
        },
    }


def write_plover_json(events: Iterable[EventRow], out: IO[str]) -> int:
    """A JSON list of PLOVER event records."""
    records = [plover_record(e) for e in events]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)


def _edges(events: Iterable[EventRow]) -> dict[tuple[str, str, str], dict[str, Any]]:
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in events:
        if e.object is None:
            continue
        edge = edges.setdefault(
            (e.subject, e.object, e.relation),
            {"weight": 0, "sources": 0, "reports": 0, "family": e.family, "start": None, "end": None},
        )
        edge["weight"] += 1
        edge["sources"] += e.sources
        edge["reports"] += e.reports
        for key, pick in (("start", min), ("end", max)):
            day = e.start if key == "start" else (e.end or e.start)
            if day:
                edge[key] = day if edge[key] is None else pick(edge[key], day)
    return edges


_EDGE_ATTRIBUTES = (
    ("relation", "string"),
    ("family", "string"),
    ("sources", "int"),
    ("reports", "int"),
    ("start", "string"),
    ("end", "string"),
)


def _xml(root: ET.Element, out: IO[bytes]) -> None:
    ET.indent(root)
    out.write(ET.tostring(root, encoding="utf-8", xml_declaration=True))
    out.write(b"\n")


def write_graphml(events: Iterable[EventRow], actors: dict[str, ActorRow], out: IO[bytes]) -> int:
    """GraphML: actors and weighted, dated edges; returns the number of edges."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    keys = [("label", "node", "string"), ("kind", "node", "string"), ("weight", "edge", "double")]
    keys += [(name, "edge", kind) for name, kind in _EDGE_ATTRIBUTES]
    for name, domain, kind in keys:
        ET.SubElement(root, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="actorgraph", edgedefault="directed")
    edges = _edges(events)
    for actor_id in sorted({end for key in edges for end in key[:2]}):
        node = ET.SubElement(graph, "node", id=actor_id)
        actor = actors.get(actor_id)
        ET.SubElement(node, "data", key="label").text = actor.name if actor else actor_id
        ET.SubElement(node, "data", key="kind").text = actor.kind if actor else ""
    for n, ((subject, obj, relation), edge) in enumerate(sorted(edges.items())):
        element = ET.SubElement(graph, "edge", id=f"e{n}", source=subject, target=obj)
        ET.SubElement(element, "data", key="weight").text = str(float(edge["weight"]))
        for name, _ in _EDGE_ATTRIBUTES:
            value = relation if name == "relation" else edge[name]
            if value is not None:
                ET.SubElement(element, "data", key=name).text = str(value)
    _xml(root, out)
    return len(edges)


def write_gexf(events: Iterable[EventRow], actors: dict[str, ActorRow], out: IO[bytes]) -> int:
    """GEXF 1.3, a dynamic graph: edges weighted, with start and end dates; returns the edge count."""
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    ET.SubElement(root, "meta").append(_text("creator", "actorgraph"))
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="dynamic", timeformat="date")
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node", "mode": "static"})
    ET.SubElement(node_attrs, "attribute", id="kind", title="kind", type="string")
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge", "mode": "static"})
    names = [(n, k) for n, k in _EDGE_ATTRIBUTES if n not in ("start", "end")]
    for name, kind in names:
        ET.SubElement(edge_attrs, "attribute", id=name, title=name, type="integer" if kind == "int" else kind)
    edges = _edges(events)
    nodes = ET.SubElement(graph, "nodes")
    for actor_id in sorted({end for key in edges for end in key[:2]}):
        actor = actors.get(actor_id)
        node = ET.SubElement(nodes, "node", id=actor_id, label=actor.name if actor else actor_id)
        values = ET.SubElement(node, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "kind", "value": actor.kind if actor else ""})
    edge_list = ET.SubElement(graph, "edges")
    for n, ((subject, obj, relation), edge) in enumerate(sorted(edges.items())):
        attrs = {
            "id": f"e{n}",
            "source": subject,
            "target": obj,
            "label": relation,
            "weight": str(float(edge["weight"])),
        }
        attrs.update({k: edge[k] for k in ("start", "end") if edge[k]})
        element = ET.SubElement(edge_list, "edge", attrs)
        values = ET.SubElement(element, "attvalues")
        for name, _ in names:
            value = relation if name == "relation" else edge[name]
            ET.SubElement(values, "attvalue", {"for": name, "value": str(value)})
    _xml(root, out)
    return len(edges)


def _text(tag: str, text: str) -> ET.Element:
    element = ET.Element(tag)
    element.text = text
    return element


def write_parquet(events: Iterable[EventRow], out: IO[bytes]) -> int:
    """A Parquet file of one row per event (pyarrow), typed: counts are int64, dates strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ints = {"event_id", "reports", "documents", "independent_documents", "sources", "denying"}
    schema = pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in COLUMNS])
    rows = [event_record(e) for e in events]
    table = pa.Table.from_pylist(rows, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    out.write(buffer.getvalue())
    return len(rows)
