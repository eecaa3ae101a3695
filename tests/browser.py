"""Headless chromium for the page tests: screenshots, PDF prints, the DOM after a check script,
and the network log of everything a page asked for.

Chromium is required, not optional: `.ci/run` installs Debian's `chromium`, `fonts-noto-cjk`
and `poppler-utils` when they are missing, and without them these tests fail (never skip).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# Flags that keep the browser's own traffic (updates, sync, safe browsing …) out of the
# network log, so that every request left in it is one the page made; host names resolve to
# nothing, so even a request that slipped through would go nowhere.
FLAGS = [
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-breakpad",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,SpellCheck,AutofillServerCommunication",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
A4_PX = (794, 1123)  # 210 × 297 mm at 96 px per inch


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is missing: .ci/run installs chromium, fonts-noto-cjk and poppler-utils", pytrace=False
        )
    return path


def chromium(page: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="caseledger-chromium-") as profile:
        done = subprocess.run(
            [need("chromium"), *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    return done


def landscape(html: str) -> bool:
    return "@page{size:A4 landscape" in html


def window(html: str) -> str:
    width, height = A4_PX
    return f"--window-size={height},{width}" if landscape(html) else f"--window-size={width},{height}"


def screenshot(page: Path, png: Path) -> list[str]:
    """A screenshot of the page's first A4 sheet into `png`; returns the URLs the page requested
    (from chromium's network log)."""
    log = png.with_suffix(".netlog.json")
    png.parent.mkdir(parents=True, exist_ok=True)
    done = chromium(
        page, window(page.read_text(encoding="utf-8")), f"--screenshot={png}", f"--log-net-log={log}"
    )
    assert png.exists() and png.stat().st_size > 0, done.stderr[-2000:]
    try:
        return page_requests(log)
    finally:
        log.unlink()


def page_requests(log: Path) -> list[str]:
    """URLs of requests started on behalf of a `file://` page (the browser's own traffic has
    another network isolation key)."""
    data = json.loads(log.read_text(encoding="utf-8"))
    types = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    found = []
    for event in data["events"]:
        params = event.get("params") or {}
        if types.get(event["type"]) == "URL_REQUEST_START_JOB" and "file://" in str(
            params.get("network_isolation_key", "")
        ):
            found.append(params.get("url", ""))
    return found


def print_pdf(page: Path, pdf: Path) -> None:
    done = chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.exists() and pdf.stat().st_size > 0, done.stderr[-2000:]


# What the test copy of a page runs once its fonts are in: every box that is wider than its
# content allows or reaches past the page's column, and every SVG text outside its drawing.
CHECK = """<script>
document.fonts.ready.then(function () {
  var bad = [], page = document.body.getBoundingClientRect();
  function name(el) { return el.tagName.toLowerCase() + ':' + (el.textContent || '').trim().slice(0, 40); }
  document.querySelectorAll('body *').forEach(function (el) {
    if (el.closest('svg') || el.id === 'overflow-report' || el.tagName === 'SCRIPT') return;
    var box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) bad.push('wider than its box ' + name(el));
    if (el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0) {
      bad.push('taller than its box ' + name(el) + ' ' + el.scrollHeight + '>' + el.clientHeight);
    }
    if (box.right > page.right + 1 || box.left < page.left - 1) bad.push('past the column ' + name(el));
  });
  document.querySelectorAll('svg').forEach(function (svg) {
    var view = svg.viewBox.baseVal;
    svg.querySelectorAll('text').forEach(function (text) {
      var b = text.getBBox();
      if (b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5 ||
          b.y + b.height > view.y + view.height + 0.5) bad.push('outside its chart ' + name(text));
    });
  });
  var out = document.createElement('pre');
  out.id = 'overflow-report';
  out.textContent = JSON.stringify(bad);
  document.body.appendChild(out);
});
</script>"""


def overflows(page: Path) -> list[str]:
    """What overflows in the page laid out at A4's width: a copy of the page with the check
    script added is opened (the page itself has no script)."""
    html = page.read_text(encoding="utf-8")
    copy = page.with_name(page.stem + ".check.html")
    copy.write_text(html.replace("</body>", CHECK + "\n</body>"), encoding="utf-8")
    try:
        done = chromium(copy, window(html), "--virtual-time-budget=5000", "--dump-dom")
    finally:
        copy.unlink()
    found = re.search(r'<pre id="overflow-report">(.*?)</pre>', done.stdout, re.S)
    assert found, f"the check did not run: {done.stderr[-2000:]}"
    from html import unescape

    return json.loads(unescape(found.group(1)))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    command = [need("pdftotext"), "-layout", *pages, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)  # type: ignore[union-attr]
    return pages, size
