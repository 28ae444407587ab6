"""From evidence to proposals, and the patch file staff review.

Rules (each keeps the knowledge's ids as they are and never files a question under an unrelated one):
- A picked suggestion proposes its question under the picked item (the person said it was that one).
- An answered ticket proposes its question under a program only when the staff's answer names exactly one
  program (its name or an alias, or a /start deep link) AND the bot's own matcher lists that program among
  its candidates for the question. An off-topic question that staff answered by pointing somewhere else
  fails the second test; it then joins the unanswered questions below.
- Questions left unanswered are grouped by similarity (review/clusters.py); groups asked at least
  MIN_ASKED times are proposed as candidate new FAQs, with no id: staff decide whether it is one.
- A text with a phone number or e-mail address in it (or the log's [phone]/[email] in its place) is never
  proposed: it would be copied into the knowledge files. Nor is a text the item already has.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from handlers.personal_data import EMAIL, PHONE, mask_personal
from intents.matcher import Matcher
from knowledge.model import Intent, KnowledgeBase
from review.clusters import Group, group_questions, normalise
from store.database import KST
from suggestions.evidence import AnsweredTicket, Picked

MIN_ASKED = 2           # a group of unanswered questions asked this often becomes a candidate FAQ
MAX_FAQS = 20
MAX_EXAMPLES = 6
MIN_NAME_CHARS = 3      # names and aliases shorter than this are not looked for in staff answers (noise)


@dataclass
class Addition:
    item_id: str
    kind: str                                  # program | faq | intent | referral
    key: str                                   # questions (examples for intents)
    texts: list[str] = field(default_factory=list)
    evidence: Counter[str] = field(default_factory=Counter)   # why, in Korean, counted


@dataclass(frozen=True)
class NewFaq:
    group: Group
    closest: tuple[str, float] | None = None


@dataclass
class Patch:
    since: datetime
    made: datetime
    additions: list[Addition]
    new_faqs: list[NewFaq]
    skipped_personal: int = 0


def build(kb: KnowledgeBase, matcher: Matcher, picked: Sequence[Picked], tickets: Sequence[AnsweredTicket],
          unanswered: Sequence[str], *, since: datetime, made: datetime) -> Patch:
    additions: dict[str, Addition] = {}
    skipped = 0
    claimed: set[str] = set()   # normalised texts proposed under an item: not a new FAQ too

    def add(item_id: str, text: str, why: str) -> None:
        nonlocal skipped
        item = kb.get(item_id)
        if item is None:
            return
        text = " ".join(text.split())
        if _personal(text):
            skipped += 1
            return
        key = normalise(text)
        claimed.add(key)
        if not key or key in _known(item):
            return
        addition = additions.setdefault(item_id, Addition(item_id, item.kind, "examples" if isinstance(item, Intent)
                                                          else "questions"))
        if key not in {normalise(t) for t in addition.texts}:
            addition.texts.append(text)
        addition.evidence[why] += 1

    for pick in picked:
        add(pick.item_id, pick.text, "제안 목록에서 사용자가 고름")
    names = _program_names(kb)
    for ticket in tickets:
        named = _named_programs(" ".join(ticket.answers), names)
        offered = {c.id for c in matcher.match(ticket.question).candidates}
        if len(named) == 1 and next(iter(named)) in offered:
            add(next(iter(named)), ticket.question, "담당자가 답한 문의 (답변에 사업 이름)")

    rest = [t for t in unanswered if normalise(" ".join(t.split())) not in claimed]
    personal = [t for t in rest if _personal(t)]
    groups = group_questions([t for t in rest if not _personal(t)]).groups
    closest = _closest(matcher)
    faqs = [NewFaq(g, closest(g.examples[:MAX_EXAMPLES])) for g in groups if g.count >= MIN_ASKED][:MAX_FAQS]
    return Patch(since, made, sorted(additions.values(), key=lambda a: (-sum(a.evidence.values()), a.item_id)),
                 faqs, skipped + len(personal))


def _personal(text: str) -> bool:
    """A phone number or e-mail address in it, or where the log already masked one ("[phone]")."""
    return PHONE in text or EMAIL in text or mask_personal(text) != text


def _known(item: Any) -> set[str]:
    texts = [*getattr(item, "questions", ()), *getattr(item, "examples", ()), *getattr(item, "aliases", ())]
    name = getattr(item, "name", None)
    if name is not None:
        texts += [value for _, value in name.values]
    return {normalise(t) for t in texts}


def _program_names(kb: KnowledgeBase) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for program in kb.programs:
        for text in (*(value for _, value in program.name.values), *program.aliases):
            key = normalise(text).replace(" ", "")
            if len(key) >= MIN_NAME_CHARS:
                names[program.id].add(key)
    return names


def _named_programs(text: str, names: dict[str, set[str]]) -> set[str]:
    """Programs whose name or alias appears in `text` (spacing ignored), or that a deep link opens."""
    flat = normalise(text).replace(" ", "")
    named = {pid for pid, keys in names.items() if any(key in flat for key in keys)}
    named |= {pid for pid in names if f"start={pid}" in text}
    return named


def _closest(matcher: Matcher):  # noqa: ANN202 - (texts) -> (id, score) | None
    def closest(texts: Sequence[str]) -> tuple[str, float] | None:
        totals: dict[str, float] = defaultdict(float)
        for text in texts:
            for candidate in matcher.match(text).candidates:
                totals[candidate.id] += candidate.score
        if not totals:
            return None
        best = max(totals, key=totals.__getitem__)
        return best, round(totals[best] / len(texts), 1)

    return closest


HEADER = """\
# 지식 파일 보완 제안 (python bot.py suggest, {made} 기준, {since} 이후의 문의)
#
# 1) questions: 이미 있는 항목에 보탤 질문 표현입니다. 알맞지 않은 줄은 지우시고, 남은 줄을 file: 이 가리키는
#    지식 파일의 그 항목 questions: 목록에 옮겨 적으세요 (의도(intent)는 examples:). 항목 아이디는 바꾸지 마세요.
# 2) new_faqs: 챗봇이 답하지 못한 비슷한 질문 묶음입니다. 새 FAQ로 만들 만한 묶음에 id 와 answer 를 채우시고,
#    아닌 묶음은 지우세요. 진흥원이 확인한 사실만 답변에 쓰세요.
# 3) 검토를 마친 이 파일은 평가 사례가 됩니다:
#    python bot.py suggest --cases 이_파일.yaml --out tests/data/suggested.yaml
#    (지식 파일에 옮긴 뒤 python bot.py eval 로 확인하세요.)
# 전화번호·이메일이 들어 있어 제안하지 않은 질문: {skipped}건
"""


def render(patch: Patch, kb: KnowledgeBase, root: Path | None = None) -> str:
    """The patch as YAML text: a Korean header, then `questions:` and `new_faqs:`."""
    questions = []
    for addition in patch.additions:
        item = kb.get(addition.item_id)
        entry: dict[str, Any] = {"id": addition.item_id, "kind": addition.kind}
        if item is not None and item.source is not None:
            entry["file"] = f"{_relative(item.source.file, root)}:{item.source.line}"
        entry[addition.key] = addition.texts
        entry["evidence"] = [f"{why} {n}회" for why, n in addition.evidence.most_common()]
        questions.append(entry)
    faqs = []
    for faq in patch.new_faqs:
        entry = {"asked": faq.group.count, "questions": list(faq.group.examples[:MAX_EXAMPLES])}
        if faq.closest is not None:
            entry["closest"] = {"id": faq.closest[0], "score": faq.closest[1]}
        entry["id"] = ""
        entry["answer"] = {"ko": "", "en": ""}
        faqs.append(entry)
    header = HEADER.format(made=patch.made.astimezone(KST).strftime("%Y-%m-%d %H:%M"),
                           since=patch.since.astimezone(KST).strftime("%Y-%m-%d"), skipped=patch.skipped_personal)
    body = yaml.safe_dump({"questions": questions, "new_faqs": faqs}, allow_unicode=True, sort_keys=False,
                          width=110, default_flow_style=False)
    return header + body


def _relative(path: str, root: Path | None) -> str:
    if root is None:
        return path
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return path
