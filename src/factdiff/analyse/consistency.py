"""Internal consistency findings (being written)."""
from factdiff.model import Analysis, Finding
def find_inconsistencies(analysis: Analysis) -> list[Finding]:
    return []
