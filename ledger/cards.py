"""Contact cards (民情联系卡, 干群连心卡; SPEC §11): which cadre a household or a village calls.

One card per paired household of each active `cadre-household` pairing that names a cadre,
and one card per village and cadre for the village's other active pairings that name one.
A card carries the cadre's name, post, unit and work phone, the village, the household (None
on a village card) and the ledger's duty days. Nothing on it comes from a resident but the
household's label, and that is scrubbed of phone and ID-card numbers as the notice board's
texts are (`ledger.notice.scrub`): no resident's phone number appears.

Cards for a cadre no longer on the roster on the day (`until` passed, or `since` to come) are
left out: a card must not send a resident to someone who has left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.notice import scrub

if TYPE_CHECKING:
    from ledger.badfiles import Rows

HOUSEHOLD_KIND = "cadre-household"
CARD_KEYS = ("cadre", "name", "post", "unit", "phone", "village", "household", "duty_days")


def active(record: Any, day: date) -> bool:
    """In force on `day`: `since` on or before it (or none), `until` on or after it (or none)."""
    since, until = getattr(record, "since", None), getattr(record, "until", None)
    return (since is None or since <= day) and (until is None or day <= until)


def contact_cards(
    pairings: Iterable[Any],
    cadres: Mapping[str, Any],
    on: date,
    duty_days: Sequence[str],
    *,
    village: str | None = None,
    cadre: str | None = None,
) -> list[dict[str, Any]]:
    """The cards as of `on`, by village, cadre (in id order), then household (the village's
    own card first). `pairings` are pairing records (`kind`, `cadre`, `village`, `households`,
    `since`, `until`), `cadres` the roster by id; `village`/`cadre` keep only theirs."""
    found: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for pairing in pairings:
        cadre_id = getattr(pairing, "cadre", None)
        if not cadre_id or not active(pairing, on):
            continue
        if (village is not None and pairing.village != village) or (cadre is not None and cadre_id != cadre):
            continue
        person = cadres.get(cadre_id)
        if person is None or not active(person, on):
            continue
        kind = str(getattr(pairing.kind, "value", pairing.kind))
        households = [scrub(h).strip() for h in pairing.households] if kind == HOUSEHOLD_KIND else [None]
        for household in households:
            if household == "":
                continue
            key = (pairing.village, cadre_id, household)
            found.setdefault(
                key,
                {
                    "cadre": cadre_id,
                    "name": person.name,
                    "post": person.post,
                    "unit": person.unit,
                    "phone": person.phone,
                    "village": pairing.village,
                    "household": household,
                    "duty_days": list(duty_days),
                },
            )
    from ledger.kinds import KINDS, id_order

    order = sorted(found, key=lambda k: (k[0], id_order(KINDS["cadre"], k[1]), k[2] is not None, k[2] or ""))
    return [found[k] for k in order]


def cards_of(
    ledger: Any, on: date, *, village: str | None = None, cadre: str | None = None, skip_bad: bool = False
) -> Rows[dict[str, Any]]:
    """`caseledger cards`: the ledger's contact cards as of `on`, for one village (a code or its
    name) and/or one cadre (a CADRE argument) when given. Unknown ones are refused; bad
    pairing and cadre files too, naming them, or with `skip_bad` left out (`.skipped`)."""
    from ledger.badfiles import Rows
    from ledger.places import list_pairings
    from ledger.roster import load_cadres, resolve_cadre

    code = ledger.village(village).code if village is not None else None
    cadre_id = resolve_cadre(ledger, cadre).id if cadre is not None else None
    cadres = load_cadres(ledger, skip_bad=skip_bad)
    roster = {c.id: c for c in cadres}
    pairings = list_pairings(ledger, village=code, active_on=on, skip_bad=skip_bad)
    duty_days = [str(getattr(day, "value", day)) for day in ledger.settings.duty_days]
    found = contact_cards(pairings, roster, on, duty_days, village=code, cadre=cadre_id)
    return Rows(found, [*cadres.skipped, *pairings.skipped])
