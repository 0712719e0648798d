"""qa: answers questions about a folder of articles, and proves every answer with verified quotes."""

from qa import offline

offline.apply()

from qa.api import ask, ask_stream, index, status  # noqa: E402
from qa.models import Answer, Citation, Passage  # noqa: E402
from qa.settings import Settings, get_settings  # noqa: E402

__all__ = ["Answer", "Citation", "Passage", "Settings", "ask", "ask_stream", "get_settings", "index", "status"]
