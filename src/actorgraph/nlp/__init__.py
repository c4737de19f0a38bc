"""Parsing: the spaCy model, with the tokenizer and sentence fixes news text needs."""

from actorgraph.nlp.parse import MODEL, dating, load_nlp, prep_objects, sentence_of, text_of

__all__ = ["MODEL", "dating", "load_nlp", "prep_objects", "sentence_of", "text_of"]
