"""The journal at /journal/ in Chromium: entries kept across reloads, the limit's alert, export and import, delete,
offline, phones, the keyboard, axe, the print view, and no figure unless from the reference or typed by the reader."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Dialog, Page, expect

from conftest import ROOT
from dosecheck.prose import AMOUNT
from sitebuild.audit import serve_static

from .conftest import SCHEMES, Site, Visit, tab_to
from .test_pages import describe
from .test_print import pdf_pages

PATH = "/journal/"
KEY = "magnesium-guide-journal"
NOW = "2026-03-21T18:00:00"  # the browser's clock in these tests, so days and screenshots do not move
TODAY = date(2026, 3, 21)
README_SCREENSHOT = ROOT / "docs" / "screenshot-journal.png"
LOCAL = ("data:", "blob:")
ALERT = "This day is at or above the limit for supplements for age 9 and older, adults included: 350 mg a day."
KEYBOARD_STEPS = 60
# A promise in the page, failing after 15 seconds rather than waiting for ever.
WITHIN_15_S = "Promise.race([%s, new Promise((_, late) => setTimeout(() => late(new Error('still waiting after 15 s')), 15000))])"


def sample() -> dict:
    """Three weeks of a diazepam taper in steps, glycinate most days, one day with oxide on top, symptoms in waves."""
    entries = []
    for n in range(21):
        day = (TODAY - timedelta(days=20 - n)).isoformat()
        wave = [3, 4, 6, 7, 5, 3, 2][n % 7]
        mg = [{"form": "glycinate", "amount": 200, "basis": "elemental", "count": 1}]
        if n == 15:
            mg.append({"form": "oxide", "amount": 500, "basis": "compound", "count": 2})
        entries.append({"id": f"m{n}", "at": f"{day}T08:00", "mg": mg, "foods": [],
                        "meds": [{"name": "Diazepam", "dose": str(10 - n // 7), "unit": "mg"}],
                        "symptoms": {"Anxiety": wave, "Sleep problems": max(0, wave - 1), "Muscle twitching": wave // 2}, "note": ""})
        if n % 5 == 2:
            entries.append({"id": f"e{n}", "at": f"{day}T21:30", "mg": [], "meds": [],
                            "foods": [{"food": "almonds, dry roasted", "servings": 1}], "symptoms": {"Restlessness": wave},
                            "note": "A wave in the evening; walked it off." if n == 12 else ""})
    return {"app": KEY, "schema": 1, "settings": {"group": "9+ years|", "symptoms": ["Anxiety", "Sleep problems", "Muscle twitching",
                                                                                    "Restlessness", "Loose stools"]}, "entries": entries}


@contextmanager
def journal(browser: Browser, site: Site, width: int = 375, scheme: str = "light", seed: dict | None = None,
            origin: str | None = None) -> Iterator[Visit]:
    """Open the journal in a fresh context with the clock at NOW (and a journal in its storage), recording errors and requests."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.clock.set_fixed_time(NOW)
        record = Visit(page, None)
        page.on("request", lambda request: record.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and record.errors.append(message.text))
        page.on("pageerror", lambda error: record.errors.append(f"uncaught {error.name}: {error.message}"))
        record.response = page.goto((origin or site.origin) + PATH)
        if seed is not None:
            page.evaluate("([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [KEY, seed])
            page.reload()
        expect(page.locator("#j-app")).to_be_visible()
        yield record
    finally:
        context.close()


def stored(page: Page) -> dict | None:
    """The journal as the browser keeps it."""
    text = page.evaluate("key => localStorage.getItem(key)", KEY)
    return None if text is None else json.loads(text)


def add_entry(page: Page, form: str, amount: str, basis: str, medicine: tuple[str, str, str] | None = None,
              anxiety: str | None = None, note: str = "") -> None:
    """Fill in and save one entry as a reader would."""
    page.select_option("#j-mg-rows select", form)
    page.locator("#j-mg-rows [data-f=amount]").fill(amount)
    page.locator(f"#j-mg-rows [data-f=basis][value={basis}]").check()
    if medicine:
        for field, value in zip(("name", "dose", "unit"), medicine, strict=True):
            page.locator(f"#j-med-rows [data-f={field}]").fill(value)
    if anxiety is not None:
        page.get_by_label("Anxiety", exact=True).select_option(anxiety)
    page.fill("#j-note", note)
    page.click("#j-save")
    expect(page.locator("#j-saved")).to_contain_text("Saved: your entry for")


def accept_dialogs(page: Page, answers: list[str]) -> None:
    """Answer each confirm() by accepting it, noting its message."""
    def answer(dialog: Dialog) -> None:
        answers.append(dialog.message)
        dialog.accept()
    page.on("dialog", answer)


def no_sideways_scroll(page: Page, width: int) -> None:
    """Fail when anything is wider than the screen."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{PATH} at {width}px is {scroll}px wide"


def unreferenced_amounts(html: str) -> list[str]:
    """Every mass amount shown as text outside an element naming its reference (data-ref) or holding the reader's words."""
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template", "datalist"]):
        hidden.decompose()
    return [m[0] for text in (page.body or page).find_all(string=True)
            if text.find_parent(attrs={"data-ref": True}) is None and text.find_parent(attrs={"data-entered": True}) is None
            for m in AMOUNT.finditer(str(text))]


@pytest.mark.parametrize("width", (320, 375))
def test_1000_mg_of_magnesium_oxide_raises_the_alert_naming_the_limit(browser: Browser, site: Site, width: int) -> None:
    with journal(browser, site, width) as seen:
        page = seen.page
        expect(page.locator("#j-alert")).to_be_hidden()
        page.select_option("#j-form-1", "oxide")
        page.fill("#j-amount-1", "1,000")  # as the label prints it
        page.check("#j-basis-1-c")
        page.locator("#j-count-1").press("Tab")
        expect(page.locator("#j-day-status")).to_have_text(
            "Magnesium from supplements on Saturday, 21 March 2026, with this entry: 603 mg, 172% of the limit (350 mg a day).")
        alert = page.get_by_role("alert").filter(has_text="at or above")
        expect(alert).to_be_visible()
        expect(alert).to_contain_text(ALERT)
        expect(alert).to_contain_text("With kidney disease, ask a doctor before taking any magnesium.")
        # Saved, the day stays at or above the limit: the alert stays, and the list says so in words.
        page.click("#j-save")
        expect(alert).to_contain_text(ALERT)
        expect(page.locator(".j-daysum")).to_have_text("Magnesium from supplements: 603 mg, at or above the limit of 350 mg a day. From food: 0 mg.")
        # Back below the limit on another day, it goes.
        page.fill("#j-date", "2026-03-20")
        amount = page.locator("#j-mg-rows [data-f=amount]")  # a new form: its product has a new number
        amount.fill("200")
        amount.press("Tab")
        expect(page.locator("#j-alert")).to_be_hidden()
        no_sideways_scroll(page, width)
        assert seen.errors == []


def test_entries_added_are_there_after_a_reload(browser: Browser, site: Site) -> None:
    with journal(browser, site) as seen:
        page = seen.page
        expect(page.locator("#j-none")).to_be_visible()
        add_entry(page, "oxide", "1000", "compound", ("Diazepam", "5", "mg"), anxiety="6", note="Rough night.\nBetter by noon.")
        page.fill("#j-time", "21:00")
        add_entry(page, "glycinate", "200", "elemental", ("Diazepam", "2.5", "mg"), anxiety="3")
        kept = stored(page)
        page.reload()
        expect(page.locator(".j-entry")).to_have_count(2)
        assert stored(page) == kept
        entries = kept["entries"]
        assert [e["mg"] for e in entries] == [[{"form": "oxide", "amount": 1000, "basis": "compound", "count": 1}],
                                              [{"form": "glycinate", "amount": 200, "basis": "elemental", "count": 1}]]
        assert [e["meds"] for e in entries] == [[{"name": "Diazepam", "dose": "5", "unit": "mg"}], [{"name": "Diazepam", "dose": "2.5", "unit": "mg"}]]
        assert [e["symptoms"] for e in entries] == [{"Anxiety": 6}, {"Anxiety": 3}]
        assert entries[0]["note"] == "Rough night.\nBetter by noon."
        day = page.locator(".j-dayblock")
        expect(day.locator("h3")).to_have_text(re.compile(r"Saturday,? 21 March 2026"))
        expect(day.locator(".j-daysum")).to_have_text("Magnesium from supplements: 803 mg, at or above the limit of 350 mg a day. From food: 0 mg.")
        expect(day.locator(".j-entry h4")).to_have_text(["21:00", "18:00"])  # newest first
        expect(day.locator(".j-entry").last).to_contain_text("Taper medicine: Diazepam 5 mg")
        # A mistake is taken out after a question; the other entry stays.
        answers: list[str] = []
        accept_dialogs(page, answers)
        day.get_by_role("button", name=re.compile("^Delete the entry of .*18:00$")).click()
        expect(page.locator(".j-entry")).to_have_count(1)
        expect(page.locator("#j-entries-h")).to_be_focused()
        assert [e["meds"][0]["dose"] for e in stored(page)["entries"]] == ["2.5"]
        assert re.fullmatch(r"Delete your entry for Saturday,? 21 March 2026 at 18:00\? This cannot be undone\.", answers[0])
        assert seen.errors == []


def test_export_then_import_gives_the_same_journal(browser: Browser, site: Site, tmp_path: Path) -> None:
    with journal(browser, site, seed=sample()) as seen:
        page = seen.page
        before = stored(page)
        with page.expect_download() as json_download:
            page.click("#j-export-json")
        copy = tmp_path / json_download.value.suggested_filename
        json_download.value.save_as(copy)
        assert copy.name == "magnesium-journal-2026-03-21.json"
        expect(page.locator("#j-data-status")).to_contain_text("Saved to your downloads as magnesium-journal-2026-03-21.json")
        with page.expect_download() as csv_download:
            page.click("#j-export-csv")
        csv = Path(csv_download.value.path()).read_text(encoding="utf-8-sig").splitlines()
        assert csv[0].startswith("date,time,magnesium products,") and len(csv) == 1 + len(before["entries"])
        answers: list[str] = []
        accept_dialogs(page, answers)
        page.click("#j-delete-all")
        expect(page.locator(".j-entry")).to_have_count(0)
        page.set_input_files("#j-import", copy)
        expect(page.locator("#j-import-what")).to_contain_text(f"This file holds {len(before['entries'])} entries")
        page.click("#j-replace")
        expect(page.locator("#j-data-status")).to_have_text(f"Your journal now holds the {len(before['entries'])} entries from the file.")
        assert stored(page) == before
        # The same file again, added rather than put in place: nothing is doubled.
        page.set_input_files("#j-import", copy)
        page.click("#j-merge")
        expect(page.locator("#j-data-status")).to_have_text("Added 0 entries from the file.")
        assert stored(page) == before
        assert answers[0].startswith("Delete every entry") and answers[1].startswith("Replace every entry")
        assert seen.errors == []


@pytest.mark.parametrize(("content", "message"), [
    (b"this is not a journal", "This file cannot be imported: it is not JSON. Nothing was changed."),
    (b'{"app": "another-app", "entries": []}', "This file cannot be imported: it is not a journal copy from this site. Nothing was changed."),
    (b'{"app": "magnesium-guide-journal", "schema": 99, "settings": {}, "entries": []}',
     "This file cannot be imported: it was made by a newer version of this page; reload the page while online, then try again. Nothing was changed."),
    (b'{"app": "magnesium-guide-journal", "schema": 1, "settings": {"group": "9+ years|", "symptoms": []},'
     b' "entries": [{"id": "x", "at": "2026-02-30T08:00", "mg": [], "foods": [], "meds": [], "symptoms": {}, "note": ""}]}',
     "This file cannot be imported: entry 1 has a day that does not exist. Nothing was changed."),
], ids=["not-json", "another-app", "newer", "no-such-day"])
def test_a_bad_file_gets_its_message_and_changes_nothing(browser: Browser, site: Site, tmp_path: Path, content: bytes, message: str) -> None:
    with journal(browser, site, seed=sample()) as seen:
        page = seen.page
        before = page.evaluate("key => localStorage.getItem(key)", KEY)
        bad = tmp_path / "journal.json"
        bad.write_bytes(content)
        page.set_input_files("#j-import", bad)
        alert = page.locator("#j-import-error")
        expect(alert).to_have_text(message)
        expect(alert).to_have_attribute("role", "alert")
        expect(page.locator("#j-import-choice")).to_be_hidden()
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == before
        page.reload()
        expect(page.locator(".j-entry")).to_have_count(len(sample()["entries"]))
        assert seen.errors == []


def test_delete_everything_asks_first_then_leaves_nothing(browser: Browser, site: Site) -> None:
    with journal(browser, site, seed=sample()) as seen:
        page = seen.page
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.click("#j-delete-all")
        assert stored(page) == sample()
        answers: list[str] = []
        accept_dialogs(page, answers)
        page.click("#j-delete-all")
        expect(page.locator("#j-data-status")).to_have_text("Deleted: this browser holds no journal entries now.")
        expect(page.locator(".j-entry")).to_have_count(0)
        assert page.evaluate("Object.keys(localStorage)") == []
        assert answers == ["Delete every entry and setting of this journal from this browser? This cannot be undone."
                           " Export a copy first if you may want them."]
        page.reload()
        expect(page.locator("#j-none")).to_be_visible()
        assert seen.errors == []


def test_no_request_leaves_the_site(browser: Browser, site: Site) -> None:
    with journal(browser, site, seed=sample()) as seen:
        page = seen.page
        add_entry(page, "citrate", "300", "compound")
        page.check("#j-view-report")
        with page.expect_download():
            page.click("#j-export-csv")
        page.wait_for_load_state("networkidle")
        outside = [url for url in seen.requests if not url.startswith((site.origin + "/", *LOCAL))]
        assert outside == []
        assert seen.errors == []


def test_the_journal_works_offline_after_the_first_visit(browser: Browser, site: Site) -> None:
    server, origin = serve_static(site.output)  # a server of its own, to take away
    running = True
    try:
        with journal(browser, site, origin=origin, seed=sample()) as seen:
            page = seen.page
            # Active, so its copy is made; the next load of the page goes through it, whether or not this one is controlled.
            # (page.wait_for_function would need eval, which the CSP refuses; a deadline stands in for its timeout.)
            assert page.evaluate(WITHIN_15_S % "navigator.serviceWorker.ready.then(r => r.active.scriptURL)") == f"{origin}{PATH}sw.js"
            page.context.set_offline(True)
            server.shutdown()
            server.server_close()  # nothing answers now: the worker's copy must
            running = False
            response = page.reload()
            assert response is not None and response.from_service_worker
            expect(page.locator("#j-app")).to_be_visible()
            expect(page.locator(".j-dayblock").first.locator("h3")).to_have_text(re.compile(r"Saturday,? 21 March 2026"))
            add_entry(page, "glycinate", "100", "elemental")
            page.check("#j-view-report")
            expect(page.locator("#j-chart")).to_be_visible()
            assert seen.errors == []
    finally:
        if running:
            server.shutdown()
            server.server_close()


@pytest.mark.parametrize("view", ("list", "report"))
def test_at_320_px_nothing_scrolls_sideways(browser: Browser, site: Site, view: str) -> None:
    with journal(browser, site, 320, seed=sample()) as seen:
        page = seen.page
        if view == "report":
            page.check("#j-view-report")
            expect(page.locator("#j-chart")).to_be_visible()
            expect(page.locator("#j-days td[data-label]").first).to_be_visible()
        page.click("[data-add=food]")
        no_sideways_scroll(page, 320)
        # Every control is at least 44 px tall, and the table's cells are labelled cards.
        small = page.evaluate("""[...document.querySelectorAll('#j-app button, #j-app select, #j-app input:not([type=radio]), #j-app summary')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 43.5).map(e => e.id || e.outerHTML.slice(0, 80))""")
        assert small == []
        if view != "list":
            label = page.evaluate("getComputedStyle(document.querySelector('.j-table td[data-label]'), '::before').content")
            assert label.startswith('"') and label.endswith(': "'), label
        assert seen.errors == []


def test_the_journal_works_from_the_keyboard_alone(browser: Browser, site: Site) -> None:
    with journal(browser, site, 375) as seen:
        page = seen.page
        keys = page.keyboard
        tab_to(page, "document.activeElement.id === 'j-form-1'", KEYBOARD_STEPS, "the first product's form")
        keys.press("Tab")
        keys.type("1000")
        keys.press("Tab")  # to the checked choice: elemental
        keys.press("ArrowDown")  # the weight of the whole compound
        expect(page.locator("#j-basis-1-c")).to_be_checked()
        keys.press("Tab")  # how many, 1 already
        keys.press("Tab")  # Remove this product
        keys.press("Tab")  # Add a magnesium product
        expect(page.locator("[data-add=mg]")).to_be_focused()
        keys.press("Tab")
        expect(page.locator("#j-name-2")).to_be_focused()
        keys.type("Diazepam")
        keys.press("Tab")
        keys.type("5")
        keys.press("Tab")
        keys.type("mg")
        expect(page.get_by_role("alert").filter(has_text="at or above")).to_contain_text(ALERT)
        keys.press("Enter")  # saves the form
        expect(page.locator("#j-saved")).to_contain_text("Saved: your entry for")
        expect(page.locator(".j-entry")).to_contain_text("Taper medicine: Diazepam 5 mg")
        # Delete it from the keyboard: focus goes to the list's heading.
        answers: list[str] = []
        accept_dialogs(page, answers)
        tab_to(page, "document.activeElement.dataset.delete !== undefined", KEYBOARD_STEPS * 2, "the entry's Delete button")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
        keys.press("Enter")
        expect(page.locator(".j-entry")).to_have_count(0)
        expect(page.locator("#j-entries-h")).to_be_focused()
        expect(page.locator("#j-list-status")).to_have_text("The entry is deleted.")
        assert len(answers) == 1
        assert seen.errors == []


def test_a_screen_reader_finds_labelled_fields_named_groups_and_named_buttons(browser: Browser, site: Site) -> None:
    with journal(browser, site, seed=sample()) as seen:
        page = seen.page
        form = page.locator("#j-form")
        expect(form.get_by_role("group", name="Magnesium product 1")).to_have_count(1)
        expect(form.get_by_role("combobox", name="Form of magnesium")).to_have_count(1)
        expect(form.get_by_role("textbox", name="Amount on the label for one capsule, tablet or scoop, in mg")).to_have_count(1)
        for name in ("Anxiety", "Sleep problems", "Muscle twitching", "Restlessness", "Loose stools"):
            expect(form.get_by_role("combobox", name=name, exact=True)).to_have_count(1)
        page.click("#j-save")  # nothing filled in
        expect(page.locator("#j-saved")).to_have_text("Nothing to save yet: add magnesium, a medicine, a rating, a food or a note.")
        page.fill("#j-amount-1", "two hundred")
        page.click("#j-save")
        amount = page.locator("#j-amount-1")
        expect(amount).to_be_focused()
        expect(amount).to_have_attribute("aria-invalid", "true")
        expect(amount).to_have_accessible_description("Enter the amount as a number, such as 200.")
        names = page.locator(".j-entry button").evaluate_all("buttons => buttons.map(b => b.textContent)")
        assert len(names) == len(set(names)) and names[0].startswith("Delete the entry of")
        expect(page.get_by_role("img", name="Timeline of symptoms, taper doses and magnesium")).to_have_count(0)
        page.check("#j-view-report")
        chart = page.get_by_role("img", name="Timeline of symptoms, taper doses and magnesium")
        expect(chart).to_have_accessible_description(re.compile(r"Days at or above it: 1\. The table gives every value\.$"))
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert len(ids) == len(set(ids))
        assert seen.errors == []


def test_symptoms_are_the_readers_own(browser: Browser, site: Site) -> None:
    with journal(browser, site) as seen:
        page = seen.page
        page.get_by_label("Anxiety", exact=True).select_option("4")  # a rating in hand survives the change
        symptoms = page.get_by_label("Symptoms you rate, one a line")
        expect(symptoms).to_have_value("Anxiety\nSleep problems\nMuscle twitching\nRestlessness\nLoose stools")
        symptoms.fill("Anxiety\nSleep problems\nMuscle twitching\nRestlessness\n  Tinnitus \n\nAnxiety")
        symptoms.press("Tab")
        expect(page.locator("#j-symptom-fields").get_by_label("Tinnitus")).to_have_count(1)
        expect(page.locator("#j-symptom-fields").get_by_label("Loose stools")).to_have_count(0)
        expect(page.get_by_label("Anxiety", exact=True)).to_have_value("4")
        page.reload()
        assert stored(page)["settings"]["symptoms"] == ["Anxiety", "Sleep problems", "Muscle twitching", "Restlessness", "Tinnitus"]
        # The limit is chosen once and kept.
        page.select_option("#j-limit", "4-8 years|")
        page.reload()
        expect(page.locator("#j-limit-used")).to_have_text("Age 4 to 8, 110 mg a day")
        assert seen.errors == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", (320, 1280))
@pytest.mark.parametrize("state", ("empty", "list", "report"))
def test_axe_finds_no_accessibility_violation(browser: Browser, site: Site, state: str, width: int, scheme: str) -> None:
    with journal(browser, site, width, scheme, seed=None if state == "empty" else sample()) as seen:
        page = seen.page
        if state == "report":
            page.check("#j-view-report")
        page.fill("#j-amount-1", "1000")
        page.check("#j-basis-1-c")
        page.locator("#j-amount-1").press("Tab")  # the alert is up
        expect(page.get_by_role("alert").filter(has_text="at or above")).to_be_visible()
        violations = Axe().run(page).response["violations"]
    assert violations == [], f"axe on {PATH} ({state}) at {width}px, {scheme}:\n{describe(violations)}"


def test_every_figure_shown_comes_from_the_reference_or_from_the_reader(browser: Browser, site: Site) -> None:
    with journal(browser, site, seed=sample()) as seen:
        page = seen.page
        page.fill("#j-amount-1", "1000")
        page.locator("#j-amount-1").press("Tab")
        page.click("[data-add=food]")
        assert unreferenced_amounts(page.content()) == []
        page.check("#j-view-report")
        html = page.content()
        assert "350 mg" in html and "803 mg" in html
        assert unreferenced_amounts(html) == []
        assert seen.errors == []


def test_the_print_view_is_the_report_of_the_chosen_days(browser: Browser, site: Site) -> None:
    with journal(browser, site, 1280, seed=sample()) as seen:
        page = seen.page
        page.fill("#j-from", "2026-03-08")
        page.fill("#j-to", "2026-03-21")
        page.check("#j-view-report")
        report = page.locator("#j-report")
        expect(report.locator("h3")).to_have_text(re.compile(r"Magnesium and taper journal, Sunday,? 8 March 2026 to Saturday,? 21 March 2026"))
        text = report.inner_text()
        assert "Days with entries: 14 of 14." in text
        assert re.search(r"Days at or above the limit: 1: Monday,? 16 March 2026\.", text), text
        assert "the most, 803 mg, on" in text
        expect(report.locator("#j-days tbody tr")).to_have_count(14)
        expect(report.locator("#j-days thead th")).to_have_text(["Day", "Taper medicine, as logged", "Magnesium products, as logged",
                                                                       "Magnesium from supplements", "Magnesium from food", "Anxiety",
                                                                       "Sleep problems", "Muscle twitching", "Restlessness"])
        expect(report.locator(".j-notes li")).to_have_text([re.compile(r"Friday,? 13 March 2026 at 21:30: A wave in the evening; walked it off\.")])
        page.emulate_media(media="print")
        for shown in ("#j-report h3", "#j-chart", "#j-days", "main aside.medical-disclaimer"):
            expect(page.locator(shown)).to_be_visible()
        for hidden in ("#j-form", "#j-list", "#j-settings", "#j-data", "#j-print", ".j-private", "#j-from", "#j-view-list"):
            expect(page.locator(hidden)).to_be_hidden()
        # On paper a table is a table, and the report fits on a few A4 pages.
        expect(page.locator("#j-days thead")).to_be_visible()
        pages = pdf_pages(page.pdf(format="A4"))
        assert 1 <= pages <= 3, f"the report prints on {pages} pages"
        page.emulate_media(media="screen")
        expect(page.locator("#j-print")).to_be_visible()
        assert seen.errors == []


def test_printing_from_the_list_prints_the_report_of_the_last_30_days(browser: Browser, site: Site) -> None:
    with journal(browser, site, 1280, seed=sample()) as seen:
        page = seen.page
        expect(page.locator("#j-report")).to_be_empty()
        page.evaluate("dispatchEvent(new Event('beforeprint'))")  # as the print dialog (or the Print button) does
        expect(page.locator("#j-report h3")).to_have_text(re.compile(r"20 February 2026 to Saturday,? 21 March 2026$"))
        expect(page.locator("#j-view-report")).to_be_checked()
        assert seen.errors == []


def test_a_screenshot_for_the_readme(browser: Browser, site: Site, screenshot_folder: Path) -> None:
    with journal(browser, site, 900, seed=sample()) as seen:
        page = seen.page
        page.check("#j-view-report")
        # The report from its heading to the end of the timeline's caption: what a doctor is handed first.
        top = page.evaluate("document.querySelector('#j-report h3').getBoundingClientRect().top + scrollY")
        bottom = page.evaluate("document.querySelector('#j-chart-d').getBoundingClientRect().bottom + scrollY")
        shot = screenshot_folder / "journal-report-900-light.png"
        page.screenshot(path=shot, full_page=True, clip={"x": 0, "y": top - 16, "width": 900, "height": bottom - top + 32})
        page.screenshot(path=screenshot_folder / "journal-900-light.png", full_page=True)
        assert seen.errors == []
    # Copied only when it differs, so an unchanged page leaves git clean.
    if not README_SCREENSHOT.exists() or README_SCREENSHOT.read_bytes() != shot.read_bytes():
        shutil.copyfile(shot, README_SCREENSHOT)
