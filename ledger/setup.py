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
    folder: Path,
    name: str,
    *,
    office: str | None = None,
    git: bool = False,
    actor: str = "",
    autocommit: bool = False,
    lang: str | None = None,
    timezone: str | None = None,
) -> Ledger:
    """Create `ledger.yaml`, the record folders, and optionally a git repository on `main`.

    `autocommit` and `lang` are written into `ledger.yaml` (so a clerk never edits it by
    hand); `autocommit` needs a repository: `git`, or a folder already inside one.
    `timezone` (every event's offset, SPEC §3) defaults to this machine's offset now."""
    from pydantic import ValidationError

    from ledger.dates import now, offset_text
    from ledger.settings import LocalSettings, Settings

    folder = folder.expanduser().resolve()
    if (folder / SETTINGS_FILE).exists():
        raise Refused("error.ledger_exists", path=str(folder))
    try:
        settings = Settings(
            name=name, autocommit=autocommit, lang=lang, timezone=timezone or offset_text(now())
        )
        local = LocalSettings(office=office) if office else None
    except ValidationError as exc:
        from ledger.validation import describe

        raise Invalid("error.field_value", **describe(exc.errors()[0])) from None
    if git or autocommit:
        gitops.require_git()  # "git is not installed" before anything is made
    if autocommit and not git and gitops.git_dir(_existing(folder)) is None:
        raise Refused("error.autocommit_without_git", path=str(folder))
    made = _Made(folder)
    try:
        made.folder()
        for sub in (*KIND_DIRS.values(), ISSUES_DIR):
            made.folder(sub)
            keep = folder / sub / ".gitkeep"
            if not keep.exists():
                made.file(f"{sub}/.gitkeep")
                keep.write_text("", encoding="utf-8")
        made.folder(DERIVED_DIR)
        data = settings.to_yaml()
        data["lang"] = settings.lang
        if local is not None:
            made.file(LOCAL_FILE)
            atomic_write(folder / LOCAL_FILE, dump(local.to_yaml()))
        if git:
            made.file(".gitignore")
            made.folder(".git")
            gitops.init_repo(folder)
        made.file(SETTINGS_FILE)
        atomic_write(folder / SETTINGS_FILE, SETTINGS_HEADER + dump(data))
        if git:
            paths = [folder / SETTINGS_FILE, folder / ".gitignore"]
            paths += [folder / sub / ".gitkeep" for sub in (*KIND_DIRS.values(), ISSUES_DIR)]
            from ledger.i18n import t

            message = t("commit.init", settings.lang or "en", name=name)
            gitops.commit(folder, paths, message, actor or gitops.default_actor(folder))
    except BaseException:
        made.undo()
        raise
    return Ledger(folder)


def _existing(folder: Path) -> Path:
    """`folder`, or its nearest parent that exists (init may make the folder)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


class _Made:
    """What `init` made, so that a failure removes exactly that: a retry then starts clean,
    and nothing that was in the folder before is touched."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: list[Path] = []
        self.files: list[tuple[Path, bytes | None]] = []

    def folder(self, sub: str = "") -> None:
        path = self.root / sub if sub else self.root
        if not path.exists():
            if not sub:
                # The topmost folder that did not exist: all of it is ours.
                top = path
                while not top.parent.exists():
                    top = top.parent
                self.folders.append(top)
                path.mkdir(parents=True)
                return
            self.folders.append(path)
            if sub != ".git":  # git makes its own
                path.mkdir()

    def file(self, name: str) -> None:
        path = self.root / name
        self.files.append((path, path.read_bytes() if path.exists() else None))

    def undo(self) -> None:
        import shutil

        for path, old in reversed(self.files):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        for path in reversed(self.folders):
            shutil.rmtree(path, ignore_errors=True)


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
