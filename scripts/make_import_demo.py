"""Write the demo spreadsheets of `data/import/` (SPEC §10; README "Spreadsheets in and out").

`台账.xlsx` is a township's 民情台账 as offices keep it in Excel or WPS, with the seeds'
headings (序号、反映人、联系电话、村(社区)、反映问题 …), date cells and dates typed as text,
and rows already closed on paper; `走访台账.csv` is another office's sheet as WPS saves CSV on
Chinese Windows (GB18030), with the other customary headings (编号、申请人姓名、村名、申办事项 …).
Both import into the demo ledger in `data/`, as do `干部名册.xlsx` (青龙镇's new cadres),
`走访记录.xlsx` (their first visits, with cadres of the demo roster) and `帮扶台账.xlsx` (aid). Called by scripts/make_demo.py; the bytes are the
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

# 青龙镇's roster additions (干部名册), their first visits (走访记录) and the aid delivered (帮扶台账):
# imported in that order, after the demo's own roster (scripts/demo_people.py).
ROSTER_HEADINGS = ["序号", "姓名", "级别", "工作单位", "职务", "联系电话", "所属乡镇", "到岗日期"]
ROSTER_ROWS = [
    ("罗志刚", "乡镇级", "青龙镇人民政府", "武装部长", "0877-5011021", "青龙镇", "2026年3月1日"),
    ("杨丽萍", "村级", "海镜村委会", "村委会主任", "13908770012", "qinglong", "2026/1/1"),
    ("马文斌", "县级", "县农业农村局", "副局长", "0877-5023001", None, date(2026, 4, 10)),
    ("普春梅", "村级", "糯租村委会", "驻村工作队员", "15087650033", "青龙镇", date(2026, 6, 1)),
]  # fmt: skip

VISIT_HEADINGS = ["序号", "走访日期", "村(社区)", "走访干部", "走访方式", "走访户", "人次", "是否住村",
                  "当场答复解决", "备注"]  # fmt: skip
VISIT_ROWS = [
    (date(2026, 11, 16), "海镜村", "罗志刚、杨丽萍", "入户走访", "海镜村1组5号、海镜村1组7号", None, "是",
     "医保缴费时间已告知", "了解冬季用电情况"),
    ("2026/11/17", "糯租村", "普春梅、C5", "坐访值班", None, 9, "否", None, "一线工作日值班"),
    ("2026年11月18日", "大坡村", "马文斌、王建国", "座谈会", None, 15, "否", "核桃收购价已解释", "与合作社座谈产销"),
    (date(2026, 11, 19), "绿塘子村", "张继红", "夜访", "绿塘子村3组2号", 2, None, None, None),
]  # fmt: skip

AID_HEADINGS = ["序号", "帮扶日期", "村(社区)", "帮扶类型", "帮扶内容", "金额(元)", "帮扶干部", "帮扶对象"]
AID_ROWS = [
    (date(2026, 9, 12), "大坡村", "资金", "危房改造补助", 30000, "王建国", "大坡村3组12号"),
    ("2026/10/8", "海镜村", "物资", "冬季棉被 40 床", "4,800.00", "陶丽", None),
    ("2026年10月20日", "糯租村", "培训", "核桃种植技术培训", None, "张继红", None),
    (date(2026, 11, 5), "绿塘子村", "资金", "灌溉水渠修复", "1.2万", "王建国、陶应全", None),
    (date(2026, 11, 12), "大坡村", "服务", "县医院专家义诊", None, "李平", None),
]  # fmt: skip

FIXED = datetime(2026, 11, 20, 17, 0, 0)


def xlsx_bytes() -> bytes:
    return sheet_bytes("青龙镇民情台账", XLSX_HEADINGS, XLSX_ROWS, text_column=3)


def sheet_bytes(
    title: str, headings: list[str], rows: list[tuple[object, ...]], text_column: int = 0
) -> bytes:
    """One sheet as an office keeps it: bold frozen header, 序号 numbered, date cells shown as
    dates; `text_column` (1-based) holds phone numbers as text, as clerks format them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, row in enumerate(rows, start=1):
        sheet.append([n, *row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            if cell.column == text_column:
                cell.data_type = "s"
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
    (folder / "干部名册.xlsx").write_bytes(
        sheet_bytes("干部名册", ROSTER_HEADINGS, ROSTER_ROWS, text_column=6)
    )
    (folder / "走访记录.xlsx").write_bytes(sheet_bytes("走访记录", VISIT_HEADINGS, VISIT_ROWS))
    (folder / "帮扶台账.xlsx").write_bytes(sheet_bytes("帮扶台账", AID_HEADINGS, AID_ROWS))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "data" / "import"
    write_import_demo(target)
    print(f"demo spreadsheets written to {target}")
