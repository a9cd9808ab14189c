"""factdiff: checks news the way a careful editor would, at machine scale."""

from factdiff.analyse import analyse
from factdiff.errors import FactdiffError, InputError, Skipped, StoreError
from factdiff.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    DateClaim,
    Duration,
    Finding,
    Person,
    Post,
    Quantity,
    Quote,
)

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Attribution",
    "Claim",
    "DateClaim",
    "Duration",
    "FactdiffError",
    "Finding",
    "InputError",
    "Person",
    "Post",
    "Quantity",
    "Quote",
    "Skipped",
    "StoreError",
    "__version__",
    "analyse",
]
