"""The board's web page in a real browser (Debian's chromium, driven by Playwright), as a
board member uses it (#14): open the address grantgen serve printed, approve a draft,
withdraw the approval, approve two drafts as one decision, change a sentence of a text and
build again from the page: the document's page shows that sentence as changed."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers.docs import docx_text
from helpers.serve import decisions, manifest, serve

pytestmark = pytest.mark.libreoffice  # slow: a build of the example and a browser

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        yield launched
        launched.close()


def _screenshot(page, name: str, tmp_path: Path) -> None:
    """Screenshots to look at: in the test's folder, and in GRANTGEN_SCREENSHOTS when set."""
    target = tmp_path / name
    page.screenshot(path=str(target), full_page=True)
    if os.environ.get("GRANTGEN_SCREENSHOTS"):
        folder = Path(os.environ["GRANTGEN_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(target, folder / name)


def _the_application(out: Path, funder_id: str, location_id: str) -> dict:
    found = [e for e in manifest(out).values() if e["kind"] == "application"
             and e["funder_id"] == funder_id and e["location_id"] == location_id]
    assert len(found) == 1, found
    return found[0]


def _a_sentence_of(workspace: Path, document: Path) -> tuple[Path, str]:
    """A text file of the workspace and one sentence of it that the document shows."""
    shown = " ".join(docx_text(document).split())
    for path in sorted((workspace / "texts").rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.findall(r"[A-Z][^.!?\n]{40,}[.!?]", line):
                if " ".join(sentence.split()) in shown and "{" not in sentence:
                    return path, sentence
    raise AssertionError("no sentence of texts/ found in " + str(document))


def _decide(page, name: str, button: str, reason: str = "") -> None:
    page.select_option("select[name=by] >> visible=true", value=name)
    page.fill("input[name=meeting] >> visible=true", "bestuursvergadering 28 november 2018")
    if reason:
        page.fill("textarea[name=reason] >> visible=true", reason)
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_the_board_approves_withdraws_and_compares(cli, example, browser, tmp_path):
    assert cli(["build", "--workspace", str(example)]).exit_code == 0
    out = example / "output"
    board = [m["name"] for m in yaml.safe_load(
        (example / "facts" / "organisation.yaml").read_text(encoding="utf-8"))["board"]]
    klop = _the_application(out, "oranje-fonds", "de-klop")
    server = serve(example, env={"GRANTGEN_LANGUAGE": "nl"})
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # the overview runs check over every document: on a busy machine that takes a while
        page.set_default_timeout(300_000)
        page.set_default_navigation_timeout(300_000)
        page.goto(server.url)
        assert page.url == f"{server.base}/"  # the token is not left in the address bar
        # every document; an online form and budget workbook are on their application's page
        for entry in manifest(out).values():
            if entry["kind"] not in ("form", "budget-workbook"):
                assert page.get_by_text(entry["title"], exact=True).count() == 1, \
                    entry["title"]
        _screenshot(page, "overview.png", tmp_path)

        # De Klop's application to the Oranje Fonds: approved by a board member
        page.get_by_role("link", name=klop["title"], exact=True).click()
        assert page.get_by_role("heading", name=klop["title"]).count() == 1
        _screenshot(page, "document.png", tmp_path)
        reason = "Besproken in het bestuur." if page.locator(
            "textarea[name=reason][required]").count() else ""
        _decide(page, board[0], "Goedkeuren", reason)
        assert page.get_by_role("heading", name="Goedgekeurd").count() == 1
        entry = manifest(out)[klop["path"]]
        assert entry["status"] == "approved" and entry["approved_by"] == board[0]
        assert "CONCEPT" not in docx_text(out / klop["path"])
        log = decisions(out)
        assert [(r["decision"], r["path"], r["by"]) for r in log] == \
            [("approve", klop["path"], board[0])]
        assert log[0]["sha256"] == entry["sha256"]
        assert log[0]["meeting"] == "bestuursvergadering 28 november 2018"
        assert page.locator("table.log").get_by_text(log[0]["sha256"][:12]).count() == 1

        # withdrawn by another: a draft again, both decisions in the log
        _decide(page, board[1], "Goedkeuring intrekken")
        assert page.get_by_role("heading", name="Goedkeuring ingetrokken").count() == 1
        entry = manifest(out)[klop["path"]]
        assert entry["status"] == "draft" and entry["approved_by"] is None
        assert "CONCEPT · versie 1 · niet verzenden" in docx_text(out / klop["path"])
        assert [(r["decision"], r["by"]) for r in decisions(out)] == \
            [("approve", board[0]), ("withdraw", board[1])]

        # two drafts approved together, from the overview
        page.goto(f"{server.base}/")
        others = [e for e in manifest(out).values() if e["kind"] == "application"
                  and e["status"] == "draft" and e["path"] != klop["path"]][:2]
        for other in others:
            page.check(f"input[name=document][value='{other['path']}']")
        _decide(page, board[2], "Goedkeuren", "Met de bevindingen besproken.")
        entries = manifest(out)
        log = decisions(out)
        assert [(r["decision"], r["path"]) for r in log[2:]] == \
            [("approve", o["path"]) for o in others]
        assert log[2]["decision_id"] == log[3]["decision_id"] != log[0]["decision_id"]
        for other in others:
            assert entries[other["path"]]["status"] == "approved"
            assert entries[other["path"]]["approved_by"] == board[2]

        # one sentence of a text changes; the page builds again and shows it changed
        text, sentence = _a_sentence_of(example, out / klop["path"])
        changed = sentence[:-1] + ", zoals het bestuur vroeg."
        text.write_text(text.read_text(encoding="utf-8").replace(sentence, changed),
                        encoding="utf-8")
        page.goto(f"{server.base}/")
        assert page.get_by_text("De feiten, teksten of sjablonen zijn veranderd").count() == 1
        page.get_by_role("button", name="Bouw de concepten opnieuw").click()
        page.get_by_role("heading", name="De concepten zijn gemaakt").wait_for(timeout=300_000)
        page.goto(f"{server.base}/document/{klop['path']}")
        changes = page.locator("ol.diff li.changed")
        assert changes.count() >= 1
        found = [c for c in changes.all() if "zoals het bestuur vroeg" in c.inner_text()]
        assert found, [c.inner_text() for c in changes.all()]
        assert "zoals het bestuur vroeg" in found[0].locator("ins").all_inner_texts()[-1]
        _screenshot(page, "changes.png", tmp_path)
    finally:
        status, printed = server.stop()
    assert status == 0 and "Traceback" not in printed, printed


def test_a_copy_button_puts_its_fields_text_on_the_clipboard(cli, example, browser, tmp_path):
    """#15: an application to a funder with an online form shows it field by field; each
    field's button copies that field's text, as the portal takes it."""
    assert cli(["build", "--workspace", str(example)]).exit_code == 0
    out = example / "output"
    form = next(e for e in manifest(out).values() if e["kind"] == "form")
    application = _the_application(out, form["funder_id"], form["location_id"])
    server = serve(example, env={"GRANTGEN_LANGUAGE": "nl"})
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base)
        page = context.new_page()
        page.set_default_timeout(300_000)
        page.goto(server.url)
        page.goto(f"{server.base}/document/{application['path']}")
        fields = page.locator(".form-field")
        # {label: text} of the form file beside the application, as a person reads it
        parts = re.split(r"^─{10,}$", (out / form["path"]).read_text(encoding="utf-8"),
                         flags=re.M)[1:]
        in_file = {lines[0]: "\n".join(lines[1:-1])
                   for lines in (part.strip("\n").split("\n") for part in parts)}
        assert fields.count() == len(in_file) >= 2
        for index in (0, fields.count() - 1):
            field = fields.nth(index)
            field.get_by_role("button", name="Kopieer").click()
            field.get_by_role("button", name="Gekopieerd").wait_for()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == in_file[field.locator("h3").inner_text()]
            assert copied.strip(), field.inner_text()
        section = page.locator("section.online-form")
        target = tmp_path / "online-form.png"
        section.screenshot(path=str(target))
        if os.environ.get("GRANTGEN_SCREENSHOTS"):
            folder = Path(os.environ["GRANTGEN_SCREENSHOTS"])
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(target, folder / "online-form.png")
        context.close()
    finally:
        status, printed = server.stop()
    assert status == 0 and "Traceback" not in printed, printed
