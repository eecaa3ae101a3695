"""`aid add/list`, `report aid` and aid in `check` and `report cadres`: happy paths and every
refusal (one error line, nothing written)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.store import Ledger


@pytest.fixture
def paired(run, ledger: Ledger):
    """Two cadres, a pairing of dapo (P1) and one of shuijing (P2), an open issue 1."""
    assert (
        run("cadre", "add", "--name", "李明", "--rank", "township", "--since", "2026-01-01").stdout == "C1\n"
    )
    assert (
        run("cadre", "add", "--name", "王芳", "--rank", "village", "--since", "2026-01-01").stdout == "C2\n"
    )
    assert run("pairing", "add", "--kind", "unit-village", "--party", "水务局", "--village", "dapo",
               "--since", "2026-01-01").stdout == "P1\n"  # fmt: skip
    assert run("pairing", "add", "--kind", "unit-village", "--party", "交通局", "--village", "shuijing",
               "--since", "2026-01-01").stdout == "P2\n"  # fmt: skip
    assert run("issue", "open", "--village", "dapo", "--title", "水泵坏了", "--category", "hardship",
               "--date", "2026-07-01").stdout == "1\n"  # fmt: skip
    return run


def test_aid_add_writes_the_record_and_prints_its_id(paired, ledger: Ledger) -> None:
    result = paired("aid", "add", "--village", "dapo", "--kind", "资金", "--title", "危房改造补助",
                    "--amount", "3万", "--pairing", "p1", "--cadre", "李明", "--cadre", "C2",
                    "--household", " 大坡村2组18号 ", "--issue", "#1", "--date", "2026-08-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "A1\n"
    text = (ledger.root / "aid/000/A1.yaml").read_text(encoding="utf-8")
    assert "amount: 30000\n" in text and "pairing: P1\n" in text and "issue: '1'\n" in text
    shown = json.loads(paired("aid", "list", "-f", "json").stdout)
    assert shown == [
        {"id": "A1", "date": "2026-08-01", "village": "dapo", "kind": "funds", "title": "危房改造补助",
         "amount": "30000.00", "pairing": "P1", "cadres": ["C1", "C2"], "household": "大坡村2组18号",
         "issue": "1", "ref": None}
    ]  # fmt: skip
    record = json.loads(
        paired(
            "aid",
            "add",
            "--village",
            "dapo",
            "--kind",
            "goods",
            "--title",
            "化肥",
            "--amount",
            "4,600.50",
            "--date",
            "2026-08-02",
            "-f",
            "json",
        ).stdout
    )
    assert record["id"] == "A2" and record["amount"] == "4600.50" and record["cadres"] == []
    assert "amount: 4600.50\n" in (ledger.root / "aid/000/A2.yaml").read_text(encoding="utf-8")
    assert paired("check").exit_code == 0


def test_aid_with_an_office_prefix_is_numbered_for_it(paired, ledger: Ledger) -> None:
    paired("office", "QL")
    assert paired("aid", "add", "--village", "dapo", "--kind", "training", "--title", "种植培训",
                  "--date", "2026-08-01").stdout == "QL-A1\n"  # fmt: skip
    assert (ledger.root / "aid/QL/000/QL-A1.yaml").is_file()


def test_aid_list_filters(paired) -> None:
    paired("aid", "add", "--village", "dapo", "--kind", "funds", "--title", "a", "--pairing", "P1",
           "--cadre", "C1", "--date", "2026-07-05")  # fmt: skip
    paired("aid", "add", "--village", "shuijing", "--kind", "goods", "--title", "b", "--pairing", "P2",
           "--cadre", "C2", "--date", "2026-08-05")  # fmt: skip
    paired("aid", "add", "--village", "xiaoshan", "--kind", "service", "--title", "c", "--date", "2026-09-05")

    def ids(*args: str) -> list[str]:
        result = paired("aid", "list", *args, "-f", "json")
        assert result.exit_code == 0, result.stderr
        return [a["id"] for a in json.loads(result.stdout)]

    assert ids() == ["A1", "A2", "A3"]
    assert ids("--village", "dapo") == ["A1"]
    assert ids("--township", "qinglong") == ["A1", "A3"]
    assert ids("--pairing", "P2") == ["A2"]
    assert ids("--cadre", "王芳") == ["A2"]
    assert ids("--since", "2026-08-01") == ["A2", "A3"]
    assert ids("--until", "2026-08-05") == ["A1", "A2"]
    assert ids("--since", "2026-07-06", "--until", "2026-09-01") == ["A2"]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--amount", "abc"], 2, "abc"),
        (["--amount=-5"], 2, "negative"),
        (["--amount", "1.005"], 2, "two decimals"),
        (["--amount", "3万万"], 2, "3万万"),
        (["--pairing", "P9"], 1, "P9"),
        (["--pairing", "P2"], 1, "shuijing"),  # a pairing of another village
        (["--issue", "99"], 1, "99"),
        (["--cadre", "赵六"], 1, "赵六"),
        (["--cadre", "C1", "--cadre", "李明"], 1, "C1"),
        (["--kind", "money"], 1, "money"),
        (["--village", "nowhere"], 1, "nowhere"),
        (["--date", "2099-01-01"], 1, "2099-01-01"),
        (["--household", "  "], 1, "household"),
    ],
)
def test_aid_add_refusals_write_nothing(paired, ledger: Ledger, snapshot, args, code, says) -> None:
    before = snapshot(ledger.root)
    # A single-valued option given twice takes the last value: `args` override the base.
    result = paired("aid", "add", "--village", "dapo", "--kind", "funds", "--title", "补助", *args)
    assert result.exit_code == code, result.stdout + result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert says in result.stderr
    assert snapshot(ledger.root) == before


def test_report_aid_by_township_party_and_cadre(paired) -> None:
    paired("aid", "add", "--village", "dapo", "--kind", "funds", "--title", "a", "--amount", "0.5万",
           "--pairing", "P1", "--cadre", "C1", "--cadre", "C2", "--household", "1号",
           "--date", "2026-07-05")  # fmt: skip
    paired("aid", "add", "--village", "dapo", "--kind", "goods", "--title", "b", "--amount", "0.10",
           "--pairing", "P1", "--household", "1号", "--date", "2026-08-05")  # fmt: skip
    paired(
        "aid", "add", "--village", "shuijing", "--kind", "training", "--title", "c", "--date", "2026-09-30"
    )
    paired("aid", "add", "--village", "shuijing", "--kind", "funds", "--title", "late", "--amount", "7",
           "--date", "2026-10-01")  # fmt: skip
    data = json.loads(paired("report", "aid", "2026-Q3", "-f", "json").stdout)
    assert (data["period"], data["from"], data["to"], data["by"]) == (
        "2026-Q3",
        "2026-07-01",
        "2026-09-30",
        "township",
    )
    assert [r["township"] for r in data["rows"]] == ["baishui", "qinglong"]
    baishui, qinglong = data["rows"]
    assert baishui["records"] == 1 and baishui["amount"] == "0.00"
    figures = [qinglong[k] for k in ("records", "households", "funds", "goods", "amount")]
    assert figures == [2, 1, "5000.00", "0.10", "5000.10"]
    assert data["total"]["township"] == "total" and data["total"]["records"] == 3
    assert data["total"]["amount"] == "5000.10" and data["total"]["training"] == "0.00"

    party = json.loads(paired("report", "aid", "2026-Q3", "--by", "结对单位", "-f", "json").stdout)
    assert [(r["party"], r["records"], r["amount"]) for r in party["rows"]] == [
        ("水务局", 2, "5000.10"), (None, 1, "0.00")]  # fmt: skip
    cadre = json.loads(paired("report", "aid", "2026-Q3", "--by", "cadre", "-f", "json").stdout)
    assert [(r["cadre"], r["name"], r["records"]) for r in cadre["rows"]] == [
        ("C1", "李明", 1), ("C2", "王芳", 1), (None, None, 2)]  # fmt: skip
    assert cadre["total"]["records"] == 3  # a record of two cadres is counted once in the total

    csv = paired("report", "aid", "2026-Q3", "--by", "cadre", "-f", "csv").stdout.splitlines()
    assert csv[0] == "cadre,name,records,households,funds,goods,project,service,training,amount"
    assert csv[-1] == "total,total,3,1,5000.00,0.10,0.00,0.00,0.00,5000.10"
    table = paired("--lang", "zh", "report", "aid", "2026-Q3").stdout
    assert "合计" in table and "5000.10" in table
    page = paired("report", "aid", "2026-Q3", "-f", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "5000.10" in page


def test_report_aid_refuses_a_bad_by_and_period(paired) -> None:
    result = paired("report", "aid", "2026-Q3", "--by", "village")
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "village" in result.stderr
    result = paired("report", "aid", "2026-Q5")
    assert result.exit_code == 2 and result.stderr.startswith("error: ")


def test_aid_counts_toward_a_cadres_deeds(paired) -> None:
    def deeds() -> dict[str, int]:
        rows = json.loads(paired("report", "cadres", "2026-Q3", "-f", "json").stdout)["rows"]
        return {r["cadre"]: r["deeds"] for r in rows}

    assert deeds() == {"C1": 0, "C2": 0}
    paired("aid", "add", "--village", "dapo", "--kind", "service", "--title", "修水泵", "--cadre", "C1",
           "--cadre", "C2", "--date", "2026-07-10")  # fmt: skip
    paired("aid", "add", "--village", "dapo", "--kind", "service", "--title", "清淤", "--cadre", "C1",
           "--date", "2026-09-30")  # fmt: skip
    paired("aid", "add", "--village", "dapo", "--kind", "service", "--title", "下季度", "--cadre", "C1",
           "--date", "2026-10-01")  # fmt: skip
    assert deeds() == {"C1": 2, "C2": 1}


def test_check_holds_aid_records_to_their_references(paired, ledger: Ledger) -> None:
    paired("aid", "add", "--village", "dapo", "--kind", "funds", "--title", "a", "--pairing", "P1",
           "--cadre", "C1", "--issue", "1", "--amount", "100", "--date", "2026-07-05")  # fmt: skip
    path = ledger.root / "aid/000/A1.yaml"
    good = path.read_text(encoding="utf-8")

    def problems(text: str) -> list[str]:
        path.write_text(text, encoding="utf-8")
        result = paired("check", "-f", "json")
        return [p["message"] for p in json.loads(result.stdout)["problems"]]

    assert problems(good) == []
    assert any("P2" in m and "shuijing" in m for m in problems(good.replace("pairing: P1", "pairing: P2")))
    assert any("P7" in m for m in problems(good.replace("pairing: P1", "pairing: P7")))
    assert any("C9" in m for m in problems(good.replace("- C1", "- C9")))
    assert any("42" in m for m in problems(good.replace("issue: '1'", "issue: '42'")))
    assert any("amount" in m for m in problems(good.replace("amount: 100", "amount: 1.005")))
    assert any("amount" in m for m in problems(good.replace("amount: 100", "amount: -5")))
    assert any("amount" in m for m in problems(good.replace("amount: 100", "amount: '100'")))
    assert any("kind" in m for m in problems(good.replace("kind: funds", "kind: money")))
    path.write_text(good, encoding="utf-8")
    (ledger.root / "aid/000/A7.yaml").write_text(good, encoding="utf-8")
    assert any("A7" in m or "aid/000/A1.yaml" in m for m in problems(good))


def test_an_amount_in_the_file_is_read_as_a_decimal(paired, ledger: Ledger) -> None:
    from ledger.aids import load_aid

    paired("aid", "add", "--village", "dapo", "--kind", "funds", "--title", "a", "--amount", "0.10",
           "--date", "2026-07-05")  # fmt: skip
    (record,) = load_aid(ledger)
    assert record.amount == Decimal("0.10") and isinstance(record.amount, Decimal)


# -- hypothesis: sums printed by `report aid` are exact ------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10**13 - 1),  # cents, up to 99,999,999,999.99 yuan a record
            st.sampled_from(["funds", "goods", "project", "service", "training"]),
            st.sampled_from(["dapo", "xiaoshan", "shuijing"]),
            st.booleans(),  # with a cadre
        ),
        max_size=60,
    )
)
def test_sums_printed_by_report_aid_are_the_exact_decimal_sums(run, ledger: Ledger, records) -> None:
    import shutil

    from ledger.kinds import KINDS

    shutil.rmtree(ledger.root / "aid", ignore_errors=True)
    if not (ledger.root / "cadres/000/C1.yaml").exists():
        run("cadre", "add", "--name", "李明", "--rank", "township", "--since", "2026-01-01")
    exact = {kind: Decimal(0) for kind in ("funds", "goods", "project", "service", "training")}
    town = {"dapo": "qinglong", "xiaoshan": "qinglong", "shuijing": "baishui"}
    by_town = {"qinglong": Decimal(0), "baishui": Decimal(0)}
    with_cadre = Decimal(0)
    for n, (cents, kind, village, cadre) in enumerate(records, 1):
        amount = Decimal(cents) / 100  # as a clerk's file holds it: 12000.5, 3000, 0.07
        path = ledger.root / KINDS["aid"].rel(f"A{n}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"id: A{n}\ndate: 2026-07-{n % 28 + 1:02d}\nvillage: {village}\nkind: {kind}\ntitle: t\n"
            f"amount: {amount}\n" + ("cadres: [C1]\n" if cadre else ""),
            encoding="utf-8",
        )
        exact[kind] += amount
        by_town[town[village]] += amount
        with_cadre += amount if cadre else 0
    result = run("report", "aid", "2026-Q3", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    total = data["total"]
    assert total["records"] == len(records)
    assert Decimal(total["amount"]) == sum(exact.values(), Decimal(0))
    for kind, value in exact.items():
        assert total[kind] == f"{value:.2f}"
    assert {r["township"]: Decimal(r["amount"]) for r in data["rows"]} == by_town
    cadres = json.loads(run("report", "aid", "2026-Q3", "--by", "cadre", "-f", "json").stdout)
    shown = {r["cadre"]: r["amount"] for r in cadres["rows"]}
    assert shown.get("C1", "0.00") == f"{with_cadre:.2f}"


def test_aid_readers_refuse_bad_files_naming_them_or_skip_them(paired, ledger: Ledger) -> None:
    paired("aid", "add", "--village", "dapo", "--kind", "funds", "--title", "a", "--amount", "100",
           "--date", "2026-07-05")  # fmt: skip
    good = ledger.root / "aid/000/A1.yaml"
    copy = ledger.root / "aid/000/A1 - 副本.yaml"
    copy.write_bytes(good.read_bytes())
    broken = ledger.root / "aid/000/A2.yaml"
    broken.write_text("id: A2\ndate: 2026-07-06\nvillage: dapo\nkind: money\ntitle: b\n", encoding="utf-8")
    for args in (["aid", "list"], ["report", "aid", "2026-Q3"]):
        result = paired(*args, "-f", "json")
        assert result.exit_code == 1 and result.stdout == ""
        assert "aid/000/A1 - 副本.yaml" in result.stderr and "aid/000/A2.yaml" in result.stderr
        assert "caseledger check" in result.stderr
    listed = paired("aid", "list", "-f", "json", "--skip-bad")
    assert listed.exit_code == 0 and [a["id"] for a in json.loads(listed.stdout)] == ["A1"]
    assert "2" in listed.stderr  # the warning says how many were left out
    report = json.loads(paired("report", "aid", "2026-Q3", "-f", "json", "--skip-bad").stdout)
    assert report["total"]["records"] == 1 and report["total"]["amount"] == "100.00"
    assert report["skipped"] == ["aid/000/A1 - 副本.yaml", "aid/000/A2.yaml"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "pairing P2 is paired with 水井村 (shuijing), not 大坡村 (dapo)"),
        ("zh", "结对 P2 联系的是水井村 (shuijing)，不是大坡村 (dapo)"),
    ],
)
def test_a_pairing_of_another_village_is_said_with_the_villages_names(paired, lang, said) -> None:
    result = paired("--lang", lang, "aid", "add", "--village", "dapo", "--kind", "funds", "--title", "补助",
                    "--pairing", "P2")  # fmt: skip
    assert result.exit_code == 1 and said in result.stderr, result.stderr
