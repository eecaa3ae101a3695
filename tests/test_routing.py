"""The pure rules of an issue's life (ledger.routing), tested directly."""

from __future__ import annotations

from datetime import date

import pytest

from ledger import routing
from ledger.enums import Action, Disposition, Level, Status
from ledger.errors import Refused
from ledger.settings import Deadlines


@pytest.mark.parametrize(
    ("level", "expected"),
    [(Level.village, Level.township), (Level.township, Level.county), (Level.county, None)],
)
def test_next_level(level, expected) -> None:
    assert routing.next_level(level) == expected


def test_escalation_goes_one_level_up_by_default() -> None:
    assert routing.escalation_target(Level.village, None, "1") is Level.township
    assert routing.escalation_target("township", None, "1") is Level.county


def test_escalation_may_skip_to_county() -> None:
    assert routing.escalation_target(Level.village, Level.county, "1") is Level.county


@pytest.mark.parametrize(("current", "to"), [("township", Level.township), ("township", Level.village)])
def test_escalation_to_a_level_not_higher_is_refused(current, to) -> None:
    with pytest.raises(Refused) as info:
        routing.escalation_target(current, to, "7")
    assert info.value.key == "error.escalate_not_higher"


def test_escalation_past_county_is_refused() -> None:
    with pytest.raises(Refused) as info:
        routing.escalation_target(Level.county, None, "7")
    assert info.value.key == "error.escalate_county"
    assert "7" in str(info.value)


def test_deadline_uses_each_levels_days() -> None:
    days = Deadlines(village=3, township=10, county=40)
    start = date(2026, 2, 25)
    assert routing.deadline_for(Level.village, start, days) == date(2026, 2, 28)
    assert routing.deadline_for("township", start, days) == date(2026, 3, 7)
    assert routing.deadline_for(Level.county, start, days) == date(2026, 4, 6)


def test_extend_only_moves_later() -> None:
    routing.check_extension(date(2026, 3, 1), date(2026, 3, 2))
    for new in (date(2026, 3, 1), date(2026, 2, 28)):
        with pytest.raises(Refused) as info:
            routing.check_extension(date(2026, 3, 1), new)
        assert info.value.key == "error.extend_not_later"


def test_deadline_before_the_event_is_refused() -> None:
    routing.check_deadline(date(2026, 3, 1), date(2026, 3, 1))
    with pytest.raises(Refused):
        routing.check_deadline(date(2026, 2, 28), date(2026, 3, 1))


@pytest.mark.parametrize(
    "action", [Action.escalated, Action.assigned, Action.extended, Action.noted, Action.closed]
)
def test_open_issue_allows_work_and_closed_refuses_it(action) -> None:
    routing.check_action(Status.open, action, "1")
    with pytest.raises(Refused) as info:
        routing.check_action(Status.closed, action, "1")
    assert info.value.key == "error.issue_closed"


def test_reopen_and_followup_only_on_closed() -> None:
    routing.check_action("closed", Action.reopened, "1")
    routing.check_action("closed", Action.followed_up, "1")
    with pytest.raises(Refused) as info:
        routing.check_action("open", Action.reopened, "1")
    assert info.value.key == "error.reopen_open"
    with pytest.raises(Refused) as info:
        routing.check_action("open", Action.followed_up, "1")
    assert info.value.key == "error.followup_open"


def test_duplicate_rules() -> None:
    routing.check_duplicate(Disposition.duplicate, "3", "5")
    routing.check_duplicate(Disposition.resolved, None, "5")
    cases = [
        (Disposition.duplicate, None, "error.duplicate_needs_of"),
        (Disposition.duplicate, "5", "error.duplicate_of_self"),
        (Disposition.resolved, "3", "error.of_needs_duplicate"),
    ]
    for disposition, of, key in cases:
        with pytest.raises(Refused) as info:
            routing.check_duplicate(disposition, of, "5")
        assert info.value.key == key
