"""`issue` actions: escalate, assign, extend, note, close, supervise, reopen, follow up. Each
parses options, calls one `ledger.lifecycle` function and says where the issue now stands.

Apart from `commands/issue.py` (open, show, log, list) so that a run of `issue show` does not
import these (start-up, SPEC §7); `cli.COMMANDS` names both modules for the `issue` group."""

# No `from __future__ import annotations` here: Typer reads every command's annotations when it
# builds the command tree, on each run; as strings it evaluates them twice per command (~20 ms).

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.issue import DateOption, Number, issues_app, label_of
from caseledger.commands.options import optional_day
from ledger.i18n import t


def _done(ctx: typer.Context, issue: Any) -> None:
    """After an action: the issue's number, status, level and deadline on one line."""
    from ledger.enums import Level, Status

    lang = state(ctx).lang
    typer.echo(
        f"{issue.number}: {label_of(issue.status, lang, Status)}, {label_of(issue.level, lang, Level)}, "
        f"{t('word.deadline', lang)} {issue.deadline.isoformat()}"
    )


@issues_app.command("escalate", help=h("help.issue.escalate"))
def issue_escalate(
    ctx: typer.Context,
    number: Number,
    reason: Annotated[str, typer.Option("--reason", help=h("help.issue.reason"))],
    to: Annotated[str | None, typer.Option("--to", help=h("help.issue.to"))] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=h("help.issue.owner"))] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help=h("help.issue.deadline"))] = None,
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import escalate

    st = state(ctx)
    due = optional_day(deadline, "--deadline")
    issue = escalate(
        st.ledger(), number, reason=reason, to=to, owner=owner, deadline=due, date=day,
        actor=st.actor, commit=st.commit,
    )  # fmt: skip
    _done(ctx, issue)


@issues_app.command("assign", help=h("help.issue.assign"))
def issue_assign(
    ctx: typer.Context,
    number: Number,
    owner: Annotated[str, typer.Option("--owner", help=h("help.issue.owner"))],
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import assign

    st = state(ctx)
    _done(ctx, assign(st.ledger(), number, owner=owner, date=day, actor=st.actor, commit=st.commit))


@issues_app.command("extend", help=h("help.issue.extend"))
def issue_extend(
    ctx: typer.Context,
    number: Number,
    deadline: Annotated[str, typer.Option("--deadline", help=h("help.issue.new_deadline"))],
    reason: Annotated[str, typer.Option("--reason", help=h("help.issue.reason"))],
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import extend

    st = state(ctx)
    due = optional_day(deadline, "--deadline")
    assert due is not None
    issue = extend(
        st.ledger(), number, deadline=due, reason=reason, date=day, actor=st.actor, commit=st.commit
    )
    _done(ctx, issue)


@issues_app.command("note", help=h("help.issue.note"))
def issue_note(
    ctx: typer.Context,
    number: Number,
    text: Annotated[str, typer.Argument(metavar="TEXT", help=h("help.issue.text"))],
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import note

    st = state(ctx)
    _done(ctx, note(st.ledger(), number, text, date=day, actor=st.actor, commit=st.commit))


@issues_app.command("close", help=h("help.issue.close"))
def issue_close(
    ctx: typer.Context,
    number: Number,
    disposition: Annotated[str, typer.Option("--disposition", help=h("help.issue.disposition"))],
    note_text: Annotated[str, typer.Option("--note", help=h("help.issue.close_note"))],
    of: Annotated[str | None, typer.Option("--of", help=h("help.issue.of"))] = None,
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import close

    st = state(ctx)
    issue = close(
        st.ledger(), number, disposition=disposition, note=note_text, of=of, date=day,
        actor=st.actor, commit=st.commit,
    )  # fmt: skip
    _done(ctx, issue)


@issues_app.command("supervise", help=h("help.issue.supervise"))
def issue_supervise(
    ctx: typer.Context,
    number: Number,
    lead: Annotated[str, typer.Option("--lead", metavar="CADRE", help=h("help.issue.lead"))],
    reason: Annotated[str, typer.Option("--reason", help=h("help.issue.supervise_reason"))],
    deadline: Annotated[
        str | None, typer.Option("--deadline", help=h("help.issue.supervise_deadline"))
    ] = None,
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import supervise

    st = state(ctx)
    due = optional_day(deadline, "--deadline")
    issue = supervise(
        st.ledger(),
        number,
        lead=lead,
        reason=reason,
        deadline=due,
        date=day,
        actor=st.actor,
        commit=st.commit,
    )
    _done(ctx, issue)


@issues_app.command("reopen", help=h("help.issue.reopen"))
def issue_reopen(
    ctx: typer.Context,
    number: Number,
    reason: Annotated[str, typer.Option("--reason", help=h("help.issue.reason"))],
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import reopen

    st = state(ctx)
    _done(ctx, reopen(st.ledger(), number, reason=reason, date=day, actor=st.actor, commit=st.commit))


@issues_app.command("followup", help=h("help.issue.followup"))
def issue_followup(
    ctx: typer.Context,
    number: Number,
    satisfaction: Annotated[str, typer.Option("--satisfaction", help=h("help.issue.satisfaction"))],
    note_text: Annotated[str | None, typer.Option("--note", help=h("help.issue.followup_note"))] = None,
    day: DateOption = None,
) -> None:
    from ledger.lifecycle import followup

    st = state(ctx)
    issue = followup(
        st.ledger(), number, satisfaction=satisfaction, note=note_text, date=day,
        actor=st.actor, commit=st.commit,
    )  # fmt: skip
    _done(ctx, issue)
