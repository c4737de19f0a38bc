"""Analyses over stored claims: ties per counterpart, and (later) history and contradictions."""

from actorgraph.analysis.ties import counterpart_of, direction_of, group_ties, summarize

__all__ = ["counterpart_of", "direction_of", "group_ties", "summarize"]
