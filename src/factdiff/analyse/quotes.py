"""Quotes and attributions (being written)."""
from factdiff.model import Article, Attribution, Person, Quote
def find_quotes(article: Article, sentences: list[tuple[int, int]], people: list[Person]) -> list[Quote]:
    return []
def find_attributions(article: Article, sentences: list[tuple[int, int]], people: list[Person]) -> list[Attribution]:
    return []
