"""Aid (帮扶): funds, goods and work a pairing or its cadres delivered to a village or household.

`amount` is money in yuan, exact (`ledger.money`): read from the file's text as a decimal,
written as a plain number, printed in JSON as a two-decimal string.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, model_validator

from ledger import money
from ledger.enums import AidKind
from ledger.errors import FieldProblem
from ledger.record import (
    CadreId,
    Code,
    Record,
    ShortText,
    _stringify,
    as_date,
    enum_field,
    record_id,
)


def _amount(value: Any) -> Any:
    if value is None:
        return None
    try:
        return money.from_yaml(value)
    except money.AmountProblem as exc:
        from ledger.i18n import t

        raise ValueError(t(exc.key, "en", value=value)) from None


AidId = Annotated[str, record_id("aid", "A3 or QL-A3")]
PairingRef = Annotated[str, record_id("pairing", "P3 or QL-P3")]
IssueRef = Annotated[str, BeforeValidator(_stringify), record_id("issue", "42 or QL-42")]
Amount = Annotated[Decimal | None, BeforeValidator(_amount)]
Day = Annotated[date, BeforeValidator(as_date)]


class Aid(Record):
    """One delivery of aid: what, to which village (and household), by which pairing or cadres."""

    id: AidId = Field(description="A1, A2, … (with the office prefix: QL-A1).")
    date: Day = Field(description="The day it was delivered.")
    village: Code = Field(description="Code of the village that received it.")
    kind: enum_field(AidKind) = Field(  # type: ignore[valid-type]
        description="funds 资金, goods 物资, project 项目, service 服务, training 培训."
    )
    title: ShortText = Field(description="What was delivered (危房改造补助, 化肥 2 吨, …).")
    amount: Amount = Field(default=None, description="Yuan, at most two decimals; for goods their value.")
    pairing: PairingRef | None = Field(
        default=None, description="The pairing that delivered it (same village)."
    )
    cadres: list[CadreId] = Field(default_factory=list, description="Cadres who delivered it (ids).")
    household: ShortText | None = Field(default=None, description="The household that received it.")
    issue: IssueRef | None = Field(default=None, description="The issue it helped close.")
    ref: ShortText | None = Field(default=None, description="Reference in an imported sheet.")

    @model_validator(mode="after")
    def _distinct_cadres(self) -> Self:
        if len(set(self.cadres)) != len(self.cadres):
            raise FieldProblem("value.cadre_twice")
        return self

    def to_yaml(self) -> dict[str, Any]:
        data = super().to_yaml()
        if self.amount is not None:
            data["amount"] = money.to_yaml(self.amount)
        return {k: v for k, v in data.items() if v is not None and v != []}

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data["amount"] = money.to_json(self.amount)
        return data
