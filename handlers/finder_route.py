"""Who answers a question that asks what the person could get: the finder, an area's list, or the matcher.

    나한테 맞는 사업 찾아줘 / what can I apply for          -> the finder (nothing named: its question)
    창업 2년차 제조업인데 받을 수 있는 지원 있나요?          -> the finder, with what was said filled in
    예비창업자도 신청할 수 있나요? (under a program's card)   -> that program's eligibility, finder offered
    우리회사 수출지원 받을수있어요? / a story asking for export help -> the export area's list, finder offered
    테스트 창업수당 받을 수 있나요? 창업 2년차입니다          -> that program, finder offered
    창업자금대출 받을수있나                                 -> the matcher's offer (a loan is narrower than 창업)

A question that names something the knowledge base answers (a program, an area, a topic) is answered; the
finder starts only when what is left once the person's description and the asking words are taken out
names nothing. Pure: no Telegram here (handlers/finder.py acts on the result).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml

from intents.decision import Candidate, Decision
from intents.exclusion import names_a_place
from intents.focus import question_sentence
from knowledge.asker import Asker
from knowledge.asker import normalize
from knowledge.asker import read as read_asker
from knowledge.eligibility import Profile
from knowledge.model import Faq, Program, Referral
from knowledge.profile_text import asks_for_a_list, asks_for_self, parse_profile, read_profile, without_profile

if TYPE_CHECKING:
    from intents.goods import GoodsWords
    from intents.matcher import Matcher

RouteKind = Literal["finder", "answer"]


@dataclass(frozen=True)
class Route:
    """finder: start it with `profile` filled in; answer: show `decision` (an area's list where the
    question named an area) and offer the finder with `profile` under it."""

    kind: RouteKind
    profile: Profile
    decision: Decision
    asker: Asker = Asker()  # what the question says of the person (중장년: an age no finder band holds)


def route(text: str, decision: Decision, matcher: "Matcher", last: str | None = None) -> Route | None:
    """The route of a question that asks what the person could get, or None for any other question
    (and for a follow-up the matcher answered about the item shown last, `last`). What the question rules
    out (`수출 말고 스마트공장 구축 지원은 있나요?`) is no part of it."""
    text = matcher.asked(text)
    stated = parse_profile(text)
    if stated is None and not asks_for_self(text):
        return None
    if decision.kind != "answer" and matcher.relevance.read(text).elsewhere:
        return None  # where can I get a mortgage: another body's business, not the card just shown nor the finder
    if decision.kind == "answer" and last is not None and decision.id == last:
        # 신청할 수 있나요? about the card just shown: the matcher's follow-up stands; 예비창업자도 신청할 수
        # 있나요? there also says who asks: the finder is offered under it with that filled in.
        return Route("answer", stated, decision) if stated is not None else None
    answered = matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
    if isinstance(answered, Referral) and _names(text, answered):
        return None  # 실업급여 받을 수 있나요: another institution's, named; nothing for the finder to find
    profile = stated or read_profile(text)
    if profile.region != "changwon" and not asks_for_a_list(text) \
            and (profile.region is not None or names_a_place(text, matcher.lexicon.places)):
        return Route("answer", profile, decision)  # is my company in Gimhae eligible?: whether outsiders may
    if decision.area is not None or _names_program(text, matcher):
        return Route("answer", profile, decision)
    topic = _topic(text, matcher)
    if not topic and _names_the_unknown(text, matcher):
        # 두루누리 사회보험료 지원 받을 수 있나요: a scheme the knowledge base never names, neither "anything for me"
        # nor, under a card, whether they may apply to that one
        return None
    shown = matcher.kb.program(last or "")
    if not topic and shown is not None and not asks_for_a_list(text):
        # 예비창업자도 신청할 수 있나요? under a program's card: whether they may apply to that one
        return Route("answer", profile, Decision("answer", shown.id, "eligibility", 100.0,
                                                 (Candidate(shown.id, shown.kind, 100.0),), decision.lang))
    if not topic:
        return Route("finder", profile, decision, read_asker(text))
    if isinstance(answered, Referral):
        return None  # a topic another institution answers: nothing for the finder to find
    area = matcher.area_named(topic)
    if area is None or isinstance(answered, Faq):
        return Route("answer", profile, decision)  # 창업 지원금 받을 수 있나요: the FAQ that answers it
    if isinstance(answered, Program) and not topic <= matcher.area_words[area]:
        return Route("answer", profile, decision)  # more than the area's words: the program they point to
    if decision.kind == "suggest" and not topic <= matcher.area_words[area]:
        # 창업자금대출 받을수있나: more than the area (a loan) - what the matcher offered for it (the funding
        # FAQ, a loan-guarantee referral), not every program of the area.
        return Route("answer", profile, decision)
    # 수출지원 받을 수 있어요, a story asking for export help: the export programs.
    return Route("answer", profile, replace(decision, area=area))


def _topic(text: str, matcher: "Matcher") -> frozenset[str]:
    """What the question asks about once the person's description is out: of the asking sentence, else
    of the whole; a field's words count only where nothing else is asked (`수소 지원 받을 수 있나요`,
    but `자동차 부품 업체인데 수출 지원` asks about export)."""
    for rest in (without_profile(text, fields=True), without_profile(text)):
        topic = matcher.topic(question_sentence(rest) or rest) or matcher.topic(rest)
        if topic:
            return topic
    return frozenset()


def _names_the_unknown(text: str, matcher: "Matcher") -> bool:
    """Whether the question names something the knowledge base never writes (a scheme, a body, a thing:
    두루누리, 전기차): it asks about that, which the finder cannot find. What describes the person is no
    such thing: their age band (중장년은), a word they say they are (`여성인데`, `장애인도 받을 수 있나요`) or
    their goods or trade (`화장품 회사인데`)."""
    asked = normalize(question_sentence(rest := without_profile(text, fields=True)) or rest)
    for start, end in reversed(read_asker(asked).spans):
        asked = f"{asked[:start]} {asked[end:]}"
    goods = matcher.scope.goods
    whole = normalize(text).split()
    theirs = {term for i, token in enumerate(whole) if _said_of_the_asker(token, whole[i + 1:i + 3], goods.words)
              for term in matcher.analyzer.analyze(token).terms}
    return any(matcher.scope.is_novel(term) and term not in theirs and not goods.is_kind(term)
               for term in matcher.analyzer.analyze(asked).terms)


def _said_of_the_asker(token: str, following: list[str], words: "GoodsWords") -> bool:
    """`여성인데`, `장애인이라서`: what the asker is; `장애인도 받을 수 있나요`: who else may take part."""
    return token.endswith(words.self_endings_ko) or token.endswith("도") and any(
        cue in after for after in following for cue in words.also_after_ko)


def _names_program(text: str, matcher: "Matcher") -> bool:
    """A program's name or alias in the text, other than one made of words that describe a person
    (`예비창업자` names a program but says who is asking). A name of such words and more, typed whole where the
    question asks about one thing (`50살인데 예비창업자 지원 받을 수 있어요?`: the program 예비창업자 지원), names
    it too; asking what there is (`예비창업자 지원 뭐 있어요?`) it stays the asker's description."""
    names = matcher.program_names_in(text)
    return any(matcher.topic(without_profile(name)) for name in names) \
        or not asks_for_a_list(text) and any(_more_than_a_person(name) or _headed(name, text) for name in names)


def _more_than_a_person(name: str) -> bool:
    """Whether a name holds words besides those describing a person (`예비창업자 지원`, not `예비창업자`)."""
    return any(len(word) >= 2 for word in without_profile(name).split())  # (a syllable left of 예비창업자 is none)


_HEADS = yaml.safe_load(Path(__file__).with_name("finder_route.yaml").read_text(encoding="utf-8"))


def _headed(name: str, text: str) -> bool:
    """Whether `name` is followed straight by a word naming a program (handlers/finder_route.yaml: `pre-founder
    support`, `예비창업자 사업`): the program, not who asks."""
    lowered = " ".join(text.lower().split())
    if name.isascii():
        heads = "|".join(map(re.escape, _HEADS["program_heads_en"]))
        return re.search(rf"\b{re.escape(name.lower())}s?\s+(?:{heads})\b", lowered) is not None
    compact, key = lowered.replace(" ", ""), name.replace(" ", "")
    return any(key + head in compact for head in _HEADS["program_heads_ko"])


def _names(text: str, referral: Referral) -> bool:
    """Whether the text writes the referral's name or one of its aliases (spaces aside)."""
    squeezed = "".join(text.split()).lower()
    return any("".join(n.split()).lower() in squeezed for n in (*(v for _, v in referral.name.values), *referral.aliases) if n)
