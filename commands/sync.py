"""`caseledger sync` and `caseledger status` (SPEC §12): sharing through git, said for a clerk."""

# No `from __future__ import annotations`: Typer reads annotations on each run (commands/issue.py).

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption
from caseledger.commands.output import Format, emit_record, print_json, to_file
from ledger.i18n import t


def register(app: typer.Typer) -> None:
    app.command("sync", help=h("help.sync"))(sync)
    app.command("status", help=h("help.status"))(status)


def sync(
    ctx: typer.Context,
    remote: Annotated[
        str | None, typer.Option("--remote", metavar="NAME", help=h("help.sync.remote"))
    ] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    from ledger.sync import sync as share

    st = state(ctx)
    report = share(st.ledger(), remote, actor=st.actor, commit=st.commit)
    with to_file(output):
        if fmt is Format.json:  # for scripts: came_in, went_out, rounds, … (README)
            print_json(report.to_json())
        else:
            _print(_sync_lines(report, st.lang))


def _sync_lines(report: Any, lang: str) -> list[str]:
    say = [t("msg.sync.done", lang, remote=report.remote, where=_where(report.place, report.url, lang))]
    if report.committed:
        say.append(t("msg.sync.committed", lang, count=len(report.committed)))
    if report.came_in:
        say.append(t("msg.sync.came_in", lang))
        for kind, groups in report.came_in.items():
            for how in ("new", "changed", "removed"):
                keys = groups.get(how, [])
                if keys:
                    shown = ", ".join(keys[:20]) + (" …" if len(keys) > 20 else "")
                    word = t(f"word.kind.{kind}", lang)
                    say.append(t(f"msg.sync.in_{how}", lang, kind=word, count=len(keys), keys=shown))
    else:
        say.append(t("msg.sync.nothing_came", lang))
    if report.went_out:
        say.append(t("msg.sync.went_out", lang, remote=report.remote, count=len(report.went_out)))
        say += [t("msg.sync.subject", lang, subject=s) for s in report.went_out]
    else:
        say.append(t("msg.sync.nothing_out", lang))
    if report.first_push:
        say.append(t("msg.sync.first_push", lang, branch=report.branch))
    if report.remote_head_missing:
        path = report.place["path"] or report.url
        say.append(t("msg.sync.remote_head_missing", lang, branch=report.branch, path=path))
    if report.rounds > 1:
        say.append(t("msg.sync.rounds", lang, rounds=report.rounds))
    return say


def status(ctx: typer.Context, fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    from ledger.sync import status as standing

    st = state(ctx)
    lang = st.lang
    found = standing(st.ledger())
    if fmt in (Format.csv, Format.tsv, Format.xlsx):
        pairs = [(f"col.status.{key}", _cell(value)) for key, value in found.items()]
        emit_record(fmt, pairs, lang, json_data=found, output=output)
        return
    with to_file(output):
        if fmt is Format.json:
            print_json(found)
            return
        _print(_status_lines(found, lang))


def _status_lines(found: dict[str, Any], lang: str) -> list[str]:
    say = []
    if found["office"]:
        say.append(t("msg.status.office", lang, office=found["office"]))
    else:
        say.append(t("msg.status.no_office", lang))
    if found["remote"] is None:
        say.append(t("msg.status.no_remote", lang))
    else:
        place = {"kind": found["remote_kind"], "host": found["remote_host"], "path": found["remote_path"]}
        say.append(
            t("msg.status.remote", lang, remote=found["remote"], where=_where(place, found["url"], lang))
        )
        if found["fetched"] is not None and not found["remote_branch_exists"]:
            say.append(t("msg.status.no_remote_branch", lang, branch=found["branch"]))
    say.append(t("msg.status.to_push", lang, count=found["to_push"]))
    if found["remote"] is not None:
        if found["fetched"] is None:
            say.append(t("msg.status.never_fetched", lang))
        else:
            say.append(t("msg.status.to_pull", lang, count=found["to_pull"], fetched=found["fetched"]))
    changed = found["uncommitted"]
    if changed:
        say.append(t("msg.status.uncommitted", lang, count=len(changed)))
        say += [t("msg.sync.file", lang, file=f) for f in changed]
    else:
        say.append(t("msg.status.clean", lang))
    return say


def _where(place: dict[str, Any], url: str, lang: str) -> str:
    return t(f"msg.remote.{place['kind']}", lang, path=place["path"], host=place["host"], url=url)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(value)
    return "" if value is None else value


def _print(lines: list[str]) -> None:
    from ledger.safetext import neutral

    for line in lines:
        typer.echo(neutral(line))
