"""Read the knowledge and intent YAML files into the immutable objects of knowledge/model.py.

Staff edit these files by hand, so the loader is built to explain rather than to stop: it reads every
file, collects every problem with the file and line it sits on and a hint on how to fix it, skips only
what cannot be built (a file that is not valid YAML, an item without a usable id or a required field)
and loads the rest.

    kb, problems = load(Path("knowledge"), Path("intents"))
    kb = load_or_raise(Path("knowledge"), Path("intents"))   # KnowledgeError if any error

`as_of` dates are checked against today's date (an `as_of` in the future is a typo); tests pass `today`.

Line numbers come from PyYAML's node tree (`yaml.compose`): every key, value and list item keeps the
mark where it starts, so each problem points at its own line. Plain scalars are read as the text that
was written (`answer: No` stays "No", `id: 2024` stays "2024"), because every value in these files is
a text; YAML 1.1's booleans and numbers would only surprise the people who write them.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Literal
from urllib.parse import urlsplit

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from knowledge import eligibility, windows
from knowledge.model import (ASPECTS, AUDIENCES, Agency, Area, AsOf, Faq, Intent, KnowledgeBase, Program,
                             Referral, Source, Text)

__all__ = ["KnowledgeError", "Problem", "load", "load_or_raise", "yaml_files"]

Severity = Literal["error", "warning"]

# libyaml is several times faster; the pure-Python loader gives the same nodes and marks.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NESTING = 64  # levels of lists and maps in one file; real knowledge files use fewer than ten


def _nesting_beyond(text: str, limit: int) -> int:
    """The line where lists or maps first nest deeper than `limit`, or 0.

    libyaml's composer (and PyYAML's) recurses once per level, so a file nested tens of thousands of
    levels deep, in brackets (`[[[[`) or in block style (`- - - -`, or keys indented further and further),
    would crash the process before any problem could be reported. The parser underneath keeps its own
    stack, not the C stack, so walking its events first is safe at any depth, and cheap (a fraction of
    the cost of composing).
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_YamlLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limit:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return 0  # a syntax error: composing reports it, with its line, below
    return 0

ID_PATTERN = re.compile(r"[a-z0-9-]+")
LANGS: tuple[str, ...] = ("ko", "en")
# Actions handled in code by the Telegram layer; anything else is probably a typo (a warning only, so a
# new action can be written before its handler lands).
KNOWN_ACTIONS: tuple[str, ...] = ("followup", "browse", "forget")

# The keys each kind of mapping may hold, in the order the format describes them.
FIELDS: dict[str, tuple[str, ...]] = {
    "knowledge file": ("agency", "area", "programs", "faqs", "referrals"),
    "intents file": ("intents",),
    "agency": ("name", "url"),
    "area": ("id", "name", "order"),
    "program": ("id", "name", "aliases", "audience", "run_by", "summary", *ASPECTS, "url", "questions",
                "as_of", "source", "criteria", "windows"),
    "faq": ("id", "questions", "answer", "programs", "url", "as_of", "source"),
    "referral": ("id", "name", "aliases", "questions", "answer", "url", "contact", "as_of", "source"),
    "intent": ("id", "examples", "reply", "action"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "program": ("id", "name", "summary"),
    "faq": ("id", "questions", "answer"),
    "referral": ("id", "name", "questions", "answer"),  # and url or contact, checked on its own
    "intent": ("id", "examples"),  # and reply or action, checked on its own
}
AS_OF_PATTERN = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_AS_OF_FORM = "write the year, month or day the facts hold for: 2025, 2025-06 or 2025-06-10"
_FIX_MISSING: dict[str, str] = {
    "id": "add id: a-short-name (lowercase letters, digits and '-', unique across all files)",
    "name": "add name: {ko: ..., en: ...}",
    "summary": "add summary: {ko: ..., en: ...}, a sentence or two on what it is",
    "questions": "add questions: [how people ask it, ...]",
    "answer": "add answer: {ko: ..., en: ...}",
    "examples": "add examples: [what people type, ...], in Korean and English",
}
# Language codes people write instead of ko/en; difflib alone cannot map 'kr' to 'ko'.
_LANG_ALIASES = {"kr": "ko", "kor": "ko", "korean": "ko", "ko-kr": "ko", "ko_kr": "ko",
                 "eng": "en", "english": "en", "en-us": "en", "en_us": "en", "en-gb": "en", "us": "en"}
_TEXT_FORM = "write a text: a string, or {ko: ..., en: ...}; use '|' for several lines"
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the files, where it is and how to fix it. Line 0 means the whole file or folder."""

    severity: Severity
    file: str
    line: int
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class KnowledgeError(Exception):
    """The files hold errors; `problems` lists them all (warnings too), `str()` the errors one per line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        warnings = len(self.problems) - len(errors)
        lines = [str(p) for p in errors]
        if warnings:
            lines.append(f"(and {warnings} warning{'s' if warnings != 1 else ''}: run `python bot.py check`)")
        super().__init__("\n".join(lines))


def load(knowledge_dir: Path, intents_dir: Path, *,
         today: dt.date | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """Everything that loads, and every problem found on the way, in file and line order."""
    reader = _Reader(today or dt.date.today())
    reader.read_folder(Path(knowledge_dir), "knowledge")
    reader.read_folder(Path(intents_dir), "intents")
    return reader.finish()


def load_or_raise(knowledge_dir: Path, intents_dir: Path, *, today: dt.date | None = None) -> KnowledgeBase:
    """The knowledge base, or KnowledgeError if the files hold any error (warnings are allowed)."""
    kb, problems = load(knowledge_dir, intents_dir, today=today)
    if any(p.severity == "error" for p in problems):
        raise KnowledgeError(problems)
    return kb


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in `folder`, sorted by name; subfolders (intents/lexicon/) are not read."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir()
         if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


def display_path(path: Path) -> str:
    """The path as people should see it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------------------
# Small helpers over the node tree


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def _closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-")


def normalise_question(text: str) -> str:
    """The form in which two questions count as the same: the matcher ignores case, spacing and end marks."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", "", text).rstrip("?!.~")


def _kind_label(kind: str) -> str:
    return "FAQ" if kind == "faq" else kind


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


@dataclass
class _Declared:
    """An id seen so far, kept even when its item turned out broken so references to it are not 'dangling'."""

    kind: str
    file: str
    line: int


class _File:
    """The file being read: reports problems against it."""

    def __init__(self, reader: "_Reader", path: Path):
        self.reader = reader
        self.path = path
        self.name = display_path(path)

    def error(self, line: int, message: str, hint: str | None = None) -> None:
        self.reader.report("error", self.name, line, message, hint)

    def warning(self, line: int, message: str, hint: str | None = None) -> None:
        self.reader.report("warning", self.name, line, message, hint)

    def source(self, node: Node) -> Source:
        return Source(self.name, _line(node))


class _Reader:
    """Reads folder after folder, then resolves what spans files (references, duplicates)."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.problems: list[Problem] = []
        self.file_rank: dict[str, int] = {}
        self.declared: dict[str, _Declared] = {}
        self.areas: dict[str, Area] = {}
        self.programs: list[Program] = []
        # (the FAQ, or None if it was skipped as broken; how to name it; its file; its program references)
        self.faqs: list[tuple[Faq | None, str, _File, list[tuple[str, int]]]] = []
        self.intents: list[Intent] = []
        self.referrals: list[Referral] = []
        self.agency: Agency | None = None
        # normalised question/example -> (item id, file, line) of its first appearance
        self.questions: dict[str, tuple[str, str, int]] = {}
        # normalised program name or alias -> (program id, file, line)
        self.names: dict[str, tuple[str, str, int]] = {}

    def report(self, severity: Severity, file: str, line: int, message: str, hint: str | None) -> None:
        self.file_rank.setdefault(file, len(self.file_rank))
        self.problems.append(Problem(severity, file, line, message, hint))

    # -- folders and files ---------------------------------------------------------------------------------

    def read_folder(self, folder: Path, role: Literal["knowledge", "intents"]) -> None:
        where = display_path(folder)
        self.file_rank.setdefault(where, len(self.file_rank))  # the folder's own problems come before its files'
        if not folder.exists():
            self.report("error", where, 0, f"the {role} folder does not exist",
                        f"check the path, or pass --{role} DIR")
            return
        if not folder.is_dir():
            self.report("error", where, 0, f"the {role} folder is not a folder", f"pass --{role} DIR")
            return
        files = yaml_files(folder)
        if not files:
            if role == "knowledge":
                self.report("error", where, 0, "no knowledge files (*.yaml) in this folder",
                            "the bot needs at least one file of programs or FAQs; see knowledge-format.md")
            else:
                self.report("warning", where, 0, "no intent files (*.yaml) in this folder",
                            "without intents the bot will not understand greetings, help or 'talk to staff'")
            return
        loaded_before = self.loaded()
        names = {display_path(path) for path in files}
        for path in files:
            self.file_rank.setdefault(display_path(path), len(self.file_rank))
            self.read_file(path, role)
        nothing_loaded = self.loaded() == loaded_before
        errors_said = any(p.severity == "error" and p.file in names for p in self.problems)
        if role == "knowledge" and nothing_loaded and not errors_said:
            # Files that parse but hold nothing: say so once, rather than a bot that knows nothing.
            self.report("error", where, 0, "the knowledge files hold no programs and no FAQs",
                        "add programs: and faqs: lists; see knowledge-format.md")

    def loaded(self) -> int:
        """How many programs, FAQs and referrals were built so far."""
        return len(self.programs) + sum(faq is not None for faq, *_ in self.faqs) + len(self.referrals)

    def read_file(self, path: Path, role: str) -> None:
        f = _File(self, path)
        root = self.parse(f)
        if root is None:
            return
        what = "knowledge file" if role == "knowledge" else "intents file"
        if not isinstance(root, MappingNode):
            hint = ("a knowledge file is a mapping with area:, programs: and faqs:" if role == "knowledge"
                    else "an intents file is a mapping with intents: (a list)")
            f.error(_line(root), "the file is not a mapping of keys", hint)
            return
        entries = self.entries(f, root, what)
        if role == "intents":
            if "intents" not in entries:
                if not any(k in FIELDS["knowledge file"] for k in self.raw_keys(root)):
                    f.error(_line(root), "no intents: list in this file",
                            "every *.yaml directly in the intents folder is an intents file; "
                            "matcher data belongs in intents/lexicon/")
                return
            for item in self.items(f, entries["intents"], "intent"):
                self.intent(f, item)
            return
        if "agency" in entries:
            self.read_agency(f, *entries["agency"])
        area = self.area(f, *entries["area"]) if "area" in entries else None
        if not any(k in entries for k in ("programs", "faqs", "referrals", "agency")):
            f.warning(_line(root), "the file has neither programs: nor faqs:", None)
        if "programs" in entries:
            for item in self.items(f, entries["programs"], "program"):
                self.program(f, item, area)
        if "faqs" in entries:
            for item in self.items(f, entries["faqs"], "faq"):
                self.faq(f, item, area)
        if "referrals" in entries:
            for item in self.items(f, entries["referrals"], "referral"):
                self.referral(f, item, area)

    def parse(self, f: _File) -> Node | None:
        """The file's node tree, or None (with the problem reported) if it cannot be read."""
        try:
            data = f.path.read_bytes()
        except OSError as exc:
            f.error(0, f"cannot read the file: {exc.strerror or exc}")
            return None
        try:
            text = data.decode("utf-8-sig")  # a BOM from Windows editors is harmless
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            try:
                data.decode("cp949")
                hint = "it looks like EUC-KR/CP949; save it as UTF-8 (in most editors: Save as, encoding UTF-8)"
            except UnicodeDecodeError:
                hint = "save it as UTF-8 (in most editors: Save as, encoding UTF-8)"
            f.error(line, "the file is not UTF-8 text", hint)
            return None
        too_deep = _nesting_beyond(text, MAX_NESTING)
        if too_deep:
            # libyaml's composer recurses per level and crashes the process on absurd nesting; no
            # knowledge file needs more than a handful of levels.
            f.error(too_deep, f"the file nests lists or maps more than {MAX_NESTING} levels deep",
                    "knowledge files are flat: check for unclosed [ or { brackets, or lines indented "
                    "further and further")
            return None
        try:
            root = yaml.compose(text, Loader=_YamlLoader)
        except (RecursionError, MemoryError):
            f.error(0, "the file is too large or too deeply nested to read", "split it into smaller files")
            return None
        except yaml.MarkedYAMLError as exc:
            line, message, hint = _explain_yaml_error(exc, text)
            f.error(line, message, hint)
            return None
        except yaml.YAMLError as exc:  # unmarked errors are rare (e.g. a stray control character)
            f.error(0, f"YAML syntax error: {exc}", "look for control characters or a broken encoding")
            return None
        if root is None or _is_null(root):
            f.warning(0, "the file is empty", None)
            return None
        return root

    # -- mappings, lists, texts ----------------------------------------------------------------------------

    @staticmethod
    def raw_keys(node: MappingNode) -> list[str]:
        return [k.value for k, _ in node.value if isinstance(k, ScalarNode)]

    def entries(self, f: _File, node: MappingNode, what: str) -> dict[str, tuple[Node, Node]]:
        """The known keys of a mapping; unknown, repeated and non-text keys are reported and left out."""
        known = FIELDS[what]
        found: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or _is_null(key) or not key.value.strip():
                f.error(_line(key), f"a {_kind_label(what)} key must be a plain word",
                        f"known keys: {', '.join(known)}")
                continue
            name = key.value
            if name in found:
                f.error(_line(key), f"'{name}' is written twice in this {_kind_label(what)}",
                        f"the first is on line {_line(found[name][0])}; keep one")
                continue
            if name not in known:
                f.error(_line(key), f"unknown key '{name}'", _unknown_key_hint(name, what))
                continue
            found[name] = (key, value)
        return found

    def items(self, f: _File, pair: tuple[Node, Node], kind: str) -> Iterable[MappingNode]:
        key, node = pair
        plural = "faqs" if kind == "faq" else f"{kind}s"
        if _is_null(node):
            f.warning(_line(key), f"{plural}: is empty", None)
            return
        if not isinstance(node, SequenceNode):
            f.error(_line(node), f"{plural}: must be a list",
                    f"start each {_kind_label(kind)} with '- id: ...' on its own line")
            return
        for item in node.value:
            if isinstance(item, MappingNode):
                yield item
            else:
                f.error(_line(item), f"this {_kind_label(kind)} is not a mapping of keys; skipped",
                        f"write '- id: ...' and indent the {_kind_label(kind)}'s other keys under 'id'")

    def strings(self, f: _File, pair: tuple[Node, Node], owner: str) -> list[tuple[str, int]]:
        """A list of short strings (a single string is taken as a list of one), with each one's line."""
        key, node = pair
        field = key.value
        if _is_null(node):
            return []
        if isinstance(node, ScalarNode):
            nodes: list[Node] = [node]
        elif isinstance(node, SequenceNode):
            nodes = node.value
        else:
            f.error(_line(node), f"{field} of {owner} must be a list of texts",
                    f"write {field}: [first, second] or one '- ...' line each")
            return []
        out: list[tuple[str, int]] = []
        for item in nodes:
            if not isinstance(item, ScalarNode):
                f.error(_line(item), f"an entry of {field} of {owner} is not a plain text",
                        "quote it if it contains ': ' or starts with '[' or '{'")
            elif _is_null(item) or not item.value.strip():
                f.error(_line(item), f"empty entry in {field} of {owner}", "remove it or write the text")
            else:
                out.append((item.value.strip(), _line(item)))
        return out

    def text(self, f: _File, pair: tuple[Node, Node], owner: str) -> Text | None:
        """A text in one or more languages, or None (reported) if there is nothing usable."""
        key, node = pair
        field = key.value
        if _is_null(node) or (isinstance(node, ScalarNode) and not node.value.strip()):
            f.error(_line(node), f"{field} of {owner} is empty", _TEXT_FORM)
            return None
        if isinstance(node, ScalarNode):
            text = Text.of(node.value.strip())
        elif isinstance(node, MappingNode):
            values: list[tuple[str, str]] = []
            seen: set[str] = set()
            for lang_node, value in node.value:
                if not isinstance(lang_node, ScalarNode) or _is_null(lang_node):
                    f.error(_line(lang_node), f"{field} of {owner}: a language must be a code such as ko or en")
                    continue
                lang = lang_node.value
                if lang in seen:
                    f.error(_line(lang_node), f"{field} of {owner}: '{lang}' is written twice", "keep one")
                    continue
                seen.add(lang)
                if lang not in LANGS and _is_null(value) and node.flow_style:
                    # `{ko: 네, 있습니다., en: ...}`: YAML cut the text at ', ' and made its rest a "language".
                    f.error(_line(lang_node), f"{field} of {owner}: the text is cut at a comma before '{lang}'",
                            "quote a text that contains ', ' inside {...}: {ko: \"네, 있습니다.\", en: ...}")
                    continue
                if lang not in LANGS:
                    guess = _LANG_ALIASES.get(lang.lower()) or _closest(lang.lower(), LANGS)
                    f.warning(_line(lang_node), f"{field} of {owner}: unknown language '{lang}'",
                              f"did you mean '{guess}'?" if guess else f"known languages: {', '.join(LANGS)}")
                if not isinstance(value, ScalarNode):
                    f.error(_line(value), f"{field} of {owner}: the '{lang}' text is not a plain text",
                            "quote it if it contains ': ' or starts with '[' or '{'; use '|' for several lines")
                    continue
                if _is_null(value) or not value.value.strip():
                    # An empty language is the same as a missing one: the warnings below say so.
                    continue
                values.append((lang, value.value.strip()))
            text = Text(tuple(values))
            if not text:
                f.error(_line(node), f"{field} of {owner} is empty", _TEXT_FORM)
                return None
        else:
            f.error(_line(node), f"{field} of {owner} is not a text", _TEXT_FORM)
            return None
        if text.has("ko") and not text.has("en"):
            f.warning(_line(key), f"{field} of {owner} has no English",
                      "write it as {ko: ..., en: ...} so English speakers get an answer too")
        elif text.has("en") and not text.has("ko"):
            f.warning(_line(key), f"{field} of {owner} has no Korean", "add ko: ...")
        return text

    # -- ids and duplicates --------------------------------------------------------------------------------

    def item_id(self, f: _File, node: MappingNode, entries: dict[str, tuple[Node, Node]],
                kind: str) -> tuple[str | None, str]:
        """The item's id if usable (present, well formed, unique), else None (reported); and how to name it.

        An item with an unusable id is still checked field by field, so one run shows every problem.
        """
        label = _kind_label(kind)
        if "id" not in entries or _is_null(entries["id"][1]):
            f.error(_line(node), f"a {label} without an id; skipped", _FIX_MISSING["id"])
            return None, f"the {label} on line {_line(node)}"
        value = entries["id"][1]
        if not isinstance(value, ScalarNode) or not value.value.strip():
            f.error(_line(value), f"the id of this {label} is not a word; skipped", _FIX_MISSING["id"])
            return None, f"the {label} on line {_line(node)}"
        item_id = value.value.strip()
        owner = f"{label} '{item_id}'"
        if not ID_PATTERN.fullmatch(item_id):
            slug = _slug(item_id)
            hint = (f"ids use lowercase letters, digits and '-': try '{slug}'" if slug
                    else "ids use lowercase English letters, digits and '-', e.g. youth-startup-academy")
            f.error(_line(value), f"bad id '{item_id}'; skipped", hint)
            return None, owner
        first = self.declared.get(item_id)
        if first is not None:
            # Said at both places: whoever reads either line learns about the other.
            f.error(_line(value), f"duplicate id '{item_id}'; this {label} is skipped",
                    f"{_a(_kind_label(first.kind))} at {first.file}:{first.line} has the same id; ids are unique "
                    "across all knowledge and intent files")
            self.report("error", first.file, first.line, f"duplicate id '{item_id}'",
                        f"{_a(label)} at {f.name}:{_line(value)} has the same id; ids are unique across all "
                        "knowledge and intent files")
            return None, owner
        self.declared[item_id] = _Declared(kind, f.name, _line(value))
        return item_id, owner

    def missing(self, f: _File, node: MappingNode, entries: dict[str, tuple[Node, Node]], kind: str,
                owner: str) -> bool:
        """Reports the required fields that are absent or empty; True if any is."""
        absent = [name for name in REQUIRED[kind][1:] if name not in entries or _is_null(entries[name][1])]
        for name in absent:
            f.error(_line(node), f"{owner} has no {name}; skipped", _FIX_MISSING[name])
        return bool(absent)

    def note_questions(self, f: _File, item_id: str, questions: list[tuple[str, int]]) -> None:
        """Reports a question or example already written, under this id (warning) or another (error)."""
        for text, line in questions:
            key = normalise_question(text)
            if not key:
                continue
            first = self.questions.get(key)
            if first is None:
                self.questions[key] = (item_id, f.name, line)
            elif first[0] == item_id:
                f.warning(line, f"'{text}' is written twice in {item_id}", f"the first is at {first[1]}:{first[2]}")
            else:
                f.error(line, f"'{text}' is under two ids: '{first[0]}' and '{item_id}'",
                        f"the other is at {first[1]}:{first[2]}; keep it under the one it is really about")

    def note_names(self, f: _File, program_id: str, names: list[tuple[str, int]]) -> None:
        """Warns when two programs share a name or alias: the matcher cannot tell them apart by it."""
        for text, line in names:
            key = normalise_question(text)
            first = self.names.get(key)
            if first is None:
                self.names[key] = (program_id, f.name, line)
            elif first[0] != program_id:
                f.warning(line, f"'{text}' names both '{first[0]}' and '{program_id}'",
                          f"the other is at {first[1]}:{first[2]}; an alias should point at one program")

    # -- the four kinds of object --------------------------------------------------------------------------

    def area(self, f: _File, key: Node, node: Node) -> Area | None:
        if _is_null(node):
            f.warning(_line(key), "area: is empty; the programs of this file have no area", None)
            return None
        order: int | None = None
        if isinstance(node, ScalarNode):
            area_id, name, line = node.value.strip(), None, _line(node)
        elif isinstance(node, MappingNode):
            entries = self.entries(f, node, "area")
            line = _line(node)
            id_node = entries.get("id", (None, None))[1]
            if id_node is None or not isinstance(id_node, ScalarNode) or _is_null(id_node):
                f.error(line, "the area has no id; the programs of this file have no area",
                        "add id: a-short-name under area:")
                return None
            area_id = id_node.value.strip()
            line = _line(id_node)
            name = self.text(f, entries["name"], f"area '{area_id}'") if "name" in entries else None
            order = self.order(f, entries["order"], f"area '{area_id}'") if "order" in entries else None
        else:
            f.error(_line(node), "area: must be a mapping with id and name", "area: {id: startup, name: {ko: ..., en: ...}}")
            return None
        if not ID_PATTERN.fullmatch(area_id):
            slug = _slug(area_id)
            f.error(line, f"bad area id '{area_id}'",
                    "ids use lowercase letters, digits and '-'" + (f": try '{slug}'" if slug else ""))
            return None
        if name is None:
            f.warning(line, f"area '{area_id}' has no name; the menu will show its id", "add name: {ko: ..., en: ...}")
            name = Text.of(area_id)
        existing = self.areas.get(area_id)
        if existing is not None:
            # Several files may share an area; the first one's name (and order) is the one used.
            if existing.name != name and existing.source is not None:
                f.warning(line, f"area '{area_id}' is named differently at {existing.source.file}:"
                                f"{existing.source.line}",
                          "the first name is used; write the same name or use another area id")
            if order is not None and existing.order != order and existing.source is not None:
                f.warning(line, f"area '{area_id}' has another order at {existing.source.file}:"
                                f"{existing.source.line}",
                          "the first order is used; write order: once, or the same number everywhere")
            return existing
        area = Area(area_id, name, Source(f.name, line), order)
        self.areas[area_id] = area
        return area

    def program(self, f: _File, node: MappingNode, area: Area | None) -> None:
        entries = self.entries(f, node, "program")
        item_id, owner = self.item_id(f, node, entries, "program")
        complete = not self.missing(f, node, entries, "program", owner)
        name = self.text(f, entries["name"], owner) if "name" in entries else None
        summary = self.text(f, entries["summary"], owner) if "summary" in entries else None
        aspects = {a: t for a in ASPECTS if a in entries and (t := self.text(f, entries[a], owner)) is not None}
        aliases = self.strings(f, entries["aliases"], owner) if "aliases" in entries else []
        questions = self.strings(f, entries["questions"], owner) if "questions" in entries else []
        audience: list[str] = []
        for value, line in (self.strings(f, entries["audience"], owner) if "audience" in entries else []):
            if value in AUDIENCES:
                audience.append(value)
            else:
                guess = _closest(value.lower().replace(" ", "_").replace("-", "_"), AUDIENCES)
                f.error(line, f"unknown audience '{value}' in {owner}",
                        (f"did you mean '{guess}'? " if guess else "") + f"audiences: {' | '.join(AUDIENCES)}")
        url = self.url(f, entries["url"], owner) if "url" in entries else None
        run_by = self.text(f, entries["run_by"], owner) if "run_by" in entries else None
        as_of = self.as_of(f, entries["as_of"], owner) if "as_of" in entries else None
        sources = self.sources(f, entries["source"], owner) if "source" in entries else ()
        # The optional structured fields (the finder's and the deadlines'): parsed in modules of their own.
        criteria = eligibility.parse(entries["criteria"][1], owner, f) if "criteria" in entries else ()
        program_windows = (windows.parse(entries["windows"][1], owner, f, lambda pair, o: self.text(f, pair, o))
                           if "windows" in entries else ())
        if item_id is None or not complete or name is None or summary is None:
            return
        if "source" not in entries:
            # Not an error: a new program may be written before its facts are checked. But a card whose
            # facts nobody can trace is how an old figure passes for today's.
            f.warning(_line(node), f"{owner} has no source",
                      "add source: where its facts come from (the 공고's web address, a document, a date)")
        self.note_names(f, item_id, [(v, _line(entries["name"][1])) for _, v in name.values] + aliases)
        self.note_questions(f, item_id, questions)
        self.programs.append(Program(
            id=item_id, name=name, summary=summary,
            aliases=tuple(a for a, _ in aliases), audience=tuple(audience), aspects=aspects, url=url,
            questions=tuple(q for q, _ in questions), area=area, source=f.source(node),
            as_of=as_of, sources=sources, run_by=run_by, criteria=criteria, windows=program_windows,
        ))

    def url(self, f: _File, pair: tuple[Node, Node], owner: str) -> str | None:
        _, node = pair
        if _is_null(node):
            return None
        value = node.value.strip() if isinstance(node, ScalarNode) else ""
        parts = urlsplit(value) if value else None
        if not parts or parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            f.error(_line(node), f"url of {owner} is not a web address", "write it in full: https://...")
            return None
        return value

    def faq(self, f: _File, node: MappingNode, area: Area | None) -> None:
        entries = self.entries(f, node, "faq")
        item_id, owner = self.item_id(f, node, entries, "faq")
        complete = not self.missing(f, node, entries, "faq", owner)
        questions = self.strings(f, entries["questions"], owner) if "questions" in entries else []
        if complete and not questions:  # `questions: []` or only empty entries
            f.error(_line(node), f"{owner} has no questions; skipped", _FIX_MISSING["questions"])
        answer = self.text(f, entries["answer"], owner) if "answer" in entries else None
        refs = self.strings(f, entries["programs"], owner) if "programs" in entries else []
        url = self.url(f, entries["url"], owner) if "url" in entries else None
        as_of = self.as_of(f, entries["as_of"], owner) if "as_of" in entries else None
        sources = self.sources(f, entries["source"], owner) if "source" in entries else ()
        faq = None
        if item_id is not None and questions and answer is not None:
            self.note_questions(f, item_id, questions)
            faq = Faq(id=item_id, questions=tuple(q for q, _ in questions), answer=answer, area=area,
                      source=f.source(node), as_of=as_of, sources=sources, url=url)
        self.faqs.append((faq, owner, f, refs))  # references are resolved once every file is read

    def referral(self, f: _File, node: MappingNode, area: Area | None) -> None:
        """Another institution's business: matched like an FAQ, shown as "이 문의는 ○○에서 담당합니다"."""
        entries = self.entries(f, node, "referral")
        item_id, owner = self.item_id(f, node, entries, "referral")
        complete = not self.missing(f, node, entries, "referral", owner)
        name = self.text(f, entries["name"], owner) if "name" in entries else None
        questions = self.strings(f, entries["questions"], owner) if "questions" in entries else []
        if complete and not questions:
            f.error(_line(node), f"{owner} has no questions; skipped", _FIX_MISSING["questions"])
        answer = self.text(f, entries["answer"], owner) if "answer" in entries else None
        aliases = self.strings(f, entries["aliases"], owner) if "aliases" in entries else []
        url = self.url(f, entries["url"], owner) if "url" in entries else None
        contact = self.text(f, entries["contact"], owner) if "contact" in entries else None
        as_of = self.as_of(f, entries["as_of"], owner) if "as_of" in entries else None
        sources = self.sources(f, entries["source"], owner) if "source" in entries else ()
        if url is None and contact is None and not any(k in entries for k in ("url", "contact")):
            # Pointing someone elsewhere without saying how to get there is a dead end of its own.
            f.error(_line(node), f"{owner} has neither a url nor a contact; skipped",
                    "add url: https://... or contact: {ko: ..., en: ...} - only what a source gives")
            return
        if item_id is None or not complete or name is None or not questions or answer is None:
            return
        if url is None and contact is None:
            return  # both written but unusable: reported where they are
        self.note_questions(f, item_id, questions)
        self.referrals.append(Referral(
            id=item_id, name=name, questions=tuple(q for q, _ in questions), answer=answer,
            aliases=tuple(a for a, _ in aliases), url=url, contact=contact or Text(()), area=area,
            source=f.source(node), as_of=as_of, sources=sources,
        ))

    def read_agency(self, f: _File, key: Node, node: Node) -> None:
        """`agency: {name, url}`: who the knowledge is about and where its current announcements are."""
        if not isinstance(node, MappingNode):
            f.error(_line(node), "agency: must be a mapping with name and url",
                    "agency: {name: {ko: ..., en: ...}, url: https://...}")
            return
        if self.agency is not None and self.agency.source is not None:
            f.error(_line(key), "agency: is written twice",
                    f"the first is at {self.agency.source.file}:{self.agency.source.line}; keep one")
            return
        entries = self.entries(f, node, "agency")
        name = self.text(f, entries["name"], "the agency") if "name" in entries else None
        url = self.url(f, entries["url"], "the agency") if "url" in entries else None
        if name is None:
            f.error(_line(node), "the agency has no name", "add name: {ko: ..., en: ...} under agency:")
            return
        self.agency = Agency(name, url, f.source(key))

    # -- fields shared by several kinds --------------------------------------------------------------------

    def order(self, f: _File, pair: tuple[Node, Node], owner: str) -> int | None:
        _, node = pair
        value = node.value.strip() if isinstance(node, ScalarNode) else ""
        if not value.isdigit():
            f.error(_line(node), f"order of {owner} is not a whole number",
                    "write order: 1 for the area shown first, 2 for the next, ...")
            return None
        return int(value)

    def as_of(self, f: _File, pair: tuple[Node, Node], owner: str) -> AsOf | None:
        """When the facts hold: a year, month or day, neither malformed nor after today."""
        _, node = pair
        value = node.value.strip() if isinstance(node, ScalarNode) and not _is_null(node) else ""
        found = AS_OF_PATTERN.fullmatch(value)
        if not found:
            f.error(_line(node), f"as_of of {owner} is not a date: '{value}'", _AS_OF_FORM)
            return None
        year = int(found[1])  # the pattern's only required group
        month, day = (int(g) if g else None for g in found.groups()[1:])
        try:
            first_day = dt.date(year, month or 1, day or 1)
        except ValueError:
            f.error(_line(node), f"as_of of {owner} is not a real date: '{value}'", _AS_OF_FORM)
            return None
        if first_day > self.today:
            f.error(_line(node), f"as_of of {owner} is in the future: '{value}'",
                    f"today is {self.today.isoformat()}; write when the facts were true, not when they end")
            return None
        return AsOf(year, month, day)

    def sources(self, f: _File, pair: tuple[Node, Node], owner: str) -> tuple[str, ...]:
        """Where the facts come from: web addresses (checked like url:) or short descriptions."""
        key, node = pair
        values = self.strings(f, pair, owner)
        if not values and not _is_null(node) and not isinstance(node, MappingNode):
            return ()  # empty entries: reported by strings()
        if not values:
            f.error(_line(node), f"source of {owner} is empty",
                    "write where the facts come from: source: [https://..., 2025년 공고문]")
            return ()
        kept: list[str] = []
        for value, line in values:
            if value.lower().startswith(("http:", "https:", "www.")):
                parts = urlsplit(value)
                if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
                    f.error(line, f"a source of {owner} is not a web address: '{value}'",
                            "write it in full: https://...")
                    continue
            kept.append(value)
        return tuple(kept)

    def intent(self, f: _File, node: MappingNode) -> None:
        entries = self.entries(f, node, "intent")
        item_id, owner = self.item_id(f, node, entries, "intent")
        complete = not self.missing(f, node, entries, "intent", owner)
        examples = self.strings(f, entries["examples"], owner) if "examples" in entries else []
        if complete and not examples:
            f.error(_line(node), f"{owner} has no examples; skipped", _FIX_MISSING["examples"])
        reply = self.text(f, entries["reply"], owner) if "reply" in entries else None
        action = None
        if "action" in entries and not _is_null(entries["action"][1]):
            action_node = entries["action"][1]
            if not isinstance(action_node, ScalarNode) or not action_node.value.strip():
                f.error(_line(action_node), f"action of {owner} is not a word",
                        f"actions: {' | '.join(KNOWN_ACTIONS)}")
            else:
                action = action_node.value.strip()
                if action not in KNOWN_ACTIONS:
                    guess = _closest(action, KNOWN_ACTIONS)
                    f.warning(_line(action_node), f"unknown action '{action}' in {owner}",
                              (f"did you mean '{guess}'? " if guess else "")
                              + f"actions: {' | '.join(KNOWN_ACTIONS)}")
        if reply is None and action is None and "reply" not in entries:  # an empty reply is reported above
            f.error(_line(node), f"{owner} has neither a reply nor an action; skipped",
                    f"add reply: {{ko: ..., en: ...}} or action: {' | '.join(KNOWN_ACTIONS)}")
        if item_id is None or not examples or (reply is None and action is None):
            return
        self.note_questions(f, item_id, examples)
        self.intents.append(Intent(id=item_id, examples=tuple(e for e, _ in examples), reply=reply,
                                   action=action, source=f.source(node)))

    # -- across files --------------------------------------------------------------------------------------

    def ordered_areas(self) -> tuple[Area, ...]:
        """Areas by their `order:` (the order a visitor expects), then the others as first read."""
        read = list(self.areas.values())
        return tuple(sorted(read, key=lambda a: (a.order is None, a.order or 0, read.index(a))))

    def finish(self) -> tuple[KnowledgeBase, list[Problem]]:
        program_ids = [p.id for p in self.programs]
        faqs: list[Faq] = []
        for faq, owner, f, refs in self.faqs:
            kept: list[str] = []
            for ref, line in refs:
                target = self.declared.get(ref)
                if target is not None and target.kind == "program":
                    # A program that was declared but skipped as broken is reported where it is written.
                    if ref in program_ids and ref not in kept:
                        kept.append(ref)
                    continue
                if target is not None:
                    f.error(line, f"{owner} lists '{ref}' under programs, but that is "
                                  f"{_a(_kind_label(target.kind))}", f"see {target.file}:{target.line}; list program ids only")
                else:
                    guess = _closest(ref, program_ids)
                    f.error(line, f"{owner} refers to '{ref}', which is not a program",
                            f"did you mean '{guess}'?" if guess else "check the program's id")
            if faq is not None:
                faqs.append(replace(faq, programs=tuple(kept)))
        kb = KnowledgeBase(areas=self.ordered_areas(), programs=tuple(self.programs), faqs=tuple(faqs),
                           intents=tuple(self.intents), referrals=tuple(self.referrals), agency=self.agency)
        problems = sorted(self.problems, key=lambda p: (self.file_rank.get(p.file, -1), p.line))
        return kb, problems


def _unknown_key_hint(name: str, what: str) -> str:
    known = FIELDS[what]
    if name == "aspects" and what == "program":
        return "write each aspect directly under the program: " + ", ".join(f"{a}:" for a in ASPECTS)
    guess = _closest(name, known) or _closest(name.lower(), known)
    if guess:
        return f"did you mean '{guess}'?"
    if what == "knowledge file" and name == "intents":
        return "intents belong in the intents folder"
    if what == "intents file" and name in ("programs", "faqs", "area"):
        return f"{name} belong in the knowledge folder"
    others = [kind for kind, keys in FIELDS.items() if name in keys and kind != what and "file" not in kind]
    if others and "file" in what:
        return f"'{name}' belongs to {_a(_kind_label(others[0]))}; check the indentation of this line"
    if others:
        return f"'{name}' is a field of {_kind_label(others[0])}s, not of {_kind_label(what)}s; known keys: {', '.join(known)}"
    return f"known keys: {', '.join(known)}"


def _explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """Line, message and hint for a YAML syntax error, in words a staff member can act on."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    opened = exc.context_mark.line + 1 if exc.context_mark else None

    if "quoted scalar" in context and opened:
        return opened, "YAML syntax error: a quote is never closed", "close the quote, or leave the text unquoted"
    if "flow" in context and opened and opened != line:
        return opened, "YAML syntax error: a '[' or '{' is never closed", f"close it; the parser gave up on line {line}"
    if "\t" in here[: len(here) - len(here.lstrip())] or "'\\t'" in problem:
        return line, "YAML syntax error: a tab in the indentation", "indent with spaces; YAML does not allow tabs"
    if "mapping values are not allowed" in problem:
        return line, "YAML syntax error: a ': ' inside a value", (
            "quote the text (\"...\") when it contains ': ', or fix the indentation of this line")
    if "another document" in problem or "single document" in context:
        return line, "YAML syntax error: a second document ('---')", "one file holds one document; remove the '---' line"
    if "expected ':'" in problem or "simple key" in context:
        return line, "YAML syntax error: a key without ':'", "write key: value, or quote a text that spans lines"
    if "alias" in problem or "anchor" in problem:
        return line, f"YAML syntax error: {problem}", "check the '*' and '&' names, or quote the text"
    detail = f"{problem} ({context})" if context else problem
    hint = "check the indentation of this line against the lines above; quote texts containing ': ' or ' #'"
    if opened and opened != line:
        hint += f"; the block starts on line {opened}"
    return line, f"YAML syntax error: {detail}", hint
