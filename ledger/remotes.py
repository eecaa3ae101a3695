"""Where a git remote is, said for a clerk: a folder, a server over ssh, a web address (pure).

git accepts `/srv/county.git`, `../county.git`, `file:///srv/county.git`, `ssh://user@host:22/x.git`,
the scp-like `user@host:x.git`, and `https://host/x.git`; `status` and `sync` show which kind
it is and the host, never the raw URL alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# scp-like `[user@]host:path`: no scheme, a colon before any slash (git's own rule); a
# one-letter "host" is a Windows drive (C:\ledger), which git reads as a path.
_SCP_RE = re.compile(r"^(?:(?P<user>[^@/:]+)@)?(?P<host>[^@/:\[\]]{2,}|\[[^\]]+\]):(?P<path>.*)$")


_SCHEMES = {"ssh": "ssh", "git+ssh": "ssh", "ssh+git": "ssh", "http": "web", "https": "web"}


@dataclass(frozen=True)
class Remote:
    kind: str  # "folder" | "ssh" | "web" | "other"
    host: str  # "" for a folder
    path: str
    user: str = ""
    port: int | None = None


def describe(url: str) -> Remote:
    """What `url` points at. Nothing is contacted."""
    text = url.strip()
    if "://" in text:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme == "file":
            return Remote("folder", "", parts.path)
        kind = _SCHEMES.get(scheme, "other")
        try:
            port = parts.port
        except ValueError:
            port = None
        return Remote(kind, parts.hostname or "", parts.path, parts.username or "", port)
    slash = text.find("/")
    colon = text.find(":")
    if colon > 0 and (slash < 0 or colon < slash):
        match = _SCP_RE.match(text)
        if match:
            host = match.group("host").strip("[]")
            return Remote("ssh", host, match.group("path"), match.group("user") or "")
    return Remote("folder", "", text)
