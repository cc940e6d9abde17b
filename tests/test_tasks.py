"""The writers' commands, run as writers run them: `invoke check`, `invoke build`, `invoke new`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support import BAD

from conftest import INVOKE, invoke

EXPECTED = [
    "content/guides/bad.md:11: doses[0].rows[0].amount: found 1-2 g/day elemental; reference says the UL for adults is 350 mg/day"
    " of magnesium (supplements and medications only, not magnesium in food and water); as the weight of magnesium"
    " L-threonate, 1-2 g/day is about 72-166 mg/day elemental: set basis: compound if the label gives the compound"
    " weight (fnb-dri-1997)",
    "content/guides/bad.md:16: body: found a table cell with the amount '300-600 mg'; move dose, intake and food amounts"
    " into the front matter (doses, foods) and place the checked table with [[doses]] or [[foods]]",
]


def test_check_and_build_report_the_same_findings_and_exit_codes(project: Path) -> None:
    (project / "content" / "guides" / "bad.md").write_text(BAD, encoding="utf-8")
    checked = invoke(project, "check")
    built = invoke(project, "build")
    assert (checked.returncode, built.returncode) == (1, 1)
    for result in (checked, built):
        lines = result.stderr.splitlines()
        assert [line for line in lines if line.startswith("content/")] == EXPECTED
        assert "Traceback" not in result.stderr + result.stdout
    assert checked.stderr.splitlines()[-1] == "check failed: 2 errors in 1 file and 1 warning"
    assert built.stderr.splitlines()[-1] == "build failed: 2 errors in 1 file and 1 warning: nothing was written; fix them and build again"
    assert not (project / "output").exists()


def test_check_writes_nothing_and_passes_a_good_site(project: Path) -> None:
    result = invoke(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "checked 3 files: no errors and 1 warning"
    assert not (project / "output").exists()
    assert not (project / "cache").exists()


def test_check_reuses_what_the_last_build_checked_and_rereads_only_edited_files(project: Path) -> None:
    bad = project / "content" / "guides" / "bad.md"
    bad.write_text(BAD, encoding="utf-8")
    cold = invoke(project, "check")
    assert invoke(project, "build").returncode == 1  # the build reads and caches every file, then refuses
    warm = invoke(project, "check")
    assert (warm.returncode, warm.stderr) == (cold.returncode, cold.stderr) == (1, cold.stderr)
    # An edit after the build is read afresh: the fixed guide passes, a new amount in another guide is found.
    bad.unlink()
    guide = project / "content" / "guides" / "every-table.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nTake 600 mg at night.\n", encoding="utf-8")
    edited = invoke(project, "check")
    assert edited.returncode == 1
    errors = [line for line in edited.stderr.splitlines() if line.startswith("content/")]
    assert len(errors) == 1 and errors[0].startswith("content/guides/every-table.md:")
    assert ": body: found the amount '600 mg' in the text: \"Take 600 mg at night.\"" in errors[0]


def test_a_failed_build_leaves_the_previous_site(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    (project / "content" / "guides" / "bad.md").write_text(BAD, encoding="utf-8")
    assert invoke(project, "build").returncode == 1
    after = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    assert after == before


def test_new_scaffolds_a_guide_that_passes_check(project: Path) -> None:
    result = invoke(project, "new", "Magnesium & sleep: a \"plain\" guide")
    assert result.returncode == 0, result.stderr
    created = project / "content" / "guides" / "magnesium-sleep-a-plain-guide.md"
    assert result.stdout.strip() == f"created {os.path.relpath(created, project)}; edit it, then run: invoke check"
    text = created.read_text(encoding="utf-8")
    for field in ("title:", "date:", "category:", "tags:", "summary:", "last_reviewed:", "sources:", "foods:", "forms:", "doses:", "faqs:"):
        assert f"\n{field}" in text
    # The scaffold shows checked figures in the body, a FAQ answer and a note, and they pass.
    assert "{{intake: adults}}" in text and "{{limit: adults}}" in text and "{{food: spinach, boiled; 1 cup}}" in text
    assert invoke(project, "check").returncode == 0
    assert invoke(project, "build").returncode == 0
    page = (project / "output" / "benzodiazepine-withdrawal" / "magnesium-sleep-a-plain-guide" / "index.html").read_text(encoding="utf-8")
    assert '<span class="figure" data-ref="fnb-dri-1997"' in page and ">310–420 mg a day</span>" in page
    again = invoke(project, "new", "Magnesium & sleep: a \"plain\" guide")
    assert again.returncode == 1
    assert again.stderr.strip() == "new: content/guides/magnesium-sleep-a-plain-guide.md already exists; pick another title"


OVERDUE = BAD.replace("last_reviewed: 2026-11-20", "last_reviewed: 2024-03-01").split("doses:")[0] + "---\n\nBody.\n"


def test_an_overdue_review_warns_on_build_and_fails_publish(project: Path) -> None:
    (project / "content" / "guides" / "overdue.md").write_text(OVERDUE, encoding="utf-8")
    message = ("content/guides/overdue.md:6: last_reviewed: found 2024-03-01 (review due 2025-03-01), which has passed;"
               " review the guide against its sources, then update last_reviewed and next_review_due")
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    assert f"warning: {message}" in built.stderr.splitlines()
    published = os.readlink(project / "output")
    result = invoke(project, "publish")
    assert result.returncode == 1
    assert message in result.stderr.splitlines()
    assert os.readlink(project / "output") == published


def test_nothing_is_written_outside_the_project(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("home")
    cache = tmp_path_factory.mktemp("xdg-cache")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(cache))
    for command in ("check", "build", "check"):
        result = subprocess.run([str(INVOKE), command], cwd=project, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
    assert list(home.iterdir()) == [] and list(cache.iterdir()) == []


def test_check_and_build_agree_on_addresses_titles_and_templates(project: Path) -> None:
    guides, pages = project / "content" / "guides", project / "content" / "pages"
    original = (guides / "every-table.md").read_text(encoding="utf-8")
    # A second guide at the first one's address, a third with its title, a page at the reference page's address,
    # and a page naming a template the theme does not have.
    (guides / "same-slug.md").write_text(original.replace("title: Every table kind", "title: Another\nslug: every-table-kind"),
                                         encoding="utf-8")
    (guides / "same-title.md").write_text(original.replace("title: Every table kind", "title: Every  table KIND"), encoding="utf-8")
    (pages / "ref.md").write_text("---\ntitle: Ref\nslug: reference\n---\nText.\n", encoding="utf-8")
    (pages / "diary.md").write_text("---\ntitle: Diary\nslug: journal\n---\nText.\n", encoding="utf-8")
    (pages / "odd.md").write_text("---\ntitle: Odd\ntemplate: nosuchtemplate\n---\nText.\n", encoding="utf-8")
    want = [
        "content/guides/same-slug.md:3: slug: found 'every-table-kind', the address content/guides/every-table.md already has"
        " (test-topic/every-table-kind/index.html); give each guide and page its own slug: or title:",
        "content/guides/same-title.md:2: title: found 'Every  table KIND' again (content/guides/every-table.md has it);"
        " give each guide its own title, so readers can tell them apart in lists",
        "content/guides/same-title.md:2: title: found 'every-table-kind', the address content/guides/every-table.md already"
        " has (test-topic/every-table-kind/index.html); give each guide and page its own slug: or title:",
        "content/pages/diary.md:3: slug: found 'journal', which is the address of the journal page (journal/index.html);"
        " give this one another slug: or title:",
        "content/pages/odd.md:3: template: found 'nosuchtemplate'; expected a template of the theme: 404, archives, article,"
        " categories, category, doctor, index, journal, page, reference, search, tag or tags",
        "content/pages/ref.md:3: slug: found 'reference', which is the address of the dose reference page"
        " (reference/index.html); give this one another slug: or title:",
    ]
    for command in ("check", "build"):
        result = invoke(project, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert sorted(line for line in result.stderr.splitlines() if line.startswith("content/")) == want, command
    assert not (project / "output").exists()


def test_special_files_and_links_out_of_the_project_get_one_message_each_without_hanging(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    guides = project / "content" / "guides"
    os.mkfifo(guides / "pipe.md")
    (guides / "zero.md").symlink_to("/dev/zero")
    outside = tmp_path_factory.mktemp("elsewhere") / "guide.md"
    outside.write_text((guides / "every-table.md").read_text(encoding="utf-8"), encoding="utf-8")
    (guides / "linked.md").symlink_to(outside)
    want = [
        f"content/guides/linked.md: file: found a link to {outside.resolve()}, outside the content folder; copy the file into"
        " the content folder instead of linking to it",
        "content/guides/pipe.md: file: found a named pipe (FIFO); a guide must be a regular file: replace it with a Markdown"
        " file or remove it",
        "content/guides/zero.md: file: found a device; a guide must be a regular file: replace it with a Markdown file or remove it",
    ]
    for command in ("check", "build"):
        result = invoke(project, command)  # the helper's timeout turns a hang into a failure
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert sorted(line for line in result.stderr.splitlines() if line.startswith("content/")) == want, command


def test_front_matter_nested_a_thousand_levels_is_one_message(project: Path) -> None:
    deep = "---\ntitle: Deep\nsummary: " + "[" * 1000 + "]" * 1000 + "\n---\nText.\n"
    (project / "content" / "guides" / "deep.md").write_text(deep, encoding="utf-8")
    for command in ("check", "build"):
        result = invoke(project, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert [line for line in result.stderr.splitlines() if line.startswith("content/")] == [
            "content/guides/deep.md:3: summary: found lists or fields nested more than 20 levels deep; expected the front"
            " matter's own fields, a few levels deep: check brackets and indentation"], command
