"""The honest "I don't know" (handlers/fallback.py, intents/relevance.py) and small talk that closes a chat
(intents/chat.py `closing`): real knowledge YAML, the real matcher, the bot over python-telegram-bot's objects."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import button_data, write_knowledge
from handlers.fallback import fallback_card
from intents.chat import tidy
from intents.decision import Candidate, Decision
from intents.lexicon import load_lexicon, read_yaml
from intents.matcher import Matcher

MENU = ["b:areas", "fd:start", "b:u.founder", "b:u.job_seeker", "fu:start", "m:help"]

KNOWLEDGE = """\
programs:
  - id: textile-fair
    name: {ko: 섬유 전시회 참가 지원, en: Textile Fair Support}
    aliases: [섬유 전시회]
    summary: 해외 섬유 전시회에 나가는 기업의 부스 비용을 지원합니다.
    audience: [company]
    questions: [섬유 전시회 참가비 지원, 전시회 부스 지원 받을 수 있나요]
  - id: youth-jobs
    name: {ko: 청년 일자리 연결, en: Youth Job Matching}
    summary: 구직 청년과 지역 기업을 이어 줍니다.
    audience: [job_seeker]
    questions: [청년 일자리 연결 신청, 구직 청년 취업 지원]
  - id: startup-fund
    name: {ko: 창업 자금 지원, en: Startup Funding}
    summary: 창업 3년 이내 기업에 사업화 자금을 지원합니다.
    audience: [founder]
    questions: [창업 자금 지원 신청, 창업 지원금 받을 수 있나요]
referrals:
  - id: ref-housing
    name: {ko: 주택도시보증공사, en: Housing and Urban Guarantee Corporation}
    aliases: [주택도시보증공사]
    questions: [전세보증금 반환보증 문의]
    answer: {ko: 전세 보증은 주택도시보증공사가 안내합니다., en: Housing deposit guarantees are theirs.}
    url: https://example.org/hug
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    kb = write_knowledge(tmp_path_factory.mktemp("fallback"), KNOWLEDGE)
    return kb, Matcher(kb)


# ---- small talk that closes the chat ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["알겠습니다 수고하세요", "감사합니다 수고하세요", "네 그럼 이만", "알겠어 이만",
                                  "고마워 잘있어", "ㄳ ㅂㅂ", "ㅇㅋ ㅅㄱ", "thanks, see you", "ok thanks bye",
                                  "got it, have a nice day", "들어가세요", "알겠습니다 들어가세요"])
def test_a_farewell_with_thanks_or_an_acknowledgement_is_a_goodbye(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", "goodbye")


@pytest.mark.parametrize(("text", "expected"), [("감사합니다", "thanks"), ("알겠습니다", "thanks"),
                                                ("thank you so much", "thanks")])
def test_thanks_without_a_farewell_stays_thanks(matcher: Matcher, text: str, expected: str) -> None:
    assert matcher.match(text).id == expected


def test_a_farewell_is_read_only_in_a_message_of_small_talk() -> None:
    lexicon = load_lexicon()
    assert tidy("알겠습니다 수고하세요", lexicon) == "수고하세요"
    assert tidy("알겠습니다 들어가세요", lexicon) == tidy("들어가세요", lexicon) == "안녕히 계세요"
    # A question around the same words is left whole: 들어가려면, 신청 are no small talk.
    assert tidy("신청 페이지 어디로 들어가세요", lexicon) == "신청 페이지 어디로 들어가세요"
    assert tidy("감사합니다 신청은 어떻게 해요", lexicon) == "감사합니다 신청은 어떻게 해요"


def test_a_farewell_read_only_here_keeps_the_language_it_was_said_in(matcher: Matcher) -> None:
    english = matcher.match("ok thanks, have a good day")
    assert (english.id, english.lang) == ("goodbye", "en")
    korean = matcher.match("네 주말 잘 보내세요")
    assert (korean.id, korean.lang) == ("goodbye", "ko")


def test_farewells_made_of_question_words_never_become_the_goodbye_intents_words(matcher: Matcher) -> None:
    # 들어가세요 and 주말 잘 보내세요 are read as a farewell by the closing rule only, so the words 들어 and 주말
    # do not lean a question towards goodbye.
    goodbye = matcher.entries[matcher.index_of["goodbye"]]
    assert "주말" not in goodbye.strong and not any(t.startswith("들어") for t in goodbye.strong)
    assert matcher.match("주말에도 해요?").id != "goodbye"


def test_a_question_word_run_into_the_copula_is_read_in_full(matcher: Matcher) -> None:
    # 어딥니까 is 어디입니까: a place question, answered with the agency's location, not asked back.
    assert tidy("진흥원 위치가 어딥니까?", load_lexicon()) == "진흥원 위치가 어디입니까?"
    assert matcher.match("진흥원 위치가 어딥니까") == matcher.match("진흥원 위치가 어디입니까")


# ---- suggestions only where related ------------------------------------------------------------------

def test_suggestions_that_share_only_generic_words_and_cues_become_the_fallback(small: tuple) -> None:
    kb, matcher = small
    relevance = matcher.relevance
    suggest = Decision("suggest", candidates=(Candidate("startup-fund", "program", 40.0),
                                              Candidate("textile-fair", "program", 35.0)))
    unrelated = matcher.analyzer.analyze("출산 휴가 신청 자격")  # 신청, 자격: cues every program writes
    assert relevance.review(suggest, unrelated, "출산 휴가 신청 자격").kind == "fallback"
    related = matcher.analyzer.analyze("창업 신청 자격")  # 창업: startup-fund's own word
    kept = relevance.review(suggest, related, "창업 신청 자격")
    assert kept.kind == "suggest" and [c.id for c in kept.suggestions] == ["startup-fund"]
    assert {c.id for c in kept.candidates} == {"startup-fund", "textile-fair"}  # kept for the record
    # Who asks relates a program for them: a student is a job seeker (knowledge/asker.py).
    student = relevance.review(suggest, unrelated, "대학생인데 출산 휴가 신청 자격")
    assert student.kind == "fallback"
    jobs = Decision("suggest", candidates=(Candidate("youth-jobs", "program", 40.0),))
    assert relevance.review(jobs, unrelated, "대학생인데 출산 휴가 신청 자격").kind == "suggest"


def test_the_shipped_matcher_offers_no_unrelated_suggestions(shipped_matcher: Matcher) -> None:
    decision = shipped_matcher.match("자격은?")  # nothing answered before: no program named
    assert decision.kind != "suggest"


# ---- the fallback card ---------------------------------------------------------------------------------

def test_a_question_about_another_bodys_business_is_told_so(small: tuple, texts) -> None:
    kb, matcher = small
    text, markup = fallback_card(kb, texts, "ko", matcher, "여권 재발급 어디서 해요", Decision("fallback"))
    assert "민원 서류 관련 문의는" in text and "맡고 있는 업무가 아니어서" in text
    assert "이렇게 물어보시면" not in text  # no programs offered for a passport
    assert "담당자에게 직접" in text
    english, _ = fallback_card(kb, texts, "en", matcher, "How do I renew my passport?", Decision("fallback"))
    assert english.startswith("Questions about civil documents are outside the work of")


def test_a_referral_is_named_only_where_the_knowledge_base_has_one_that_writes_it(small: tuple, texts) -> None:
    kb, matcher = small
    near = Decision("fallback", candidates=(Candidate("ref-housing", "referral", 20.0),))
    text, markup = fallback_card(kb, texts, "ko", matcher, "청년 전세 대출 받고 싶어요", near)
    assert "주거·주택 관련 문의는" in text and "주택도시보증공사에서 안내받으실 수 있습니다" in text
    assert markup.inline_keyboard[0][0].callback_data == "r:ref-housing"
    # A question about documents: the housing referral is not where to go; nothing is named.
    text, markup = fallback_card(kb, texts, "ko", matcher, "여권 재발급", near)
    assert "주택도시보증공사" not in text and markup.inline_keyboard[0][0].callback_data != "r:ref-housing"


def test_every_kind_of_other_bodys_business_has_a_name_in_both_languages(texts) -> None:
    path = Path(__file__).resolve().parent.parent / "intents" / "lexicon" / "elsewhere.yaml"
    kinds = {name for lang in ("ko", "en") for name in (read_yaml(path).get(lang) or {}) if name != "not_these"}
    assert kinds
    for kind in kinds:
        assert texts.get(f"fallback.topic_{kind}", "ko") and texts.get(f"fallback.topic_{kind}", "en")


def test_fallback_examples_are_related_to_the_question_or_the_asker(small: tuple, texts) -> None:
    kb, matcher = small
    candidates = (Candidate("textile-fair", "program", 30.0), Candidate("startup-fund", "program", 25.0))
    # 웨딩 박람회: a kind of fair the knowledge base never names; its exhibitions are no example of it.
    text, _ = fallback_card(kb, texts, "ko", matcher, "웨딩 박람회 언제 해요", Decision("fallback", candidates=candidates))
    assert "•" not in text
    text, _ = fallback_card(kb, texts, "ko", matcher, "섬유 박람회 부스 비용", Decision("fallback", candidates=candidates))
    assert "• 섬유 전시회 참가 지원" in text and "창업 자금" not in text
    text, _ = fallback_card(kb, texts, "ko", matcher, "대학생인데 인턴 할 곳", Decision("fallback", candidates=candidates))
    assert "• 청년 일자리 연결" in text and "섬유" not in text and "창업" not in text


async def test_the_bot_says_it_plainly_and_keeps_the_staff_offer(bot) -> None:
    reply = (await bot.say("전세대출 받고 싶어요"))[0]
    assert bot.last_enquiry()["kind"] == "fallback"
    assert "주거·주택 관련 문의는" in reply["plain"] and "업무가 아니어서" in reply["plain"]
    assert button_data(reply) == MENU  # the staff desk (fu:start) among the menu's buttons
    closing = (await bot.say("알겠습니다 수고하세요"))[0]
    assert bot.last_enquiry()["item_id"] == "goodbye" and "이용해 주셔서 감사합니다" in closing["plain"]


async def test_the_fallback_guesses_no_other_institution_from_one_shared_word(bot) -> None:
    # 전시회 is in a referral's texts too, but an apartment sales fair is no business of that institution:
    # pointing to the wrong body is worse than the plain apology and the staff offer
    reply = (await bot.say("아파트 분양 전시회 언제 해요"))[0]
    assert bot.last_enquiry()["kind"] == "fallback"
    assert button_data(reply) == MENU and "담당하는 내용일 수" not in reply["plain"]
