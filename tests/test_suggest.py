"""`python bot.py suggest`: a reviewable YAML patch from a real enquiry log, and its evaluation cases."""
from __future__ import annotations

import io
import json
import stat

import pytest
import yaml

from bot import main
from conftest import buttons
from intents.decision import Decision

# Phrasings that leave the shipped matcher unsure (it offers suggestions); the test takes the first that
# does, so that it tests the suggestion pipeline rather than one wording's score.
UNSURE = ["수소충전소 부지 임대 조건이 궁금합니다", "수소 관련", "수소 관련 지원사업 있나요", "창업 공간 알아보는 중",
          "청년 일자리 구해요"]
PARKING = ["주차장은 어디에 있나요", "주차장 어디에 있나요?"]


async def pick_a_suggestion(bot, matcher) -> tuple[str, str]:
    """A person asks, gets "is it one of these?", and presses the first item offered: (question, item id)."""
    text = next(t for t in UNSURE if matcher.match(t).kind == "suggest")
    sent = await bot.say(text, user_id=3001)
    offered = [data for _, data in buttons(sent[-1]) if data.split(":")[0] in ("p", "f", "i")]
    assert offered, sent[-1]
    await bot.press(offered[0], user_id=3001)
    return text, offered[0].split(":")[1]


def suggest(tmp_path, db_path, *extra: str) -> dict:
    out = tmp_path / "patch.yaml"
    assert main(["suggest", "--db", str(db_path), "--out", str(out), *extra]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    return yaml.safe_load(out.read_text(encoding="utf-8")) | {"_text": out.read_text(encoding="utf-8"), "_path": out}


async def test_the_patch_from_a_real_log(bot, matcher, kb, store, db_path, tmp_path):
    question, picked = await pick_a_suggestion(bot, matcher)
    for n, text in enumerate([*PARKING, "주차장 어디에 있나요 010-1234-5678 로 알려주세요"]):
        await bot.say(text, user_id=3100 + n)

    program = kb.programs[0]
    ticket_question = f"{program.name.get('ko')} 서류는 어떻게 준비하나요"
    assert program.id in {c.id for c in matcher.match(ticket_question).candidates}
    ticket = store.tickets.create(3200, 3200, None, None, ticket_question, None, None, True, lang="ko")
    store.tickets.answer(ticket["number"], 77, f"{program.name.get('ko')} 공고문의 제출 서류 목록을 보시면 됩니다.", "박담당")
    # Off-topic: staff pointed to a program, but the bot sees nothing of it in the question.
    off = store.tickets.create(3201, 3201, None, None, "오늘 점심 뭐 먹지", None, None, True, lang="ko")
    store.tickets.answer(off["number"], 77, f"챗봇 문의는 {program.name.get('ko')} 같은 사업에 대해 해 주세요.", "박담당")

    patch = suggest(tmp_path, db_path)
    proposed = {entry["id"]: entry for entry in patch["questions"]}
    assert question in proposed[picked]["questions"]
    assert "제안 목록에서 사용자가 고름 1회" in proposed[picked]["evidence"]
    assert proposed[picked]["file"].startswith("knowledge/") and ":" in proposed[picked]["file"]
    assert proposed[program.id]["questions"] == [ticket_question]
    all_texts = [t for entry in patch["questions"] for t in entry.get("questions", entry.get("examples", []))]
    assert "오늘 점심 뭐 먹지" not in all_texts and question not in json.dumps(patch["new_faqs"], ensure_ascii=False)
    # The two parking questions are one candidate FAQ; the one with a phone number is left out entirely.
    [parking] = [f for f in patch["new_faqs"] if "주차장은 어디에 있나요" in f["questions"]]
    assert parking["asked"] == 2 and parking["id"] == "" and parking["answer"] == {"ko": "", "en": ""}
    assert "010-1234-5678" not in patch["_text"] and "제안하지 않은 질문: 1건" in patch["_text"]
    assert patch["_text"].startswith("# 지식 파일 보완 제안")


async def test_a_line_the_item_already_has_is_not_proposed(bot, kb, store, db_path, tmp_path):
    program = kb.programs[0]
    known = program.questions[0] if program.questions else program.name.get("ko")
    enquiry = store.enquiries.record(user_id=1, chat_id=1, lang="ko", text=known)
    store.enquiries.record_decision(enquiry, Decision("suggest", candidates=()), 1.0)
    candidates = json.dumps([{"id": program.id, "kind": "program", "score": 60}])
    store.db.execute("UPDATE enquiries SET candidates = ? WHERE id = ?", (candidates, enquiry))
    store.enquiries.record(user_id=1, chat_id=1, lang="ko", text=f"x [p:{program.id}]", source="button")
    assert suggest(tmp_path, db_path)["questions"] == []


async def test_reviewed_patch_becomes_evaluation_cases(bot, matcher, kb, store, db_path, tmp_path):
    question, picked = await pick_a_suggestion(bot, matcher)
    for n, text in enumerate(PARKING):
        await bot.say(text, user_id=3100 + n)
    patch = suggest(tmp_path, db_path)
    # Staff accept the question and make the parking group an FAQ.
    reviewed = {"questions": patch["questions"], "new_faqs": patch["new_faqs"]}
    reviewed["new_faqs"][0]["id"] = "parking"
    (tmp_path / "reviewed.yaml").write_text(yaml.safe_dump(reviewed, allow_unicode=True), encoding="utf-8")
    cases_file = tmp_path / "cases.yaml"
    assert main(["suggest", "--cases", str(tmp_path / "reviewed.yaml"), "--out", str(cases_file)]) == 0
    cases = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    assert {"text": question, "expect": picked, "tags": ["suggested"]} in cases
    assert {"text": "주차장은 어디에 있나요", "expect": "parking", "tags": ["suggested", "new-faq"]} in cases

    # The accepted lines are cases `bot.py eval` scores as they are (the new FAQ's once it exists).
    regression = tmp_path / "regression.yaml"
    regression.write_text(yaml.safe_dump([c for c in cases if c["expect"] != "parking"], allow_unicode=True),
                          encoding="utf-8")
    # run_eval itself (what `bot.py eval` runs), with its output to a buffer: its default stream is the
    # sys.stdout of when it was imported, which capsys cannot see once another test imported it first.
    from bot import DEFAULT_INTENTS, DEFAULT_KNOWLEDGE
    from intents.evaluate import run_eval

    out = io.StringIO()
    assert run_eval(regression, DEFAULT_KNOWLEDGE, DEFAULT_INTENTS, as_json=True, out=out) == 0
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert figures["cases"] == len(cases) - 2 and figures["by_tag"]["suggested"]["cases"] == figures["cases"]


@pytest.mark.parametrize("patch, message", [
    ("questions: [{id: no-such-item, questions: [x]}]", "not in the knowledge base"),
    ("questions: [{questions: [x]}]", "no valid id"),
    ("new_faqs: [{id: 'Not An Id', questions: [x]}]", "lower-case"),
    ("- just\n- a list", "expected the keys"),
    ("questions: [", "not YAML"),
])
def test_a_broken_reviewed_patch_is_refused_in_one_line(tmp_path, capsys, patch, message):
    path = tmp_path / "p.yaml"
    path.write_text(patch, encoding="utf-8")
    assert main(["suggest", "--cases", str(path)]) == 1
    assert message in capsys.readouterr().err


def test_without_a_database(tmp_path, capsys):
    assert main(["suggest", "--db", str(tmp_path / "none.db")]) == 1
    assert "cannot read the database" in capsys.readouterr().err


def test_a_patch_written_over_a_readable_file_leaves_it_private(store, db_path, tmp_path):
    """--out naming an existing file (mode 644): the patch replaces it and only this user can read it."""
    out = tmp_path / "patch.yaml"
    out.write_text("an older patch", encoding="utf-8")
    out.chmod(0o644)
    assert main(["suggest", "--db", str(db_path), "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "an older patch" not in out.read_text(encoding="utf-8")
