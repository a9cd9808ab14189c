"""Quantities (being written)."""
from factdiff.model import Article, Quantity
def find_quantities(article: Article, sentences: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Quantity]:
    return []
