"""Parsing: the spaCy model, with the tokenizer and sentence fixes news text needs."""

from actorgraph.nlp.parse import MODEL, load_nlp

__all__ = ["MODEL", "load_nlp"]
