"""The knowledge loader through real YAML files: what a good file becomes, and what each check reports where."""
from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.loader import KnowledgeError, Problem, load, load_or_raise
from knowledge.model import ASPECTS, Area, AsOf, Faq, Intent, Program, Source, Text

GOOD_INTENTS = """\
intents:
  - id: greeting
    examples: [안녕하세요, hello]
    reply: {ko: 안녕하세요!, en: Hello!}
"""

GOOD_KNOWLEDGE = """\
programs:
  - id: trade-mission
    name: {ko: 무역사절단, en: Trade missions}
    summary: {ko: 해외 시장 개척단입니다., en: Missions to open markets abroad.}
    source: 2025년 무역사절단 모집 공고
"""


def more(text: str) -> str:
    """Lines to append to a file above, written in a test at 8 spaces of indentation."""
    return "".join(line[8:] if line.startswith(" " * 8) else line for line in text.splitlines(True))


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_files(tmp_path: Path, knowledge: dict[str, str | bytes] | None = None,
               intents: dict[str, str | bytes] | None = None):
    """Writes the given files (a good one of each kind by default) and loads them."""
    kdir, idir = tmp_path / "knowledge", tmp_path / "intents"
    kdir.mkdir(exist_ok=True)
    idir.mkdir(exist_ok=True)
    for name, text in (knowledge if knowledge is not None else {"base.yaml": GOOD_KNOWLEDGE}).items():
        write(kdir, name, text)
    for name, text in (intents if intents is not None else {"basic.yaml": GOOD_INTENTS}).items():
        write(idir, name, text)
    return load(kdir, idir)


def find(problems: list[Problem], words: str) -> Problem:
    """The one problem whose message holds `words`."""
    found = [p for p in problems if words in p.message]
    assert len(found) == 1, f"{words!r} in {[str(p) for p in problems]}"
    return found[0]


def where(problem: Problem) -> tuple[str, int, str]:
    return Path(problem.file).name, problem.line, problem.severity


# --- a good file -------------------------------------------------------------------------------------------

STARTUP = """\
area:
  id: startup
  name: {ko: 창업·일자리, en: Startups and jobs}

programs:
  - id: youth-startup-academy
    name: {ko: 청년창업사관학교, en: Youth Startup Academy}
    aliases: [청창사, 청년사관학교]
    audience: [founder, job_seeker]
    summary: {ko: 청년 창업가를 키우는 교육 과정입니다., en: A school for young founders.}
    contact: {ko: 창업지원팀에 문의하세요., en: Ask the startup team.}
    eligibility:
      ko: 만 39세 이하 예비 창업자
      en: Would-be founders aged 39 or under
    url: https://example.org/academy
    questions:
      - 청년 창업 교육 받을 수 있는 곳 있나요
      - startup training for young founders
    as_of: 2025-06
    source: [https://example.org/notice-2025, 2025년 모집 공고문]
  - id: startup-space
    name: {ko: 창업 공간, en: Startup space}
    summary: 창업 공간을 빌려 드립니다.
    source: 창업 공간 안내문

faqs:
  - id: office-space
    questions: [창업 사무실 임대 지원 있나요, cheap office for my startup]
    answer: {ko: "네, 있습니다.", en: "Yes, there is."}
    programs: [startup-space, youth-startup-academy]
"""

INTENTS = """\
intents:
  - id: greeting
    examples: [안녕하세요, hello]
    reply: {ko: 안녕하세요!, en: Hello!}
  - id: human
    examples: [담당자 연결해 주세요, talk to a person]
    action: followup
"""


def test_good_files_load_to_the_model_objects(tmp_path):
    kb, problems = load_files(tmp_path, {"startup.yaml": STARTUP}, {"basic.yaml": INTENTS})

    startup = Path(tmp_path / "knowledge" / "startup.yaml")
    area = Area("startup", Text((("ko", "창업·일자리"), ("en", "Startups and jobs"))), Source(str(startup), 2))
    assert kb.areas == (area,)
    academy = kb.program("youth-startup-academy")
    assert academy == Program(
        id="youth-startup-academy",
        name=Text((("ko", "청년창업사관학교"), ("en", "Youth Startup Academy"))),
        summary=Text((("ko", "청년 창업가를 키우는 교육 과정입니다."), ("en", "A school for young founders."))),
        aliases=("청창사", "청년사관학교"),
        audience=("founder", "job_seeker"),
        aspects={
            "eligibility": Text((("ko", "만 39세 이하 예비 창업자"), ("en", "Would-be founders aged 39 or under"))),
            "contact": Text((("ko", "창업지원팀에 문의하세요."), ("en", "Ask the startup team."))),
        },
        url="https://example.org/academy",
        questions=("청년 창업 교육 받을 수 있는 곳 있나요", "startup training for young founders"),
        area=area,
        source=Source(str(startup), 6),
        as_of=AsOf(2025, 6),
        sources=("https://example.org/notice-2025", "2025년 모집 공고문"),
    )
    # Only the aspects written, in ASPECTS order whatever order the file uses.
    assert list(academy.aspects) == [a for a in ASPECTS if a in ("eligibility", "contact")]
    space = kb.program("startup-space")
    assert space.summary == Text.of("창업 공간을 빌려 드립니다.") and space.aspects == {} and space.url is None
    assert kb.programs_in("startup") == (academy, space)
    assert kb.faqs == (Faq(
        id="office-space",
        questions=("창업 사무실 임대 지원 있나요", "cheap office for my startup"),
        answer=Text((("ko", "네, 있습니다."), ("en", "Yes, there is."))),
        programs=("startup-space", "youth-startup-academy"),
        area=area,
        source=Source(str(startup), 27),
    ),)
    intents_file = str(tmp_path / "intents" / "basic.yaml")
    assert kb.intents == (
        Intent("greeting", ("안녕하세요", "hello"), Text((("ko", "안녕하세요!"), ("en", "Hello!"))), None,
               Source(intents_file, 2)),
        Intent("human", ("담당자 연결해 주세요", "talk to a person"), None, "followup", Source(intents_file, 5)),
    )
    # The only remark: the plain-string summary is Korean without English.
    assert [str(p) for p in problems] == [
        f"{startup}:23: warning: summary of program 'startup-space' has no English "
        "(write it as {ko: ..., en: ...} so English speakers get an answer too)"
    ]


def test_files_are_read_sorted_by_name_yml_too_and_subfolders_ignored(tmp_path):
    knowledge = {
        "b.yml": GOOD_KNOWLEDGE.replace("trade-mission", "b-program").replace("무역사절단", "비").replace("Trade missions", "B"),
        "a.yaml": (GOOD_KNOWLEDGE.replace("trade-mission", "a-program").replace("무역사절단", "에이")
                   .replace("Trade missions", "A")),
        "notes.txt": "not: [yaml",
    }
    intents = {"basic.yaml": GOOD_INTENTS, "lexicon/synonyms.yaml": "스타트업: [창업]\n"}
    kb, problems = load_files(tmp_path, knowledge, intents)
    assert [p.id for p in kb.programs] == ["a-program", "b-program"]
    assert problems == []


def test_plain_scalars_stay_the_text_written(tmp_path):
    # YAML 1.1 would turn these into False, an int and a date; in these files every value is a text.
    kb, problems = load_files(tmp_path, {"x.yaml": """\
        faqs:
          - id: 2024
            questions: [No, yes]
            answer: {ko: 2020-01-01, en: No}
        """})
    faq = kb.get("2024")
    assert faq.questions == ("No", "yes") and faq.answer == Text((("ko", "2020-01-01"), ("en", "No")))
    assert problems == []


# --- what each check reports, and where ----------------------------------------------------------------------

def test_yaml_syntax_errors_skip_the_file_and_point_at_the_line(tmp_path):
    kb, problems = load_files(tmp_path, {
        "a-tab.yaml": "programs:\n\t- id: x\n",
        "b-colon.yaml": "faqs:\n  - id: x\n    questions: [q]\n    answer: 신청 방법: 공고를 보세요\n",
        "c-quote.yaml": "faqs:\n  - id: 'x\n    questions: [q]\n",
        "d-indent.yaml": "programs:\n  - id: x\n   name: y\n",
        "good.yaml": GOOD_KNOWLEDGE,
    })
    assert [p.id for p in kb.programs] == ["trade-mission"]  # the rest still loads
    tab, colon, quote, indent = problems
    assert where(tab) == ("a-tab.yaml", 2, "error") and "tab" in tab.message and "spaces" in tab.hint
    assert where(colon) == ("b-colon.yaml", 4, "error") and "quote" in colon.hint
    assert where(quote) == ("c-quote.yaml", 2, "error") and "quote is never closed" in quote.message
    assert where(indent) == ("d-indent.yaml", 3, "error") and indent.message.startswith("YAML syntax error")
    assert "indentation" in indent.hint


def test_a_file_that_is_not_utf8_is_an_error_not_a_crash(tmp_path):
    cp949 = "programs:\n  - id: x\n    name: 청년창업\n".encode("cp949")
    kb, problems = load_files(tmp_path, {"a.yaml": cp949, "b.yaml": GOOD_KNOWLEDGE})
    (problem,) = problems
    assert where(problem) == ("a.yaml", 3, "error") and problem.message == "the file is not UTF-8 text"
    assert "EUC-KR" in problem.hint and "UTF-8" in problem.hint
    assert [p.id for p in kb.programs] == ["trade-mission"]


def test_a_utf8_bom_is_accepted(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": "\ufeff" + GOOD_KNOWLEDGE})
    assert problems == [] and len(kb.programs) == 1


def test_wrong_types_at_top_level_list_and_item(tmp_path):
    kb, problems = load_files(tmp_path, {
        "a.yaml": "- id: x\n  name: y\n",
        "b.yaml": "programs:\n  id: x\n",
        "c.yaml": GOOD_KNOWLEDGE + "  - just a string\n",
    })
    assert [where(p) for p in problems] == [("a.yaml", 1, "error"), ("b.yaml", 2, "error"), ("c.yaml", 6, "error")]
    top, not_list, not_item = problems
    assert "not a mapping" in top.message and "programs:" in top.hint
    assert not_list.message == "programs: must be a list" and "- id:" in not_list.hint
    assert "not a mapping" in not_item.message
    assert [p.id for p in kb.programs] == ["trade-mission"]


def test_unknown_keys_name_the_closest_known_one(tmp_path):
    kb, problems = load_files(tmp_path, {"startup.yaml": """\
        programs:
          - id: academy
            name: {ko: 사관학교, en: Academy}
            summary: {ko: 교육, en: Training}
            eligibilty: {ko: 누구나, en: Anyone}
            aspects: {period: 3월}
            answer: {ko: 네, en: Yes}
        faqs:
          - id: office
            qustions: [사무실]
            questions: [사무실 있나요]
            answer: {ko: 네, en: Yes}
        """})
    typo = find(problems, "'eligibilty'")
    assert where(typo) == ("startup.yaml", 5, "error") and typo.hint == "did you mean 'eligibility'?"
    assert str(find(problems, "'qustions'")).endswith(
        "startup.yaml:10: error: unknown key 'qustions' (did you mean 'questions'?)")
    assert "directly under the program" in find(problems, "'aspects'").hint
    assert "field of FAQs" in find(problems, "'answer'").hint
    # Unknown keys are dropped but the items still load.
    assert kb.program("academy").aspects == {} and kb.get("office") is not None


def test_a_key_written_twice_is_reported(tmp_path):
    _, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + "    name: {ko: 둘, en: Two}\n"})
    problem = find(problems, "written twice")
    assert where(problem) == ("a.yaml", 6, "error") and "line 3" in problem.hint


def test_missing_required_fields_skip_the_item(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + more("""\
          - id: no-summary
            name: {ko: 요약없음, en: No summary}
        faqs:
          - id: no-answer
            questions: [질문]
          - questions: [아이디 없는 질문]
            answer: {ko: 답, en: Answer}
        """)}, {"basic.yaml": GOOD_INTENTS + more("""\
          - id: mute
            examples: [음]
          - id: no-examples
            examples: []
            reply: {ko: 네, en: Yes}
        """)})
    assert where(find(problems, "'no-summary' has no summary")) == ("a.yaml", 6, "error")
    assert find(problems, "'no-summary' has no summary").hint.startswith("add summary:")
    assert where(find(problems, "'no-answer' has no answer")) == ("a.yaml", 9, "error")
    assert where(find(problems, "without an id")) == ("a.yaml", 11, "error")
    assert where(find(problems, "neither a reply nor an action")) == ("basic.yaml", 5, "error")
    assert "action: followup" in find(problems, "neither a reply nor an action").hint
    assert where(find(problems, "'no-examples' has no examples")) == ("basic.yaml", 7, "error")
    assert [item.id for item in kb.items()] == ["trade-mission", "greeting"]


def test_bad_ids_get_a_suggestion(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE.replace("trade-mission", "Trade_Mission")
                                         + "  - id: 무역\n    name: x\n    summary: y\n"})
    bad = find(problems, "bad id 'Trade_Mission'")
    assert where(bad) == ("a.yaml", 2, "error") and "try 'trade-mission'" in bad.hint
    assert "lowercase English letters" in find(problems, "bad id '무역'").hint
    assert kb.programs == ()


def test_duplicate_ids_across_files_are_reported_at_both_places(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE}, {"basic.yaml": GOOD_INTENTS.replace(
        "greeting", "trade-mission")})
    first, second = [p for p in problems if "duplicate id 'trade-mission'" in p.message]
    assert where(first) == ("a.yaml", 2, "error") and "basic.yaml:2" in first.hint
    assert where(second) == ("basic.yaml", 2, "error") and "a.yaml:2" in second.hint
    assert [item.kind for item in kb.items()] == ["program"]  # the first one wins, the second is skipped


def test_dangling_faq_program_references(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + more("""\
        faqs:
          - id: missions
            questions: [무역사절단 언제 가요]
            answer: {ko: 공고를 보세요., en: See the notice.}
            programs:
              - trade-misson
              - greeting
              - trade-mission
        """)})
    typo = find(problems, "'trade-misson', which is not a program")
    assert where(typo) == ("a.yaml", 11, "error") and typo.hint == "did you mean 'trade-mission'?"
    intent = find(problems, "but that is an intent")
    assert where(intent) == ("a.yaml", 12, "error") and "basic.yaml:2" in intent.hint
    assert kb.get("missions").programs == ("trade-mission",)


def test_references_across_files_resolve_after_all_files_are_read(tmp_path):
    kb, problems = load_files(tmp_path, {
        "a.yaml": "faqs:\n  - id: q\n    questions: [질문]\n    answer: {ko: 답, en: A}\n    programs: [zz]\n",
        "z.yaml": GOOD_KNOWLEDGE.replace("trade-mission", "zz"),
    })
    assert problems == [] and kb.get("q").programs == ("zz",)


def test_the_same_question_under_two_ids(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + more("""\
            questions: [수출 지원 받고 싶어요, 해외 전시회]
        faqs:
          - id: export
            questions: [수출지원  받고싶어요?, 수출 서류]
            answer: {ko: 네, en: Yes}
        """)}, {"basic.yaml": GOOD_INTENTS.replace("hello]", "hello, Hello!]")})
    clash = find(problems, "under two ids")
    assert where(clash) == ("a.yaml", 9, "error") and "a.yaml:6" in clash.hint
    assert "'trade-mission' and 'export'" in clash.message
    same_item = find(problems, "written twice in greeting")
    assert where(same_item) == ("basic.yaml", 3, "warning")


def test_two_programs_sharing_an_alias_is_a_warning(tmp_path):
    _, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + more("""\
            aliases: [사절단]
          - id: buyer-mission
            name: {ko: 구매사절단, en: Buyer mission}
            summary: {ko: 초청, en: Invites}
            aliases: [사절단]
        """)})
    problem = find(problems, "names both")
    assert where(problem) == ("a.yaml", 10, "warning") and "a.yaml:6" in problem.hint


def test_audience_url_and_empty_strings(tmp_path):
    _, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + more("""\
            audience: [founder, Companies, student]
            url: www.example.org
            questions: [좋은 질문, "", "  "]
            contact: ""
        """)})
    companies = find(problems, "unknown audience 'Companies'")
    assert where(companies) == ("a.yaml", 6, "error") and companies.hint.startswith("did you mean 'company'?")
    assert find(problems, "unknown audience 'student'").hint == "audiences: founder | job_seeker | company"
    assert where(find(problems, "url of program")) == ("a.yaml", 7, "error")
    assert [where(p) for p in problems if "empty entry" in p.message] == [("a.yaml", 8, "error")] * 2
    assert where(find(problems, "contact of program 'trade-mission' is empty")) == ("a.yaml", 9, "error")


@pytest.mark.parametrize("url,ok", [("https://example.org/a?b=c", True), ("http://x.kr", True),
                                    ("ftp://example.org", False), ("https://", False), ("example.org", False)])
def test_url_must_be_http(tmp_path, url, ok):
    kb, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + f"    url: '{url}'\n"})
    assert (kb.program("trade-mission").url == url) is ok and (problems == []) is ok


def test_text_languages(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": """\
        programs:
          - id: p
            name: {ko: 이름, en: Name}
            summary: {kr: 요약, en: Summary}
            support: {en: Money}
            apply:
              ko: 공고를 보세요
              en: ""
            period: {ko: "", en: ""}
        """})
    kr = find(problems, "unknown language 'kr'")
    assert where(kr) == ("a.yaml", 4, "warning") and kr.hint == "did you mean 'ko'?"
    korean = find(problems, "support of program 'p' has no Korean")
    assert where(korean) == ("a.yaml", 5, "warning")
    english = find(problems, "apply of program 'p' has no English")
    assert where(english) == ("a.yaml", 6, "warning")  # an empty language counts as missing
    assert where(find(problems, "period of program 'p' is empty")) == ("a.yaml", 9, "error")
    program = kb.program("p")
    assert program.summary.get("ko") == "Summary"  # the unknown code is kept; Korean falls back to English
    assert list(program.aspects) == ["support", "apply"]


def test_empty_or_missing_knowledge_folder_is_an_error(tmp_path):
    _, problems = load_files(tmp_path, {})
    (problem,) = problems
    assert where(problem) == ("knowledge", 0, "error") and "no knowledge files" in problem.message
    assert str(problem).startswith(f"{tmp_path / 'knowledge'}: error: ")

    _, problems = load(tmp_path / "nowhere", tmp_path / "intents")
    assert "does not exist" in problems[0].message and problems[0].severity == "error"


def test_files_without_items(tmp_path):
    _, problems = load_files(tmp_path, {"a.yaml": "area: {id: x, name: {ko: 엑스, en: X}}\n", "b.yaml": ""},
                             {})
    assert [(where(p), p.message) for p in problems] == [
        (("knowledge", 0, "error"), "the knowledge files hold no programs and no FAQs"),
        (("a.yaml", 1, "warning"), "the file has neither programs: nor faqs:"),
        (("b.yaml", 0, "warning"), "the file is empty"),
        (("intents", 0, "warning"), "no intent files (*.yaml) in this folder"),
    ]


def test_an_intents_file_without_intents_points_at_the_lexicon(tmp_path):
    _, problems = load_files(tmp_path, intents={"basic.yaml": GOOD_INTENTS, "synonyms.yaml": "스타트업: [창업]\n"})
    problem = find(problems, "no intents: list")
    assert where(problem) == ("synonyms.yaml", 1, "error") and "intents/lexicon/" in problem.hint


def test_unknown_action_is_a_warning(tmp_path):
    kb, problems = load_files(tmp_path, intents={"a.yaml": INTENTS.replace("followup", "folowup")})
    problem = find(problems, "unknown action 'folowup'")
    assert where(problem) == ("a.yaml", 7, "warning") and problem.hint.startswith("did you mean 'followup'?")
    assert kb.get("human").action == "folowup"


def test_areas_shared_by_files_are_one_object(tmp_path):
    area = "area:\n  id: export\n  name: {ko: 수출지원, en: Export support}\n"
    kb, problems = load_files(tmp_path, {
        "a.yaml": area + GOOD_KNOWLEDGE,
        "b.yaml": area.replace("Export support", "Exports") + GOOD_KNOWLEDGE.replace("trade-mission", "fairs"),
    })
    assert len(kb.areas) == 1 and kb.program("fairs").area is kb.program("trade-mission").area
    assert where(find(problems, "named differently")) == ("b.yaml", 2, "warning")


def test_every_problem_in_one_run_in_file_and_line_order(tmp_path):
    broken = Path(__file__).parent / "data" / "broken"
    _, problems = load(broken / "knowledge", broken / "intents")
    files = [Path(p.file).name for p in problems]
    assert files == sorted(files, key=["knowledge", "a-programs.yaml", "b-faqs.yaml", "c-referrals.yaml", "intents",
                                       "basic.yaml"].index)
    for name in set(files):
        lines = [p.line for p in problems if Path(p.file).name == name]
        assert lines == sorted(lines)
    assert sum(p.severity == "error" for p in problems) >= 8


# --- Problem, load_or_raise ------------------------------------------------------------------------------------

def test_problem_reads_as_file_line_severity_message_hint():
    problem = Problem("error", "knowledge/startup.yaml", 12, "unknown key 'qustions'", "did you mean 'questions'?")
    assert str(problem) == "knowledge/startup.yaml:12: error: unknown key 'qustions' (did you mean 'questions'?)"
    assert str(Problem("warning", "intents", 0, "no intent files", None)) == "intents: warning: no intent files"


def test_load_or_raise(tmp_path):
    kdir, idir = tmp_path / "knowledge", tmp_path / "intents"
    write(kdir, "a.yaml", GOOD_KNOWLEDGE + "    support: 지원합니다\n")  # a warning only
    write(idir, "basic.yaml", GOOD_INTENTS)
    assert load_or_raise(kdir, idir).program("trade-mission") is not None

    write(kdir, "b.yaml", "programs:\n  - id: x\n    nme: y\n")
    with pytest.raises(KnowledgeError) as caught:
        load_or_raise(kdir, idir)
    message = str(caught.value).splitlines()
    b_yaml = tmp_path / "knowledge" / "b.yaml"
    assert message == [
        f"{b_yaml}:2: error: program 'x' has no name; skipped (add name: {{ko: ..., en: ...}})",
        f"{b_yaml}:2: error: program 'x' has no summary; skipped "
        "(add summary: {ko: ..., en: ...}, a sentence or two on what it is)",
        f"{b_yaml}:3: error: unknown key 'nme' (did you mean 'name'?)",
        "(and 1 warning: run `python bot.py check`)",
    ]
    assert len(caught.value.problems) == 4


def test_a_comma_inside_a_flow_text_is_caught(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + "    support: {ko: 네, 지원합니다., en: Yes}\n"})
    problem = find(problems, "cut at a comma")
    assert where(problem) == ("a.yaml", 6, "error") and "quote" in problem.hint
    assert kb.program("trade-mission").aspect("support") == Text((("ko", "네"), ("en", "Yes")))


def test_a_program_field_at_file_level_points_at_the_indentation(tmp_path):
    _, problems = load_files(tmp_path, {"a.yaml": GOOD_KNOWLEDGE + "questions: [무역사절단 신청]\n"})
    problem = find(problems, "unknown key 'questions'")
    assert where(problem) == ("a.yaml", 6, "error") and problem.hint == (
        "'questions' belongs to a program; check the indentation of this line")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("abc: -[]{},'\"#\t\n|>&*!?~가나\x00\ufeff")
                                + ["id: x", "\n  - ", "\n    ", "programs:", "faqs:", "questions:"]),
                max_size=60).map("".join))
def test_any_text_gives_problems_never_an_exception(text):
    with tempfile.TemporaryDirectory() as tmp:
        kdir = Path(tmp) / "knowledge"
        write(kdir, "a.yaml", text)
        kb, problems = load(kdir, Path(tmp) / "intents")
        assert all(isinstance(p, Problem) for p in problems)


def test_absurd_nesting_is_an_error_not_a_crash(tmp_path):
    # libyaml recurses once per level: 100,000 open brackets would bring the whole process down.
    kb, problems = load_files(tmp_path, {"base.yaml": GOOD_KNOWLEDGE,
                                         "deep.yaml": "programs:\n  - " + "[" * 100_000 + "\n"})
    assert where(find(problems, "nests")) == ("deep.yaml", 2, "error")
    assert kb.programs  # the other file still loads


@pytest.mark.parametrize("deep", [
    "programs:\n  - " + "- " * 30_000 + "x\n",                            # block lists on one line
    "".join(" " * i + "k:\n" for i in range(200)) + " " * 200 + "v\n",   # keys indented further and further
])
def test_absurd_block_nesting_is_an_error_not_a_segfault(tmp_path, deep):
    # Block style nests without a single bracket; libyaml's composer used to crash the process on it.
    kb, problems = load_files(tmp_path, {"base.yaml": GOOD_KNOWLEDGE, "deep.yaml": deep})
    problem = find(problems, "nests")
    assert where(problem)[0::2] == ("deep.yaml", "error") and problem.line >= 1
    assert kb.programs


def test_areas_come_in_the_order_written_under_area_not_by_file_name(tmp_path):
    area = "area: {{id: {id}, name: {{ko: {id}, en: {id}}}{order}}}\n"
    kb, problems = load_files(tmp_path, {
        "a-hydrogen.yaml": area.format(id="hydrogen", order=", order: 3") + GOOD_KNOWLEDGE,
        "b-misc.yaml": area.format(id="misc", order="") + GOOD_KNOWLEDGE.replace("trade-mission", "misc-one"),
        "c-jobs.yaml": area.format(id="jobs", order=", order: 2") + GOOD_KNOWLEDGE.replace("trade-mission", "job-one"),
        "d-startup.yaml": area.format(id="startup", order=", order: 1") + GOOD_KNOWLEDGE.replace("trade-mission", "s-one"),
        "e-bad.yaml": area.format(id="other", order=", order: first") + GOOD_KNOWLEDGE.replace("trade-mission", "o-one"),
    })
    assert [a.id for a in kb.areas] == ["startup", "jobs", "hydrogen", "misc", "other"]
    assert where(find(problems, "order of area 'other' is not a whole number")) == ("e-bad.yaml", 1, "error")


def test_referrals_agency_as_of_and_sources_load_and_are_checked(tmp_path):
    kb, problems = load_files(tmp_path, {"a.yaml": """\
        agency: {name: {ko: 진흥원, en: Agency}, url: https://example.org}
        referrals:
          - id: ref-tax
            name: {ko: 세무서, en: Tax office}
            aliases: [홈택스]
            questions: [사업자등록 어떻게 해요]
            answer: {ko: 세무서에서 합니다., en: At the tax office.}
            url: https://www.hometax.go.kr
            contact: {ko: 국번 없이 126, en: 126}
            as_of: 2025
            source: [https://example.org/blog, 국세청 안내]
          - id: ref-broken
            name: {ko: 어딘가, en: Somewhere}
            questions: [어디예요]
            answer: {ko: 모릅니다, en: Unknown}
            source: [www.bad url]
            as_of: 2025-13
        """, "b.yaml": """\
        agency: {name: 둘째}
        faqs:
          - id: q
            questions: [질문]
            answer: {ko: 답, en: A}
            url: https://example.org/q
            as_of: 2024-02-30
        """})
    ref = kb.get("ref-tax")
    assert (ref.kind, ref.url, ref.contact.get("en"), str(ref.as_of), ref.sources) == (
        "referral", "https://www.hometax.go.kr", "126", "2025", ("https://example.org/blog", "국세청 안내"))
    assert kb.referrals == (ref,) and kb.agency.url == "https://example.org" and kb.get("q").url == "https://example.org/q"
    assert where(find(problems, "'ref-broken' has neither a url nor a contact")) == ("a.yaml", 12, "error")
    assert where(find(problems, "a source of referral 'ref-broken' is not a web address")) == ("a.yaml", 16, "error")
    assert where(find(problems, "as_of of referral 'ref-broken' is not a real date")) == ("a.yaml", 17, "error")
    assert where(find(problems, "as_of of FAQ 'q' is not a real date: '2024-02-30'")) == ("b.yaml", 7, "error")
    assert where(find(problems, "agency: is written twice")) == ("b.yaml", 1, "error")
