"""Write the demo spreadsheets of `data/import/` (SPEC §10; README "Spreadsheets in and out").

`台账.xlsx` is a township's 民情台账 as offices keep it in Excel or WPS, with the seeds'
headings (序号、反映人、联系电话、村(社区)、反映问题 …), date cells and dates typed as text,
and rows already closed on paper; `走访台账.csv` is another office's sheet as WPS saves CSV on
Chinese Windows (GB18030), with the other customary headings (编号、申请人姓名、村名、申办事项 …).
Both import into the demo ledger in `data/`. Called by scripts/make_demo.py; the bytes are the
same on every run (fixed zip times and document dates), so tests can compare them.

    python scripts/make_import_demo.py [DIR]      (default: data/import)
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

XLSX_HEADINGS = [
    "序号", "反映人", "联系电话", "村(社区)", "反映问题", "类别", "来源", "责任人",
    "受理日期", "办结时限", "办结日期", "办理结果", "办理情况",
]  # fmt: skip
# (反映人, 电话, 村, 反映问题, 类别, 来源, 责任人, 受理日期, 办结时限, 办结日期, 办理结果, 办理情况)
XLSX_ROWS = [
    ("李德明", "13908771234", "大坡村", "村东头三盏路灯坏了两个月", "实际困难", "入户走访", "大坡村 村主任",
     date(2026, 8, 3), None, date(2026, 8, 8), "已解决", "已更换灯泡并检修线路"),
    ("王秀英", "13577120987", "大坡村", "低保年审材料不会填写", "实际困难", "坐访值班", "青龙镇民政办",
     date(2026, 8, 5), None, "2026年8月12日", "已解决", "民政办干部上门指导填写"),
    (None, None, "海镜村", "村委会办事窗口中午无人值守", "干部作风", "书记信箱", "青龙镇纪委",
     "2026/8/10", "2026/8/25", date(2026, 8, 21), "已解决", "已建立午间轮值制度"),
    ("张有福", "0877-5012345", "绿塘子村", "灌溉水渠淤塞，下游十几亩田放不进水", "实际困难", "入户走访", "绿塘子村 村支书",
     date(2026, 8, 18), None, date(2026, 8, 24), "已解决", "组织村民投工投劳清淤"),
    ("赵金花", "15912345678", "糯租村", "建议村里办核桃种植技术培训", "发展建议", "入户走访", "青龙镇农业服务中心",
     date(2026, 9, 2), date(2026, 9, 30), date(2026, 9, 26), "已解决", "9月25日举办培训一期，42人参加"),
    ("刘建国", "13888990011", "大坡村", "宅基地界址与邻居有争议", "实际困难", "来信来访", "青龙镇司法所",
     date(2026, 9, 8), None, None, None, "已两次调解，双方仍有分歧"),
    ("陈玉兰", None, "海镜村", "村卫生室药品种类少，常用药经常缺", "工作不足", "热线", "青龙镇卫生院",
     "2026.9.15", None, date(2026, 9, 29), "已解释", "按基本药物目录配备，已说明并增加常备药"),
    ("杨志强", "13700001122", "绿塘子村", "通组道路雨季塌方，摩托车过不去", "实际困难", "入户走访", "县交通运输局",
     date(2026, 10, 9), date(2026, 11, 8), None, None, "已列入县农村公路养护计划"),
    ("马桂芳", "18087654321", "糯租村", "残疾证到期不知道去哪里换", "实际困难", "坐访值班", "青龙镇残联",
     date(2026, 10, 12), None, date(2026, 10, 14), "已解决", "代办换证"),
    ("周大海", None, "大坡村", "建议村务公开栏每月更新", "发展建议", "入户走访", "大坡村 村主任",
     date(2026, 10, 20), None, None, None, None),
    ("何春燕", "13987001234", "海镜村", "孩子上学校车接送时间太早", "工作不足", "入户走访", "青龙镇中心学校",
     date(2026, 11, 3), None, None, None, "已与学校协商调整"),
    ("罗文华", "15087651234", "绿塘子村", "村干部入户走访次数少", "干部作风", "书记信箱", "青龙镇党委",
     date(2026, 11, 10), None, None, None, None),
]  # fmt: skip

CSV_HEADINGS = [
    "编号",
    "申请人姓名",
    "联系电话",
    "村名",
    "申办事项",
    "类别",
    "登记日期",
    "办结时限",
    "办理情况",
]
CSV_ROWS = [
    ("PX-2026-001", "黄明亮", "13312345678", "碧溪村", "自来水管老化，水压低", "实际困难", "2026-09-01", "2026-09-08", "已报镇水管站"),
    ("PX-2026-002", "吴晓梅", "", "华溪村", "希望增加农村客运班次", "发展建议", "2026年9月6日", "", ""),
    ("PX-2026-003", "郑国强", "18788001122", "大庄村", "土地流转租金拖欠", "实际困难", "2026/9/20", "2026/10/5", "已约谈承租方"),
    ("PX-2026-004", "", "", "盘溪社区", "社区服务中心周末不开门", "工作不足", "2026-10-11", "", ""),
    ("PX-2026-005", "孙丽", "13699887766", "碧溪村", "独居老人冬季取暖困难", "实际困难", "2026-11-02", "", "已联系民政办走访"),
]  # fmt: skip

FIXED = datetime(2026, 11, 20, 17, 0, 0)


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "青龙镇民情台账"
    sheet.append(XLSX_HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, row in enumerate(XLSX_ROWS, start=1):
        sheet.append([n, *row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            if cell.column == 3:
                cell.data_type = "s"  # phone numbers are text, as clerks format them
    sheet.freeze_panes = "A2"
    book.properties.creator = "青龙镇党政办"
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every member dated FIXED, so the file is the same on every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + FIXED.isoformat().encode() + rb"Z\g<2>",
                    content,
                )
            target.writestr(member, content)
    return out.getvalue()


def csv_bytes() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADINGS)
    writer.writerows(CSV_ROWS)
    return buffer.getvalue().encode("gb18030")


def write_import_demo(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "台账.xlsx").write_bytes(xlsx_bytes())
    (folder / "走访台账.csv").write_bytes(csv_bytes())


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "data" / "import"
    write_import_demo(target)
    print(f"demo spreadsheets written to {target}")
