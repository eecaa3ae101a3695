"""Messages of sharing the ledger through git (`caseledger sync`, `caseledger status`, SPEC §12)
and of the ledger's time zone (SPEC §3)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "check.event_before_received": (
        "this event is dated {at}, before the issue was received ({received}): correct the date "
        "(an office's clock in another time zone?)",
        "该事件日期为 {at}，早于问题受理日期（{received}）：请更正日期（是否某办公室电脑的时区不同？）",
    ),
}
