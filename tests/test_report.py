"""`thai-extract report`: one self-contained HTML page about an output folder.

The fast tests read the page as text; the browser test opens it in the installed Chromium (Debian's
`chromium` package) through playwright, and skips where either is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

pytest.importorskip("jinja2")
pytest.importorskip("plotly")
pytest.importorskip("networkx")

from thai_extract import load  # noqa: E402
from thai_extract.cli import app  # noqa: E402
from thai_extract.report import INSTALL_HINT, MissingExtraError, write_report  # noqa: E402
from thai_extract.report.highlight import Span, highlight  # noqa: E402
from thai_extract.report.network import cooperation_network  # noqa: E402
from thai_extract.report.passages import cooperation_passages  # noqa: E402
from thai_extract.report.vocabulary import vocabulary  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# A record whose id, title and text try to inject markup and script into the page.
HOSTILE = {
    "id": 'evil"><script>window.pwned=1</script>',
    "title": "<script>window.pwned=2</script> นายกรัฐมนตรีไทยหารือกับมาเลเซีย",
    "body": ('<img src=x onerror="window.pwned=3"> รัฐบาลไทยหารือกับมาเลเซียเรื่องการค้าและการลงทุน '
             "เมื่อวันที่ 14 พฤษภาคม 2568 </textarea></script><script>window.pwned=4</script>"),
    "date": "2025-05-14",
}
INJECTED = ("<script>window.pwned", "<img src=x", 'onerror="window')


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    """The output of `thai-extract run` on the sample article and the hostile record."""
    root = tmp_path_factory.mktemp("report")
    hostile = root / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    out = root / "out"
    result = CliRunner().invoke(app, ["run", str(ROOT / "data" / "raw"), str(hostile), "--out", str(out),
                                      "--jobs", "1", "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def report(out_dir, tmp_path_factory) -> Path:
    return write_report(out_dir, tmp_path_factory.mktemp("page") / "report.html")


def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def card(html: str, name: str) -> str:
    """The number on a header card."""
    return re.search(rf'data-count="{name}">\s*<div class="value">([\d,]+)<', html).group(1)


def test_the_report_is_one_page_that_fetches_nothing(report):
    html = page_text(report)
    assert html.startswith("<!doctype html>")
    assert not re.search(r"<(?:script|img|iframe|link|source|audio|video)\b[^>]*\s(?:src|href)\s*=", html, re.I)
    assert not re.search(r"\b(?:https?:)?//[\w.-]+\.\w+/[^\s\"']*\.(?:js|css)\b", html)   # no CDN script or style
    assert "default-src 'none'" in html            # and the browser is told to refuse any fetch
    assert "Plotly.newPlot" in html and "plotly.js v" in html


def test_the_report_holds_the_corpus_counts(out_dir, report):
    html, tables = page_text(report), load(out_dir)
    assert card(html, "documents") == f"{len(tables['documents']):,}" == "2"
    for name in ("sentences", "entities", "dates", "corrections", "errors"):
        assert card(html, name) == f"{len(tables[name]):,}"
    assert int(card(html, "cooperation passages")) > 0


def test_every_entity_date_and_correction_is_highlighted(out_dir, report):
    html, tables = page_text(report), load(out_dir)
    html = html[html.index('<div class="docs">'):]     # the documents, not the legend above them
    assert html.count('class="m m-ent"') == len(tables["entities"]) > 0
    assert html.count('class="m m-date"') == len(tables["dates"]) > 0
    assert html.count('class="m m-corr"') == len(tables["corrections"]) > 0
    assert html.count('class="m m-coop"') == len(tables["cooperation"]) > 0


def test_document_text_titles_and_ids_cannot_inject_markup(report):
    html = page_text(report)
    for attack in INJECTED:
        assert attack not in html
    assert "&lt;script&gt;window.pwned=2&lt;/script&gt;" in html          # the title, shown as text
    assert "&lt;img src=x onerror=&quot;window.pwned=3&quot;&gt;" in html   # the body, shown as text
    assert html.count("</script>") == html.count("<script")                 # no script element ended early


def test_cooperation_passages_come_from_cooperation_rows_by_sentence():
    tables = {
        "documents": pd.DataFrame({"doc_id": ["d"], "published": [date(2025, 5, 20)], "title": ["t"], "text": ["x" * 120]}),
        "sentences": pd.DataFrame({"doc_id": ["d"] * 4, "sent_id": [0, 1, 2, 3], "start": [0, 30, 60, 90],
                                   "end": [30, 60, 90, 120], "text": ["s0", "s1", "s2", "s3"]}),
        "dates": pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [3], "end": [9], "text": ["14 พ.ค."],
                               "start_date": [date(2025, 5, 14)], "end_date": [date(2025, 5, 14)]}),
        "cooperation": pd.DataFrame({"doc_id": ["d", "d", "d"], "sent_id": [1, 1, 3], "start": [35, 40, 100],
                                     "end": [38, 45, 105], "text": ["a", "b", "c"], "area": ["trade", "defense", "trade"],
                                     "parties": [["TH", "MY"], ["MY", "TH"], ["TH", "MY"]]}),
    }
    passages = cooperation_passages(tables)
    assert passages[["start", "end", "text"]].values.tolist() == [[30, 60, "s1"], [90, 120, "s3"]]
    assert passages["parties"].tolist() == [["MY", "TH"], ["MY", "TH"]]
    assert passages["areas"].tolist() == [["trade", "defense"], ["trade"]]
    assert passages["start_date"].tolist() == ["2025-05-14", "2025-05-20"]
    assert passages["date_source"].tolist() == ["context", "published"]   # up to two sentences before; else publication


def test_a_cooperation_events_table_is_used_as_it_is():
    events = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [5], "text": ["หารือ"], "parties": [["TH", "JP"]],
                           "areas": [["trade"]], "kind": ["meeting"], "start_date": [date(2025, 1, 2)],
                           "end_date": [date(2025, 1, 3)], "date_source": ["text"]})
    [passage] = cooperation_passages({"cooperation_events": events, "cooperation": pd.DataFrame()}).to_dict("records")
    assert passage["parties"] == ["JP", "TH"] and passage["kind"] == "meeting"
    assert (passage["start_date"], passage["end_date"], passage["date_source"]) == ("2025-01-02", "2025-01-03", "text")


def test_the_network_has_a_node_per_party_and_an_edge_per_pair_and_area():
    passages = pd.DataFrame({"parties": [["TH", "MY"], ["TH", "MY"], ["TH", "JP"], ["TH", "MY", "JP"]],
                             "areas": [["trade"], ["defense"], ["trade"], ["tourism"]]})
    network = cooperation_network(passages, vocabulary())
    [nodes] = [t for t in network.figure.data if t.mode == "markers+text"]
    assert list(nodes.customdata) == ["TH", "MY", "JP"]                  # most passages first
    hovers = [h for t in network.figure.data if t.mode == "markers" for h in t.hovertext]
    th_my = [h for h in hovers if "(MY)" in h and "(TH)" in h]
    assert len(th_my) == 3                                              # economy, security, tourism
    assert all("all areas: 3 passages" in h for h in th_my)


def test_highlight_nests_marks_and_escapes_everything():
    text = "<b>นายก</b> ไปญี่ปุ่น"
    html = highlight(text, [Span(0, 11, "ent", "PER", 'a "title"'), Span(3, 7, "corr", "→ <x>"),
                            Span(5, 15, "date", "D"), Span(30, 40, "ent", "outside")])
    assert html == ('<mark class="m m-ent" style="--c:" title="a &quot;title&quot;">&lt;b&gt;'
                    '<mark class="m m-corr" style="--c:" title="">นา<mark class="m m-date" style="--c:" title="">ยก'
                    '<span class="badge">D</span></mark><span class="badge">→ &lt;x&gt;</span></mark>'
                    '&lt;/b&gt;<span class="badge">PER</span></mark> ไปญี่ปุ่น')


def test_only_max_documents_documents_are_shown_with_a_note(out_dir, tmp_path):
    html = page_text(write_report(out_dir, tmp_path / "r.html", max_documents=1))
    assert html.count('<article class="doc"') == 1
    assert "Showing 1 of 2 documents" in html


def test_a_folder_with_only_errors_still_gives_a_page(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "<bad>.txt").write_text("  \n", encoding="utf-8")  # empty: an E104 row
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q", "-j", "1"])
    assert result.exit_code == 1, result.output
    html = page_text(write_report(tmp_path / "out", tmp_path / "r.html"))
    assert card(html, "errors") == "1" and card(html, "documents") == "0"
    assert "No documents in this folder." in html and "E104" in html and "in/&lt;bad&gt;.txt" in html
    assert 'id="fig-network"' not in html


def test_a_folder_without_output_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no output tables"):
        write_report(tmp_path / "nothing", tmp_path / "r.html")


def test_without_the_extra_the_error_says_what_to_install(out_dir, tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m.startswith("thai_extract.report.") or m.split(".")[0] == "plotly"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "plotly", None)   # import plotly now raises ImportError
    with pytest.raises(MissingExtraError, match=re.escape(INSTALL_HINT)):
        write_report(out_dir, tmp_path / "r.html")


@pytest.fixture(scope="module")
def browser():
    """The installed Chromium, driven by playwright (which downloads no browser of its own)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_the_page_in_a_real_browser_draws_the_network_and_a_highlighted_document(browser, report, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems, requests = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    page.wait_for_selector("#fig-network .main-svg")
    page.wait_for_selector("#fig-timeline .main-svg")

    assert problems == []
    assert requests == [report.as_uri()]                      # the page itself, and nothing else
    assert page.evaluate("window.pwned") is None              # no injected script ran
    assert page.locator("#fig-network .scatterlayer .point").count() >= 3   # MY, RU and more
    shown = page.locator("article.doc:not([hidden])")
    assert shown.count() == 1 and shown.locator("mark.m-ent").count() > 0
    colour = shown.locator("mark.m-ent").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")

    other = page.locator("#doc-picker option").nth(1).get_attribute("value")
    page.select_option("#doc-picker", other)                  # the picker shows another document
    assert page.locator(f"#doc-{other}").is_visible() and page.locator("article.doc:not([hidden])").count() == 1

    page.select_option("#doc-picker", page.locator("#doc-picker option").first.get_attribute("value"))
    shot = page.screenshot(path=str(tmp_path / "report.png"))
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    for selector in ("#fig-network", "article.doc:not([hidden]) mark.m-ent >> nth=0"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] + box["height"] / 2 < 1000    # both in the screenshot
    page.close()
