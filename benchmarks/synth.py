"""A synthetic handbook of any size, for benchmarks and scale tests: `python -m generator synth`.

Writes OUT/content/ (the four kinds in the proportions of a grown handbook: 20% archetypes, 35%
symptoms, 35% responses, 10% sources), every text in the four languages and of the length of the
real entries, relations and citations that resolve; and OUT/mkdocs.yml, the repository's own with
its paths made absolute, so `mkdocs build -f OUT/mkdocs.yml` builds it like the real handbook.
The same N (and seed) always gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

from generator.content.handbook import RESERVED_IDS, SOURCE_ANCHORS
from generator.content.model import KIND_ORDER
from generator.content.schemas import TAGS
from generator.language.codes import LANGUAGES

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "generator" / "schemas"
SHARES = {"archetypes": 0.20, "symptoms": 0.35, "responses": 0.35, "sources": 0.10}
SOURCE_LANGUAGES = ("ro", "ro", "ru", "fr", "en")  # like the real sources: mostly Romanian

# Word pools per language: function words repeated so that they come up as often as in prose.
WORDS = {
    "en": """the the the a a and and to to of of in in you you your is is it that that for with
        not when they their this on be as at but or if client client clients project project work work
        deadline budget contract invoice meeting scope request change changes email call report design
        feature payment discount estimate team manager specification revision agreement proposal prototype
        launch website price schedule approval feedback detail task weekend night promise bonus colleague
        director answer asks wants expects refuses demands forgets promises delays insists calls writes
        checks compares rejects approves questions ignores repeats sends agrees signs pays explains
        silent anxious urgent generous stubborn careful vague friendly busy demanding polite impatient
        nervous curious distant strict doubtful ambitious forgetful always never often rarely again only
        more less before after every each then because until once still already written clear whole""",
    "fr": """le le la la les les de de des des et et un une à à vous vous votre est est il il que que
        pour avec pas quand ils leur ce sur dans mais ou si client client clients projet projet travail
        délai budget contrat facture réunion périmètre demande changement courriel appel rapport
        maquette fonctionnalité paiement remise devis équipe responsable cahier révision accord
        proposition prototype lancement site prix calendrier validation retour détail tâche week-end
        nuit promesse prime collègue directeur réponse demande veut attend refuse exige oublie promet
        retarde insiste appelle écrit vérifie compare rejette approuve envoie signe paie explique
        silencieux anxieux pressé généreux têtu prudent flou aimable occupé exigeant poli impatient
        nerveux curieux distant strict méfiant toujours jamais souvent rarement encore seulement plus
        moins avant après chaque puis parce jusqu'à déjà écrit clair entier très même""",
    "ro": """și și și de de de la la în în că că nu nu cu cu pe pe o o un un este este să să ce ce
        pentru dar sau dacă când lor acest clientul clientul clienți proiectul proiectul munca termenul
        bugetul contractul factura întâlnirea volumul cererea schimbarea mesajul apelul raportul
        designul funcționalitatea plata reducerea estimarea echipa managerul caietul revizia înțelegerea
        propunerea prototipul lansarea site-ul prețul programul aprobarea părerea detaliul sarcina
        weekendul noaptea promisiunea prima colegul directorul răspunsul cere vrea așteaptă refuză
        pretinde uită promite amână insistă sună scrie verifică compară respinge aprobă trimite
        semnează plătește explică tăcut grăbit generos încăpățânat atent vag prietenos ocupat
        pretențios politicos nerăbdător curios strict mereu niciodată des rareori iar doar mai puțin
        înainte după fiecare apoi pentru până deja scris clar întreg foarte""",
    "ru": """и и и в в в не не на на что что с с вы вы ваш это это он он они как как по по к к для
        но или если когда их клиент клиент клиенты проект проект работа работу срок бюджет договор
        счёт встреча объём просьба изменение письмо звонок отчёт дизайн функция оплата скидка оценка
        команда менеджер задание правка договорённость предложение прототип запуск сайт цена график
        согласование отзыв деталь задача выходные ночь обещание премия коллега директор ответ просит
        хочет ждёт отказывается требует забывает обещает откладывает настаивает звонит пишет проверяет
        сравнивает отклоняет одобряет отправляет подписывает платит объясняет молчаливый тревожный
        срочный щедрый упрямый осторожный размытый дружелюбный занятой требовательный вежливый
        нетерпеливый нервный любопытный строгий всегда никогда часто редко снова только больше меньше
        до после каждый потом потому пока уже письменно ясно целиком очень""",
}
WORDS = {lang: [w.strip(",\"") for w in words.split() if w.strip(",\"")] for lang, words in WORDS.items()}
# Latin-letter words for ids and English names, in groups that make plausible names.
ADJECTIVES = """silent anxious urgent generous stubborn careful vague friendly busy demanding polite impatient
    nervous curious distant strict doubtful ambitious forgetful cheerful secretive restless proud cautious
    chaotic formal casual loud quiet thrifty lavish rigid flexible moody loyal absent hasty picky bold
    timid clever""".split()
NOUNS = """perfectionist bargainer critic visionary skeptic optimist veteran newcomer committee founder
    delegate auditor collector dreamer planner micromanager negotiator ghost pessimist enthusiast
    insider outsider gatekeeper tinkerer hoarder storyteller""".split()
VERBS = """asks demands refuses expects changes forgets delays questions rejects compares repeats postpones
    doubles ignores rewrites cancels reopens escalates""".split()
OBJECTS = """discounts deadlines invoices estimates meetings revisions features approvals contracts reports
    prototypes payments specifications priorities budgets designs timelines""".split()
WHENS = """after-delivery at-night on-weekends before-launch by-phone in-writing every-day without-notice
    at-the-last-minute in-public through-the-boss during-the-test after-signing mid-sprint""".split()
ACTIONS = """agree confirm document limit price schedule split escalate review share explain decline trade
    record summarise clarify test bundle""".split()
THINGS = """scope payments changes meetings reports deadlines revisions priorities approvals risks
    expectations handovers""".split()
HOWS = """in-writing upfront weekly with-a-fee with-examples in-person by-email step-by-step with-a-deadline
    with-the-team early calmly""".split()
SECTION_WORDS = """context story lesson advice example warning comment reply method summary-of-cases
    checklist first-meeting money deadlines scope control conflict trust""".split()


def counts(entries: int) -> dict[str, int]:
    """How many entries of each kind a handbook of this size has (at least one of each)."""
    if entries < len(KIND_ORDER):
        raise ValueError(f"a handbook needs at least {len(KIND_ORDER)} entries, one of each kind")
    result = {kind: max(1, round(entries * SHARES[kind])) for kind in KIND_ORDER}
    result["responses"] += entries - sum(result.values())  # rounding: the total is exactly N
    return result


class _Writer:
    """Draws every text and relation from one seeded generator, in a fixed order."""

    def __init__(self, entries: int, seed: int):
        self.rng = random.Random(f"handbook-synth:{entries}:{seed}")
        self.sizes = counts(entries)
        self.taken: set[str] = set(RESERVED_IDS)

    # Texts -----------------------------------------------------------------------------------
    def sentence(self, lang: str, words: int) -> str:
        picked = [self.rng.choice(WORDS[lang]) for _ in range(words)]
        if words > 9 and self.rng.random() < 0.5:
            cut = self.rng.randrange(3, words - 3)
            picked[cut] += ","
        if self.rng.random() < 0.08:  # quotes, as in the articles' words to say
            start = self.rng.randrange(1, words - 1)
            picked[start] = "«" + picked[start]
            picked[start + 1] += "»"
        return picked[0][:1].upper() + picked[0][1:] + " " + " ".join(picked[1:]) + \
            self.rng.choice(".....!?")

    def prose(self, lang: str, chars: int) -> str:
        """Sentences of this language, about chars characters long in all."""
        out: list[str] = []
        length = 0
        while length < chars:
            words = max(4, min(18, round((chars - length) / 7)))  # ~7 characters a word
            out.append(self.sentence(lang, self.rng.randint(4, words) if words > 6 else words))
            length += len(out[-1]) + 1
        return " ".join(out)

    def text(self, mean: int, spread: float = 0.3) -> dict[str, str]:
        """One text in all four languages, around mean characters in English."""
        base = max(12, int(self.rng.gauss(mean, mean * spread)))
        stretch = {"en": 1.0, "fr": 1.1, "ro": 1.0, "ru": 0.97}
        return {lang: self.prose(lang, int(base * stretch[lang])) for lang in LANGUAGES}

    def title(self, lang: str, words: int) -> str:
        picked = [self.rng.choice(WORDS[lang]) for _ in range(words)]
        return picked[0][:1].upper() + picked[0][1:] + (" " + " ".join(picked[1:]) if words > 1 else "")

    def names(self, english: str, words: int) -> dict[str, str]:
        return {"en": english, **{lang: self.title(lang, words) for lang in LANGUAGES[1:]}}

    # Ids --------------------------------------------------------------------------------------
    def new_id(self, *parts: str) -> str:
        base = "-".join(parts)[:58].strip("-")
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def sample(self, pool: list[str], low: int, high: int, exclude: str = "") -> list[str]:
        choices = [x for x in pool if x != exclude] if exclude else pool
        return self.rng.sample(choices, min(len(choices), self.rng.randint(low, high)))

    def links(self, ids: list[str], note_share: float) -> list:
        return [{"id": i, "note": self.text(50)} if self.rng.random() < note_share else i for i in ids]

    def citations(self, sources: dict[str, list[str]], low: int, high: int) -> list[dict]:
        wanted = self.rng.randint(low, high)
        picked: list[tuple[str, str]] = []
        source_ids = list(sources)
        for _ in range(wanted * 3):
            source = self.rng.choice(source_ids)
            pair = (source, self.rng.choice(sources[source]))
            if pair not in picked:
                picked.append(pair)
            if len(picked) == wanted:
                break
        return [{"source": s, "section": c} for s, c in picked]

    def tags(self, low: int, high: int) -> list[str]:
        return [t for t in TAGS if t in self.rng.sample(TAGS, self.rng.randint(low, high))]

    def former_ids(self, entry_id: str) -> list[str]:
        if self.rng.random() < 0.03:
            return [self.new_id("old", entry_id[:50])]
        return []

    # Entries ----------------------------------------------------------------------------------
    def ids(self) -> dict[str, list[str]]:
        """The ids of every kind, drawn first so that relations can point forward."""
        rng = self.rng
        return {
            "archetypes": [self.new_id(rng.choice(ADJECTIVES), rng.choice(NOUNS))
                           for _ in range(self.sizes["archetypes"])],
            "symptoms": [self.new_id(rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(WHENS))
                         for _ in range(self.sizes["symptoms"])],
            "responses": [self.new_id(rng.choice(ACTIONS), rng.choice(THINGS), rng.choice(HOWS))
                          for _ in range(self.sizes["responses"])],
            "sources": [self.new_id("article", rng.choice(SECTION_WORDS), rng.choice(NOUNS))
                        for _ in range(self.sizes["sources"])],
        }

    def source(self, entry_id: str) -> dict:
        rng = self.rng
        lang = rng.choice(SOURCE_LANGUAGES)
        section_ids = ["intro"]
        for _ in range(rng.randint(3, 9)):
            section_ids.append(self.section_id(section_ids))
        section_ids.append("conclusion")
        sections = []
        for sid in section_ids:
            paragraphs = []
            for _ in range(rng.randint(1, 4)):
                if rng.random() < 0.25:
                    paragraphs.append("\n".join(f"{i}. {self.prose(lang, rng.randint(30, 120))}"
                                                for i in range(1, rng.randint(2, 5) + 1)))
                else:
                    paragraphs.append(self.prose(lang, max(60, int(rng.gauss(300, 180)))))
            sections.append({"id": sid, "heading": self.title(lang, rng.randint(1, 5)),
                             "text": "\n\n".join(paragraphs)})
        data = {"language": lang, "title": self.title(lang, rng.randint(3, 7)),
                "name": self.names(self.title("en", rng.randint(3, 6)), rng.randint(3, 6))}
        if rng.random() < 0.7:
            data["url"] = f"https://example.org/articles/{entry_id}"
        data["summary"] = self.text(370, 0.15)
        data["sections"] = sections
        former = self.former_ids(entry_id)
        if former:
            data["former_ids"] = former
        return data

    def section_id(self, taken: list[str]) -> str:
        while True:
            sid = "-".join(self.rng.sample(SECTION_WORDS, self.rng.randint(1, 2)))
            if sid not in taken and sid not in SOURCE_ANCHORS:
                return sid

    def archetype(self, entry_id: str, ids: dict, sources: dict) -> dict:
        rng = self.rng
        english = entry_id.replace("-", " ").capitalize()
        data = {"name": self.names(english, 2),
                "aliases": [self.title(rng.choice(LANGUAGES), rng.randint(1, 3))
                            for _ in range(rng.randint(2, 8))],
                "summary": self.text(240, 0.2), "why": self.text(200, 0.3),
                "symptoms": self.links(self.sample(ids["symptoms"], 1, 5), 0.8),
                "responses": self.links(self.sample(ids["responses"], 2, 6), 1.0),
                "avoid": [self.text(90) for _ in range(rng.randint(1, 3))],
                "related": self.sample(ids["archetypes"], 1, 3, exclude=entry_id),
                "tags": self.tags(1, 3),
                "citations": self.citations(sources, 1, 8)}
        data["aliases"] = list(dict.fromkeys(data["aliases"]))
        if not data["related"]:
            del data["related"]
        return self.finish(entry_id, data)

    def symptom(self, entry_id: str, ids: dict, sources: dict) -> dict:
        rng = self.rng
        english = entry_id.replace("-", " ").capitalize()
        data = {"name": self.names(english, rng.randint(3, 7)), "summary": self.text(225, 0.2),
                "examples": [self.text(90) for _ in range(rng.choice((1, 1, 1, 2, 3)))],
                "citations": self.citations(sources, 1, 3)}
        return self.finish(entry_id, data)

    def response(self, entry_id: str, ids: dict, sources: dict) -> dict:
        rng = self.rng
        english = entry_id.replace("-", " ").capitalize()
        data = {"name": self.names(english, rng.randint(3, 6)), "summary": self.text(235, 0.2),
                "steps": [self.text(90, 0.5) for _ in range(rng.randint(3, 5))]}
        if rng.random() < 0.8:
            data["say"] = [self.text(100, 0.4) for _ in range(rng.randint(1, 2))]
        data["avoid"] = [self.text(80) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        data["symptoms"] = self.links(self.sample(ids["symptoms"], 1, 5), 0.4)
        data["tags"] = self.tags(1, 3)
        data["citations"] = self.citations(sources, 1, 5)
        return self.finish(entry_id, data)

    def finish(self, entry_id: str, data: dict) -> dict:
        former = self.former_ids(entry_id)
        if former:
            data["former_ids"] = former
        return data


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block-style YAML with no anchors or aliases (the loader refuses them)."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data: dict, kind: str, path: Path) -> None:
    """Write one entry as the real ones are written: a schema line, then block-style YAML."""
    schema = (SCHEMAS / f"{kind[:-1]}.schema.json").as_posix()
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def project_config(text: str, repo: Path = REPO) -> str:
    """The repository's mkdocs.yml, its paths into the repository made absolute.

    docs_dir (content/) and site_dir stay relative: they are the synthetic project's own. The
    `!!python/...` tags stay as written, which is why this edits lines rather than loading YAML.
    """

    def absolute(value: str) -> str:
        if os.path.isabs(value) or not (repo / value).exists():
            return value
        return json.dumps(str((repo / value).resolve()))

    out, section = [], ""
    for line in text.splitlines():
        top = re.match(r"^([A-Za-z_]+):", line)
        if top:
            section = top.group(1)
        single = re.match(r"""^(\s*(?:custom_dir|INHERIT):\s*)(["']?)([^"'#\s]+)\2(\s*(?:#.*)?)$""", line)
        item = re.match(r"""^(\s*-\s*)(["']?)([^"'#\s]+)\2(\s*(?:#.*)?)$""", line)
        if single:
            line = single.group(1) + absolute(single.group(3)) + single.group(4)
        elif item and section in ("watch", "hooks"):
            line = item.group(1) + absolute(item.group(3)) + item.group(4)
        out.append(line)
    return "\n".join(out) + "\n"


def synthesize(entries: int, out: Path, seed: int = 0, force: bool = False) -> dict[str, int]:
    """Write a synthetic project of `entries` entries into out; returns the count per kind."""
    out = Path(out)
    content = out / "content"
    if content.exists() and any(content.iterdir()):
        if not force:
            raise FileExistsError(f"{content} is not empty (use --force to replace it)")
        shutil.rmtree(content)
    writer = _Writer(entries, seed)
    ids = writer.ids()
    # Sections first: every citation must name a section its source has.
    source_data = {sid: writer.source(sid) for sid in ids["sources"]}
    sections = {sid: [s["id"] for s in data["sections"]] for sid, data in source_data.items()}
    make = {"archetypes": writer.archetype, "symptoms": writer.symptom, "responses": writer.response}
    for kind in KIND_ORDER:
        folder = content / kind
        folder.mkdir(parents=True, exist_ok=True)
        for entry_id in ids[kind]:
            data = source_data[entry_id] if kind == "sources" else make[kind](entry_id, ids, sections)
            dump(data, kind, folder / f"{entry_id}.yml")
    config = REPO / "mkdocs.yml"
    if config.is_file():
        (out / "mkdocs.yml").write_text(project_config(config.read_text("utf-8")), encoding="utf-8")
    return writer.sizes


def cmd_synth(args: argparse.Namespace) -> int:
    """Write a synthetic handbook project of N entries."""
    try:
        sizes = synthesize(args.entries, Path(args.out), args.seed, args.force)
    except (ValueError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    counted = ", ".join(f"{n} {kind}" for kind, n in sizes.items())
    config = Path(args.out) / "mkdocs.yml"
    build = f"build with `mkdocs build -f {config}`" if config.is_file() else \
        f"no mkdocs.yml copied ({REPO / 'mkdocs.yml'} not found)"
    print(f"Wrote {sum(sizes.values())} entries ({counted}) to {Path(args.out) / 'content'}; {build}.")
    return 0


def register_command(sub) -> None:
    """Add `synth` to the subcommands of `python -m generator`."""
    synth = sub.add_parser("synth", help="write a synthetic handbook of N entries (benchmarks, scale tests)",
                           description="Write DIR/content/ with N valid entries of all four kinds in all "
                                       "four languages, and DIR/mkdocs.yml to build them. Deterministic: "
                                       "the same N and seed give the same files.")
    synth.add_argument("--entries", type=int, required=True, metavar="N",
                       help="how many entries (at least 4)")
    synth.add_argument("--out", required=True, metavar="DIR", help="the project folder to write")
    synth.add_argument("--seed", type=int, default=0,
                       help="another seed gives another handbook of the same size")
    synth.add_argument("--force", action="store_true", help="replace DIR/content if it is not empty")
    synth.set_defaults(run=cmd_synth)
