"""Making a new ledger folder and setting this copy's office prefix."""

from __future__ import annotations

from pathlib import Path

from ledger import gitops
from ledger.errors import Invalid, Refused
from ledger.store import DERIVED_DIR, ISSUES_DIR, KIND_DIRS, LOCAL_FILE, SETTINGS_FILE, Ledger
from ledger.yamlio import atomic_write, dump

SETTINGS_HEADER = """\
# caseledger settings, shared by every office through git.
# deadlines: days allowed to close an issue at each level (办结时限).
"""


def init_ledger(
    folder: Path, name: str, *, office: str | None = None, git: bool = False, actor: str = ""
) -> Ledger:
    """Create `ledger.yaml`, the record folders, and optionally a git repository."""
    from pydantic import ValidationError

    from ledger.settings import LocalSettings, Settings

    folder = folder.expanduser().resolve()
    if (folder / SETTINGS_FILE).exists():
        raise Refused("error.ledger_exists", path=str(folder))
    try:
        settings = Settings(name=name)
        local = LocalSettings(office=office) if office else None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Invalid(
            "error.field_value",
            field=".".join(str(p) for p in first["loc"]),
            problem=first["msg"].removeprefix("Value error, "),
        ) from None
    folder.mkdir(parents=True, exist_ok=True)
    for sub in (*KIND_DIRS.values(), ISSUES_DIR):
        (folder / sub).mkdir(exist_ok=True)
        keep = folder / sub / ".gitkeep"
        if not keep.exists():
            keep.write_text("", encoding="utf-8")
    (folder / DERIVED_DIR).mkdir(exist_ok=True)
    data = settings.to_yaml()
    data["lang"] = settings.lang
    atomic_write(folder / SETTINGS_FILE, SETTINGS_HEADER + dump(data))
    if local is not None:
        atomic_write(folder / LOCAL_FILE, dump(local.to_yaml()))
    if git:
        gitops.init_repo(folder)
    ledger = Ledger(folder)
    if git:
        paths = [folder / SETTINGS_FILE, folder / ".gitignore"]
        paths += [folder / sub / ".gitkeep" for sub in (*KIND_DIRS.values(), ISSUES_DIR)]
        gitops.commit(folder, paths, f"init: {name}", actor or gitops.default_actor(folder))
    return ledger


def set_office(ledger: Ledger, code: str) -> str:
    """Store this copy's office prefix in ledger.local.yaml (never committed)."""
    from pydantic import ValidationError

    from ledger.settings import LocalSettings

    try:
        local = LocalSettings(office=code)
    except ValidationError:
        raise Invalid("error.bad_office", value=code) from None
    with ledger.lock():
        ledger.write_plain(ledger.root / LOCAL_FILE, local.to_yaml())
    ledger._local = local
    assert local.office is not None
    return local.office
