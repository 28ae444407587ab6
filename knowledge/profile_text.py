"""Reading a profile out of a question: `창업 2년차 제조업인데 받을 수 있는 지원` -> startup, 1-3 years,
manufacturing. The finder starts with those answers filled in (handlers/finder.py).

Deliberately small and cautious: it looks for a few well-worn ways people say who they are, and says
"this is a profile" only when the text also asks what they could get (`받을 수 있는`, `해당되는`,
`뭐가 있`, `what can I`, `eligible`), or states three facts or more. Anything else goes to the matcher
as usual, so a question about a named program is never taken over.

`without_profile` is the other half: the text less what says who the person is and less the asking
words, so that what is left is the topic, if any (`우리회사 수출지원 받을수있어요?` -> `수출지원`;
`창업 2년차 제조업인데 받을 수 있는 지원` -> nothing: the finder's question). A field counts as who the
person is only when said as such (`제조업인데`, `수소 기업`); `수소 지원` asks about hydrogen.
"""
from __future__ import annotations

import re
import unicodedata

from knowledge.eligibility import Profile

# (word, pattern): the first pattern that matches wins, so the more specific ones come first.
_WHO = (
    ("pre_founder", r"예비\s*창업|창업\s*(을\s*)?준비|창업\s*예정|창업하려|창업할\s*(계획|예정)|"
                    r"(planning|about|going) to (start|found|set up)( (a|my|our) (own )?(business|company|startup|firm))?|"
                    r"pre-?founder|aspiring founder"),
    ("startup", r"창업\s*\d+\s*(년\s*차|년차|년|개월)|창업한\s*지|스타트업|창업\s*기업|신생\s*기업|업력|"
                r"\bstart-?up\b|founded .{0,20}ago|my (young )?company was founded"),
    ("student", r"대학생|대학\s*\d\s*학년|재학\s*중|대학원생|university student|college student|\bstudent\b"),
    ("job_seeker", r"구직|취업\s*준비|취준|일자리를?\s*찾|실업|미취업|job ?seeker|looking for (a )?(job|work)|unemployed"),
    ("employee", r"재직|직장인|회사\s*다니|근무\s*중|\bemployee\b|i work (at|for)"),
    ("sme", r"중소\s*기업|중견\s*기업|소기업|소상공인|제조\s*업체|기업\s*(을\s*)?운영|회사\s*(를\s*)?운영|(우리|저희)\s*회사|"
            r"대표(입니다|예요|인데)|\bsme\b|small business|(our|my) (company|firm|business)|"
            r"(i|we) (run|own|have) (a|an|our|my) (small |family )?(business|company|firm|factory|shop)?"),
)
_FIELD = (
    ("defense", r"방산|방위|국방|항공|우주|defen[cs]e|aerospace"),
    ("hydrogen", r"수소|hydrogen"),
    ("ict", r"\bict\b|\bit\s*(기업|회사|업체|업|company|business|startup|industry)|소프트웨어|앱\s*개발|플랫폼"
            r"|인공\s*지능|\bai\b|빅\s*데이터|software|\bapp\b"),
    ("manufacturing", r"제조|공장|부품|기계|금속|가공|manufactur|factory"),
)
_NEED = (
    ("space", r"사무실|입주|공간|보육\s*센터|office space|\bspace\b"),
    ("hiring", r"채용|인력|직원을|인건비|hiring|\bhire\b|staff costs"),
    ("market", r"판로|수출|해외\s*진출|바이어|전시회|마케팅|export|overseas|buyers|trade fair"),
    ("training", r"교육|훈련|강의|배우|training|course"),
    ("mentoring", r"멘토|멘토링|컨설팅|애로|자문|mentor|consult"),
    ("funding", r"자금|지원금|보조금|융자|대출|투자|사업비|돈|funding|grant|loan|money|invest"),
)
_CHANGWON = r"창원|마산|진해|의창|성산|changwon|masan|jinhae"
_GYEONGNAM = r"김해|진주|양산|거제|통영|사천|밀양|함안|창녕|고성|남해|하동|산청|함양|거창|합천|의령|경남|경상남도|gyeongnam"
_ELSEWHERE = r"서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|제주|seoul|busan"
_AGENCY = r"창원\s*산업\s*진흥\s*원|창원\s*시청?|cwip"
_ASKS = (r"받을\s*수\s*있|받을만한|받을\s*만한|해당(되|이)|대상(이|인가|일까)|신청할\s*수\s*있|지원\s*(사업)?\s*(이|은|는)?\s*"
         r"(뭐|어떤|있나|있을까|있어)|뭐가\s*있|어떤\s*(지원|사업)|what (support|programs?|help) can|"
         r"can (i|we|my company|our company) (get|apply)|eligible|which programs?|what is there for")
# Asking for programs for oneself, with or without a topic: `나한테 맞는 사업 찾아줘`, `what can I apply for`.
_FOR_ME = (r"(나|저|제|우리|저희)\s*(한테|에게|에|께|가)?\s*(맞는|맞을|해당(되는|하는)|맞춤)|(맞는|맞춤|해당되는)\s*(지원\s*)?"
           r"(사업|지원|프로그램)|(사업|지원\s*사업|프로그램)\s*(을|를|좀)?\s*(좀\s*)?(찾아|추천)|(뭘|무엇을|뭐)\s*(신청|지원)\s*할\s*수|"
           r"what (can|could|should) (i|we) apply|programs? (for|that (fit|suit)s?) (me|us)|(find|recommend|suggest) "
           r"(me |us )?(a |some )?programs?|(am i|are we) eligible|(i|we) qualify")
# Asking for what there is (a list), as against whether one may apply to something (`신청할 수 있나요?`).
_LIST_ASK = (r"뭐가\s*있|뭐\s*있|뭘\s*받|어떤\s*(지원|사업|게|것|거)|(지원|사업|프로그램)\S{0,3}\s*(이|은|는|도)?\s*(있|뭐|좀)|"
             r"받을\s*수\s*있는|what (support|programs?|help|can)|which programs?|anything|any (support|programs?)")
# A field said as who one is: 제조업인데, 수소 기업, ICT 회사, 방산 부품 만드는, a hydrogen company.
_AS_WHO = (r"\s*(업체|업|기업|회사|분야|company|firm|business|startup|maker)"
           r"|(\s+\S{1,6}?)?\s*(을|를)?\s*(만드는|만들고|생산하는|생산하고|제조하는|제조하고)")


def _first(table: tuple[tuple[str, str], ...], text: str) -> str | None:
    return next((word for word, pattern in table if re.search(pattern, text)), None)


def _years(text: str) -> str | None:
    """Years since founding as a finder band: `2년차` is the second year (1-2), `3년 됐` is three."""
    match = re.search(r"(\d+)\s*년\s*차|(\d+)\s*년차", text)
    if match:
        years = int(match.group(1) or match.group(2)) - 0.5
    elif match := re.search(r"(?:창업|업력|설립)\D{0,6}(\d+)\s*년|(\d+)\s*년\s*(?:됐|되었|된|째)|founded (\d+) years? ago", text):
        years = float(next(g for g in match.groups() if g))
    elif match := re.search(r"(?:창업|설립)\D{0,6}(\d+)\s*개월|(\d+)\s*개월\s*(?:됐|되었|된|째)", text):
        years = int(next(g for g in match.groups() if g)) / 12
    else:
        return None
    return years_band_of(years)


def years_band_of(years: float) -> str:
    """A finder band for years since founding: up to 1, 3, 7, or more."""
    if years <= 1:
        return "0-1"
    if years <= 3:
        return "1-3"
    if years <= 7:
        return "3-7"
    return "7+"


def _age(text: str) -> str | None:
    match = re.search(r"(?:만\s*)?(\d{2})\s*(?:세|살)|\b(?:i am|i'm|aged) (\d{2})\b", text)
    if match:
        age = int(match.group(1) or match.group(2))
    else:
        decade = re.search(r"(\d)0\s*대\s*(초반|중반|후반)?", text)
        if decade is None:
            return None
        tens, part = int(decade.group(1)), decade.group(2)
        if tens == 2:
            return "18-29"
        if tens == 3:
            return {"초반": "30-34", "후반": "35-39"}.get(part or "")  # "30대" alone spans two bands
        if tens == 4:
            return "40-49"
        return "50+" if tens >= 5 else None
    return age_band_of(age)


def age_band_of(age: int) -> str | None:
    """A finder band for an age in full years; None under 18 (no band holds it)."""
    for band, (low, high) in (("18-29", (18, 29)), ("30-34", (30, 34)), ("35-39", (35, 39)), ("40-49", (40, 49))):
        if low <= age <= high:
            return band
    return "50+" if age >= 50 else None


def _region(text: str) -> str | None:
    text = re.sub(_AGENCY, " ", text)  # "창원산업진흥원에서 ..." says where the agency is, not the person
    if re.search(_CHANGWON, text):
        return "changwon"
    if re.search(_GYEONGNAM, text):
        return "gyeongnam"
    if re.search(_ELSEWHERE, text):
        return "other"
    return None


def asks_for_self(text: str) -> bool:
    """Whether the text asks what the person could get or apply for (`받을 수 있어요?`, `나한테 맞는 사업`)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.search(_ASKS, text) is not None or re.search(_FOR_ME, text) is not None


def asks_for_a_list(text: str) -> bool:
    """Whether the text asks what there is for the person (`받을 수 있는 지원 있나요`, `나한테 맞는 사업`),
    rather than whether they may apply to one thing (`예비창업자도 신청할 수 있나요?`)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.search(_LIST_ASK, text) is not None or re.search(_FOR_ME, text) is not None


def read_profile(text: str) -> Profile:
    """Every fact the text states about the person, whether or not it reads as a profile question."""
    text = unicodedata.normalize("NFKC", text).lower()
    who = _first(_WHO, text)
    years = _years(text)
    if who is None and years is not None:
        who = "startup"  # "업력 3년인데..." is a startup speaking
    return Profile(who=who, years=years if who == "startup" else None, age=_age(text), region=_region(text),
                   field=_first(_FIELD, text), need=_first(_NEED, text))


def without_profile(text: str, *, fields: bool = False) -> str:
    """The text less who the person is (kind, years, age, region, a field said as who they are) and less
    the words that ask what they could get: what is left names the topic, if there is one. With
    `fields`, every mention of a field goes too (`자동차 부품 업체인데 수출 지원`: what is asked is export)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(_AGENCY, " ", text)  # the agency's own name is neither a profile nor a topic
    as_who = "" if fields else f"(?:{_AS_WHO})"
    patterns = [pattern for _, pattern in _WHO] + [f"({pattern}){as_who}" for _, pattern in _FIELD] + [
        r"\d+\s*년\s*차|\d+\s*년차|(창업|업력|설립)\D{0,6}\d+\s*(년|개월)|\d+\s*(년|개월)\s*(됐|되었|된|째)",
        r"(만\s*)?\d{2}\s*(세|살)|\d0\s*대\s*(초반|중반|후반)?|\b(i am|i'm|aged) \d{2}\b",
        _CHANGWON, _GYEONGNAM, _ELSEWHERE, _ASKS, _FOR_ME]
    for pattern in patterns:
        text = re.sub(pattern, " ", text)
    return " ".join(text.split())


_YEARS_SAID = r"\d+\s*년\s*차|\d+\s*년차|(창업|업력|설립)\D{0,6}\d+\s*(년|개월)|\d+\s*(년|개월)\s*(됐|되었|된|째)"
_AGE_SAID = r"(만\s*)?\d{2}\s*(세|살)|\d0\s*대\s*(초반|중반|후반)?|\b(i am|i'm|aged) \d{2}\b"


def without_stated(text: str) -> str:
    """The text less every word that states a fact the finder asks (a kind, years, an age, a region, a
    field, a need), whole words: `저는 예비창업자예요` -> `저는`, `창업 2년차요` -> ``. What is left tells a
    typed answer to the finder's question (handlers/finder_typed.py) from a new question."""
    text = unicodedata.normalize("NFKC", text).lower()
    patterns = [p for _, p in (*_WHO, *_FIELD, *_NEED)] + [_YEARS_SAID, _AGE_SAID, _CHANGWON, _GYEONGNAM, _ELSEWHERE]
    spans = [m.span() for pattern in patterns for m in re.finditer(pattern, text) if m.end() > m.start()]
    kept, at = [], 0
    for word in text.split():
        start = text.index(word, at)
        at = start + len(word)
        if not any(s < at and e > start for s, e in spans):
            kept.append(word)
    return " ".join(kept)


def topics_of(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(fields, needs) a text mentions, in the finder's words: what a program without criteria is about,
    read from its own name and summary (`해외 바이어 수출상담회` -> market)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return (frozenset(word for word, pattern in _FIELD if re.search(pattern, text)),
            frozenset(word for word, pattern in _NEED if re.search(pattern, text)))


def parse_profile(text: str) -> Profile | None:
    """The profile the text states, or None when it does not read as "this is me: what can I get?"."""
    profile = read_profile(text)
    asks = re.search(_ASKS, unicodedata.normalize("NFKC", text).lower()) is not None
    if profile.who is None or not (asks or len(profile.to_dict()) >= 3):
        return None
    return profile
