"""diplograph: a Python client for the diplograph knowledge-graph service.

    import diplograph
    c = diplograph.Client("http://localhost:8080")
    c.cross_track("track/ukraine-peace-talks", "track/gaza-board-of-peace").to_df()

See docs/notebooks.md in the repository.
"""

from .client import Client
from .errors import (
    BadUserInput,
    Conflict,
    DiplographError,
    Forbidden,
    Internal,
    NotFound,
    Overloaded,
    RateLimited,
    ReloadRequired,
    SlowConsumer,
    Unauthenticated,
    Unavailable,
)
from .live import ChangeEvent, Subscription
from .results import CrossTrack, EntityTable, Facts, Path, Paths, SearchHits, Subgraph, Timeline
from .timeargs import TimeArgs

__all__ = [
    "BadUserInput",
    "ChangeEvent",
    "Client",
    "Conflict",
    "CrossTrack",
    "DiplographError",
    "EntityTable",
    "Facts",
    "Forbidden",
    "Internal",
    "NotFound",
    "Overloaded",
    "Path",
    "Paths",
    "RateLimited",
    "ReloadRequired",
    "SearchHits",
    "SlowConsumer",
    "Subgraph",
    "Subscription",
    "TimeArgs",
    "Timeline",
    "Unauthenticated",
    "Unavailable",
]
