"""Write N synthetic guides in the real content model, seeded, valid against the reference."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "magnesium", "sleep", "anxiety", "taper", "withdrawal", "muscle", "twitching", "nerve", "calm", "dose",
    "food", "intake", "supplement", "kidney", "doctor", "pharmacist", "evening", "morning", "routine",
    "symptom", "wave", "window", "reduction", "schedule", "glycinate", "citrate", "spinach", "almonds",
    "seeds", "beans", "grains", "water", "tired", "restless", "body", "brain", "signal", "receptor", "slowly",
    "gently", "week", "month", "day", "change", "record",
]
FOODS = [("pumpkin seeds", "1 oz", 156), ("almonds", "1 oz", 80), ("spinach, boiled", "1/2 cup", 78),
         ("cashews", "1 oz", 74), ("black beans", "1/2 cup", 60), ("brown rice", "1/2 cup", 42),
         ("banana", "1 medium", 32), ("avocado", "1/2 cup", 22), ("soymilk", "1 cup", 61), ("salmon", "3 oz", 26)]
FORMS = ["glycinate", "citrate", "oxide", "malate", "taurate", "threonate", "chloride", "lactate"]
INTAKES = [("19-30 years", "male", "400 mg/day"), ("19-30 years", "female", "310 mg/day"),
           ("31-50 years", "male", "420 mg/day"), ("31-50 years", "female", "320 mg/day"),
           ("51+ years", "male", "420 mg/day"), ("51+ years", "female", "320 mg/day"), ("1-3 years", None, "80 mg/day")]
SOURCE = {"id": "ods-magnesium", "title": "Magnesium: Fact Sheet for Health Professionals",
          "publisher": "NIH Office of Dietary Supplements", "url": "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"}
CATEGORIES = ["Benzodiazepine withdrawal", "Kratom and 7-OH", "Symptoms"]
TAGS = ["magnesium", "sleep", "anxiety", "twitching", "akathisia", "glycinate", "citrate", "food"]


def _sentence(rng: random.Random) -> str:
    """A sentence of 8-16 words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    """A paragraph of 4-7 sentences."""
    return " ".join(_sentence(rng) for _ in range(rng.randint(4, 7)))


def _comparison_table(rng: random.Random) -> str:
    """A Markdown table without amounts, as guides use for comparisons."""
    rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} {rng.choice(WORDS)} | {rng.choice(WORDS)} |" for _ in range(5))
    return "| Aspect | Option A | Option B |\n|---|---|---|\n" + rows


def guide(n: int, rng: random.Random) -> str:
    """One guide: about 900 words of body, two body tables, and every front-matter table kind."""
    foods = rng.sample(FOODS, 4)
    front = {
        "title": f"Guide {n}: {' '.join(rng.choice(WORDS) for _ in range(4))}",
        "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "category": rng.choice(CATEGORIES),
        "tags": rng.sample(TAGS, 3),
        "summary": _sentence(rng),
        "last_reviewed": "2026-11-20",
        "sources": [SOURCE],
        "foods": [{"food": f, "serving": s, "magnesium_mg": mg} for f, s, mg in foods],
        "forms": [{"form": f} for f in rng.sample(FORMS, 3)],
        "doses": [
            {"caption": "Recommended intake", "kind": "intake",
             "rows": [{k: v for k, v in (("life_stage", st), ("sex", sx), ("amount", a)) if v} for st, sx, a in rng.sample(INTAKES, 3)]},
            {"caption": "Supplement amounts", "kind": "supplement",
             "rows": [{"form": rng.choice(FORMS[:2]), "amount": f"{rng.choice([100, 150, 200])}-350 mg/day"}]},
        ],
        "faqs": [{"q": _sentence(rng)[:-1] + "?", "a": _paragraph(rng)} for _ in range(2)],
    }
    sections = []
    for index in range(6):
        sections.append(f"## {_sentence(rng)[:-1]}\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}")
        if index in (1, 4):
            sections.append(_comparison_table(rng))
    body = "\n\n".join(sections[:3]) + "\n\n[[doses]]\n\n" + "\n\n".join(sections[3:]) + "\n\n[[foods]]\n"
    header: str = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
    return "---\n" + header + "---\n\n" + body


def write_corpus(target: Path, count: int, seed: int = 1) -> Path:
    """Lay out a content folder with `count` guides, the site pages and the reference file."""
    rng = random.Random(seed)
    content = target / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "guides").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copytree(ROOT / "content" / "data", content / "data")
    # The get-help boxes name the real guides; the generated site has none of them.
    boxes = yaml.safe_load((content / "data" / "help.yaml").read_text(encoding="utf-8"))
    boxes.pop("start_here", None)
    for topic in boxes["topics"].values():
        topic.pop("for_guides", None)
    (content / "data" / "help.yaml").write_text(yaml.safe_dump(boxes, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for n in range(count):
        (content / "guides" / f"guide-{n:05d}.md").write_text(guide(n, rng), encoding="utf-8")
    return content
