"""`python bot.py enquiries ...`: list, show, export (CSV and XLSX round trips) and unanswered."""
from __future__ import annotations

import csv
import io
import stat
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
import yaml

from bot import build_parser
from intents.decision import Candidate, Decision
from store import EnquiryStore
from review.cli import db_path, run_enquiries
from review.export import ENQUIRY_COLUMNS, csv_cell, enquiry_values, unescape_cell
from fakeclock import Clock

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2025, 3, 3, 1, 0, tzinfo=timezone.utc)  # 10:00 KST


QUESTIONS = [
    # (text, decision kind, source)
    ("청창사 언제 모집해요", "answer", "message"),
    ("드론 교육 있나요", "fallback", "message"),
    ("드론 교육 받을 수 있나요", "suggest", "message"),
    ("드론교육 있어요?", "fallback", "edited"),
    ('=HYPERLINK("http://evil.example","클릭")', "fallback", "message"),
    ("'따옴표로 시작, 쉼표와 \"인용\"\n그리고 줄바꿈", "fallback", "message"),
    ("주차장: 방문객도 되나요, 무료인가요", "fallback", "message"),
    ("menu:programs", "answer", "button"),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "bot.db"
    clock = Clock(T0)
    store = EnquiryStore(path, clock=clock)
    for i, (text, kind, source) in enumerate(QUESTIONS):
        clock.at = T0 + timedelta(days=i)
        eid = store.enquiries.record(user_id=1001 + i % 2, chat_id=1001 + i % 2, lang="ko", text=text, source=source)
        store.enquiries.record_decision(eid, Decision(kind, id="youth-startup-academy" if kind == "answer" else None,
                                            score=81.5 if kind == "answer" else 30.25,
                                            candidates=(Candidate("youth-startup-academy", "program", 81.5),)),
                              0.75)
        if i == 0:
            store.enquiries.record_feedback(eid, 1001, True)
    clock.at = T0 + timedelta(days=1)
    t = store.tickets.create(1001, 1001, "홍길동", "010 1234 5678", "드론 교육 있나요?", "v1", clock.at, False)
    store.tickets.claim(t["number"], 501, "김담당")
    store.tickets.answer(t["number"], 501, "다음 주에 공고가 나갑니다", staff_name="김담당")
    clock.at = T0 + timedelta(days=5)
    store.tickets.create(1002, 1002, None, None, "익명 질문", None, None, True)
    store.close()
    return path


def run(path: Path, *argv: str) -> tuple[int, str]:
    args = build_parser().parse_args(["enquiries", *argv])
    out = io.StringIO()
    code = run_enquiries(args, out=out, env={"BOT_DB": str(path)})
    return code, out.getvalue()


def test_db_path_from_env_and_dotenv(tmp_path):
    assert db_path({"BOT_DB": "/srv/bot/x.db"}, tmp_path / "none") == Path("/srv/bot/x.db")
    assert db_path({}, tmp_path / "none") == ROOT / "data" / "bot.db"
    env_file = tmp_path / ".env"
    env_file.write_text("BOT_DB=elsewhere/bot.db\n")
    assert db_path({}, env_file) == ROOT / "elsewhere" / "bot.db"
    assert db_path({"BOT_DB": "/a.db"}, env_file) == Path("/a.db")  # the real environment wins


def test_the_path_is_the_bots_own_setting(tmp_path):
    """The CLI reads BOT_DB through settings.Settings, so both always agree on the file."""
    from settings import Settings

    for env in ({"BOT_DB": "x/y.db"}, {"BOT_DB": str(tmp_path / "z.db")}, {}):
        assert db_path(env, tmp_path / "none") == Settings.from_env(env, env_file=tmp_path / "none").db_path


def test_a_bad_setting_is_one_line(db):
    args = build_parser().parse_args(["enquiries", "list"])
    out = io.StringIO()
    assert run_enquiries(args, out=out, env={"BOT_DB": str(db), "RETENTION_DAYS": "a year"}) == 1
    assert out.getvalue().count("\n") == 1 and "RETENTION_DAYS" in out.getvalue()


def test_missing_database_is_one_clear_line_and_not_created(tmp_path):
    path = tmp_path / "nothing.db"
    code, text = run(path, "list")
    assert code == 1 and text.count("\n") == 1 and str(path) in text
    assert not path.exists()


def test_empty_database(tmp_path):
    path = tmp_path / "empty.db"
    EnquiryStore(path).close()
    assert run(path, "list") == (0, "No tickets.\n")
    assert run(path, "list", "--status", "open") == (0, "No open tickets.\n")
    assert run(path, "unanswered") == (0, "No unanswered questions.\n")
    code, text = run(path, "export", "--out", str(tmp_path / "e.csv"))
    assert code == 0 and "Wrote 0 enquiries" in text


def test_list_and_filters(db):
    code, text = run(db, "list")
    lines = text.splitlines()
    assert code == 0 and lines[0].startswith("#")
    assert "홍길동" in lines[1] and "answered" in lines[1] and "김담당" in lines[1] and "010-1234-5678" in lines[1]
    assert "(anonymous)" in lines[2] and "open" in lines[2]
    assert lines[-1] == "2 tickets: 1 open, 1 answered"
    code, text = run(db, "list", "--status", "open")
    assert "익명 질문" in text and "홍길동" not in text
    code, text = run(db, "list", "--since", "2025-03-05")
    assert "익명 질문" in text and "홍길동" not in text and text.splitlines()[-1].endswith("1 open")
    assert run(db, "list", "--status", "closed")[1] == "No closed tickets.\n"


@pytest.mark.parametrize("since", ["last tuesday", "2025-02-30", "0001-01-01", "9999-12-31T23:00:00-05:00"])
def test_bad_since_date(db, since):
    """Not a date, or one that cannot be stored in UTC (year 0 or 10000): one line, no traceback."""
    with pytest.raises(SystemExit, match="--since: expected a date like 2025-03-01") as raised:
        run(db, "export", "--since", since)
    assert "\n" not in str(raised.value.code)


def test_bad_since_date_from_the_command_line(db):
    done = subprocess.run([sys.executable, "bot.py", "enquiries", "list", "--since", "0001-01-01"], cwd=ROOT,
                          env={**os.environ, "BOT_DB": str(db)}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == "" and done.stderr.count("\n") == 1
    assert done.stderr.startswith("--since") and "Traceback" not in done.stderr


def test_a_database_that_is_not_sqlite_is_one_line(tmp_path):
    path = tmp_path / "bot.db"
    path.write_bytes(b"name,contact\n" * 100)
    path.chmod(0o644)
    code, text = run(path, "list")
    assert code == 1 and text.count("\n") == 1 and str(path) in text and "not a database" in text
    assert path.read_bytes() == b"name,contact\n" * 100 and path.stat().st_mode & 0o777 == 0o644  # left alone


def test_a_corrupt_sqlite_file_is_one_line(db):
    raw = bytearray(db.read_bytes())
    raw[4096:] = b"\xff" * (len(raw) - 4096)  # the header is fine, every page after the first is garbage
    db.write_bytes(bytes(raw))
    code, text = run(db, "list")
    assert code == 1 and text.count("\n") == 1 and str(db) in text


def test_a_directory_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    code, text = run(folder, "list")
    assert code == 1 and text.count("\n") == 1 and str(folder) in text and "not a file" in text
    assert folder.stat().st_mode & 0o777 == 0o755 and list(folder.iterdir()) == []
    with pytest.raises(IsADirectoryError):
        EnquiryStore(folder)  # the bot refuses it too, rather than chmod it to 600
    assert folder.stat().st_mode & 0o777 == 0o755


def test_a_path_below_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    code, text = run(tmp_path / "file" / "bot.db", "list")
    assert code == 1 and text.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_database_is_one_line(db):
    db.chmod(0)
    try:
        code, text = run(db, "list")
    finally:
        db.chmod(0o600)
    assert code == 1 and text.count("\n") == 1 and str(db) in text


def test_show(db):
    code, text = run(db, "show", "1")
    assert code == 0
    assert text.startswith("Ticket #1: answered by 김담당")
    assert "홍길동" in text and "010-1234-5678 (phone)" in text and "version v1" in text
    assert "다음 주에 공고가 나갑니다" in text and "staff 김담당" in text
    # What led to the ticket (asked on day 0) and what came after it (days 2 and 4).
    before, _, since = text.partition("The user's latest messages to the bot since:")
    assert "What the user asked the bot before the ticket:" in before and "청창사 언제 모집해요" in before
    assert "드론 교육 받을 수 있나요" in since and "청창사 언제 모집해요" not in since
    code, text = run(db, "show", "2")
    assert "anonymous" in text and "익명 질문" in text
    assert run(db, "show", "99") == (1, "No ticket #99.\n")


def test_show_forgotten_ticket(db):
    store = EnquiryStore(db)
    store.privacy.forget_user(1001)
    store.close()
    code, text = run(db, "show", "1")
    assert code == 0 and "personal data deleted" in text and "홍길동" not in text and "(deleted)" in text


def test_show_purged_ticket(db):
    store = EnquiryStore(db, clock=Clock(T0 + timedelta(days=400)))
    store.privacy.purge_older_than(365)
    store.close()
    code, text = run(db, "show", "1")
    assert code == 0 and "user - (chat -)" in text and "None" not in text and "홍길동" not in text


def expected_rows(path: Path, since: str | None = None) -> list[list[str]]:
    store = EnquiryStore(path)
    rows = [[unescape_cell(csv_cell(v)) for v in enquiry_values(r)] for r in store.enquiries.select(since=since)]
    store.close()
    return rows


def test_csv_export_round_trip(db, tmp_path):
    out = tmp_path / "enquiries.csv"
    code, text = run(db, "export", "--format", "csv", "--out", str(out))
    assert code == 0 and text == f"Wrote {len(QUESTIONS)} enquiries to {out}.\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[unescape_cell(cell) for cell in row] for row in reader]
    assert tuple(header) == ENQUIRY_COLUMNS
    assert rows == expected_rows(db)
    texts = [row[header.index("text")] for row in rows]
    assert texts == [q[0] for q in QUESTIONS]  # Korean, quotes, commas and newlines intact
    first = dict(zip(header, rows[0]))
    assert first["decision"] == "answer" and first["item_id"] == "youth-startup-academy"
    assert first["helpful"] == "yes" and first["time_kst"] == "2025-03-03 10:00:00"
    assert first["candidates"] == "youth-startup-academy 81.5" and first["score"] == "81.5"


def test_csv_cells_that_spreadsheets_would_run_are_defused(db, tmp_path):
    out = tmp_path / "e.csv"
    run(db, "export", "--out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as f:
        cells = [row[7] for row in csv.reader(f)]
    assert cells[5] == "'" + QUESTIONS[4][0] and cells[6] == "''" + QUESTIONS[5][0][1:]


@pytest.mark.parametrize("text", [" =1+1", "\u00a0=HYPERLINK(\"http://x\")", "\u200b@SUM(A1)", "\n-2+3",
                                  "\u2060\u00a0 +1", "\ufeff=1", "\u3000=1", "＝1+1", " \t\n=1"])
def test_csv_formulas_behind_spaces_and_invisible_characters_are_defused(text):
    cell = csv_cell(text)
    assert cell.startswith("'") and unescape_cell(cell) == text


@pytest.mark.parametrize("text", [" 안녕하세요", "\u00a0문의", "1+1=2", "e-mail 주소"])
def test_csv_ordinary_text_is_left_alone(text):
    assert csv_cell(text) == text


def test_csv_since(db, tmp_path):
    out = tmp_path / "e.csv"
    run(db, "export", "--since", "2025-03-09", "--out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["text"] for r in rows] == ["주차장: 방문객도 되나요, 무료인가요", "menu:programs"]


def test_xlsx_export_opens_with_the_rows(db, tmp_path):
    out = tmp_path / "enquiries.xlsx"
    code, text = run(db, "export", "--format", "xlsx", "--out", str(out))
    assert code == 0 and "Wrote 8 enquiries and 2 tickets" in text
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["enquiries", "tickets"]
    sheet = book["enquiries"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(rows[0]) == ENQUIRY_COLUMNS
    store = EnquiryStore(db)
    expected = [enquiry_values(r) for r in store.enquiries.select()]
    store.close()
    assert rows[1:] == expected
    formula = sheet.cell(row=6, column=ENQUIRY_COLUMNS.index("text") + 1)
    assert formula.value == QUESTIONS[4][0] and formula.data_type == "s"  # text, not a formula
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sheet.column_dimensions["H"].width > sheet.column_dimensions["A"].width
    tickets = [[c.value for c in row] for row in book["tickets"].iter_rows(values_only=False)]
    assert tickets[1][4] == "홍길동" and tickets[2][15] == "yes"


def test_xlsx_default_file_goes_to_the_data_folder_readable_by_its_owner_only(db, tmp_path, monkeypatch):
    code_folder = tmp_path / "code"
    code_folder.mkdir()
    monkeypatch.chdir(code_folder)
    code, text = run(db, "export", "--format", "xlsx")
    [made] = list((db.parent / "exports").glob("enquiries-*.xlsx"))
    assert code == 0 and str(made) in text and list(code_folder.iterdir()) == []
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_an_export_named_with_out_is_private_too(db, tmp_path):
    target = tmp_path / "mine.csv"
    target.write_text("old")
    target.chmod(0o644)
    code, _ = run(db, "export", "--out", str(target))
    assert code == 0 and stat.S_IMODE(target.stat().st_mode) == 0o600 and "old" not in target.read_text("utf-8")


def test_a_guess_the_matcher_would_not_even_suggest_is_not_proposed(tmp_path):
    """An out-of-scope question gets no "add under" line for whatever item scored a little."""
    from knowledge.loader import load_or_raise
    from review.unanswered import suggest

    knowledge, intents = write_knowledge(tmp_path)
    [weak] = suggest(["택배: 가능한가요, 방문할 때"], load_or_raise(knowledge, intents))
    assert weak.item_id is None and weak.yaml_line is None


def test_without_a_database_the_consoles_is_named(tmp_path):
    (tmp_path / "console.db").write_bytes(b"")
    code, text = run(tmp_path / "bot.db", "list")
    assert code == 1 and f"BOT_DB={tmp_path / 'console.db'}" in text


def write_knowledge(folder: Path) -> tuple[Path, Path]:
    knowledge, intents = folder / "knowledge", folder / "intents"
    knowledge.mkdir()
    intents.mkdir()
    (knowledge / "startup.yaml").write_text(
        """
area:
  id: startup
  name: {ko: 창업, en: Startups}
programs:
  - id: drone-training
    name: {ko: 드론 전문 인력 양성 교육, en: Drone training}
    aliases: [드론 교육]
    audience: [job_seeker]
    summary: {ko: 드론 조종과 정비를 배우는 교육입니다., en: A course in flying and servicing drones.}
    questions: [드론 자격증 교육]
  - id: youth-startup-academy
    name: {ko: 청년창업사관학교, en: Youth Startup Academy}
    aliases: [청창사]
    audience: [founder]
    summary: {ko: 청년 창업자를 키우는 과정입니다., en: A programme for young founders.}
faqs:
  - id: parking
    questions: [주차장 있나요]
    answer: {ko: 방문객 주차가 가능합니다., en: Visitors can park.}
""", encoding="utf-8")
    (intents / "common.yaml").write_text(
        """
intents:
  - id: greeting
    examples: [안녕하세요, hello]
    reply: {ko: 안녕하세요!, en: Hello!}
""", encoding="utf-8")
    return knowledge, intents


def test_unanswered_groups_with_closest_item_and_yaml_line(db, tmp_path):
    knowledge, intents = write_knowledge(tmp_path)
    code, text = run(db, "unanswered", "--knowledge", str(knowledge), "--intents", str(intents))
    assert code == 0
    assert text.splitlines()[0] == "6 unanswered questions in 4 groups, most frequent first."
    first = text.split("\n\n")[1]
    assert "1. 드론 교육 있나요  (3×)" in first
    assert "also: 드론 교육 받을 수 있나요 · 드론교육 있어요?" in first
    assert "closest: drone-training (program" in first
    line = first.split("add under drone-training:  ")[1].strip()
    assert yaml.safe_load(line) == {"questions": ["드론 교육 있나요", "드론 교육 받을 수 있나요", "드론교육 있어요?"]}
    parking = next(block for block in text.split("\n\n") if "주차" in block)
    assert "closest: parking (faq" in parking
    # The colon and comma in the question are quoted, so the suggested line is valid YAML.
    suggested = parking.split("add under parking:  ")[1].strip()
    assert yaml.safe_load(suggested) == {"questions": ["주차장: 방문객도 되나요, 무료인가요"]}


def test_unanswered_says_what_it_left_ungrouped(db, tmp_path, monkeypatch):
    import review.cli

    monkeypatch.setattr(review.cli, "UNANSWERED_GROUP_LIMIT", 3)
    code, text = run(db, "unanswered", "--knowledge", str(tmp_path / "missing"), "--intents", str(tmp_path / "x"))
    lines = text.splitlines()
    assert code == 0 and lines[0] == "6 unanswered questions in 1 group, most frequent first."
    assert lines[1].startswith("(3 of them, in 3 rarer wordings, are not grouped: only the 3 most frequent")
    assert "드론 교육 있나요  (3×)" in text


def test_unanswered_without_knowledge_still_groups(db, tmp_path):
    code, text = run(db, "unanswered", "--knowledge", str(tmp_path / "missing"), "--intents", str(tmp_path / "x"))
    assert code == 0 and "knowledge not loaded" in text and "드론 교육 있나요  (3×)" in text
    assert "closest" not in text.replace("no closest items", "")


def test_unanswered_fallback_similarity_without_matcher(db, tmp_path):
    from knowledge.loader import load_or_raise
    from review.unanswered import suggest

    kb = load_or_raise(*write_knowledge(tmp_path))
    result = suggest(["드론 교육 있나요", "드론교육 있어요?", "주차장 있나요?"], kb, use_matcher=False)
    assert [(s.group.text, s.item_id) for s in result] == [("드론 교육 있나요", "drone-training"),
                                                           ("주차장 있나요?", "parking")]
    assert result[1].yaml_line is None  # that wording is already among the FAQ's questions


def test_command_line_through_subprocess(db):
    env = {**os.environ, "BOT_DB": str(db)}
    done = subprocess.run([sys.executable, "bot.py", "enquiries", "export"], cwd=ROOT, env=env,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig"), newline="")))
    assert [[unescape_cell(c) for c in r] for r in rows[1:]] == expected_rows(db)
    assert done.stderr.decode().strip() == "8 enquiries."
    listing = subprocess.run([sys.executable, "bot.py", "enquiries", "list"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and "홍길동" in listing.stdout


def test_csv_numbers_are_not_escaped(tmp_path):
    """Only text can be a formula: a group chat's negative id stays a number a spreadsheet can read."""
    path = tmp_path / "bot.db"
    store = EnquiryStore(path, clock=Clock(T0))
    store.enquiries.record(user_id=1001, chat_id=-1001234, lang="ko", text="-1 그룹에서 묻습니다")
    store.close()
    out = tmp_path / "e.csv"
    assert run(path, "export", "--out", str(out))[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert row["chat_id"] == "-1001234" and int(row["chat_id"]) == -1001234
    assert row["text"] == "'-1 그룹에서 묻습니다"  # text starting with - is still defused
    assert csv_cell(-2.5) == "-2.5" and csv_cell("-2.5") == "'-2.5"


def test_what_users_typed_cannot_drive_the_staff_terminal(tmp_path):
    path = tmp_path / "bot.db"
    store = EnquiryStore(path)
    nasty = "\x1b[31m빨간 글씨\x1b[0m \u202e거꾸로 \x00널 " + "가" * 10_000
    for _ in range(2):
        eid = store.enquiries.record(user_id=7, chat_id=7, lang="ko", text=nasty)
        store.enquiries.record_decision(eid, Decision("fallback"), 0.5)
    t = store.tickets.create(7, 7, None, None, nasty, None, None, True)
    store.close()
    for argv in (["unanswered"], ["show", str(t["number"])], ["list"]):
        code, text = run(path, *argv)
        assert code == 0
        assert not any(ch in text for ch in "\x1b\u202e\x00"), argv
        assert max(len(line) for line in text.splitlines()) < 400, argv
    out = tmp_path / "out.csv"
    assert run(path, "export", "--out", str(out))[0] == 0
    data = out.read_bytes()
    assert b"\x1b" not in data and b"\x00" not in data and "빨간 글씨".encode() in data


def test_a_thumbs_down_answer_is_listed_as_unanswered(tmp_path):
    path = tmp_path / "bot.db"
    store = EnquiryStore(path)
    liked = store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="청창사 모집 기간", source="message")
    disliked = store.enquiries.record(user_id=2, chat_id=2, lang="ko", text="수출 바우처 신청 자격", source="message")
    for enquiry in (liked, disliked):
        store.enquiries.record_decision(enquiry, Decision("answer", id="youth-startup-academy", score=90.0), 1.0)
    store.enquiries.record_feedback(liked, 1, True)
    store.enquiries.record_feedback(disliked, 2, False)
    week = store.stats.summary()["week"]
    store.close()
    assert week["enquiries"] == 2 and week["answered"] == 1  # the 👎'd answer did not answer anyone
    assert [g["text"] for g in week["top_unmatched"]] == ["수출 바우처 신청 자격"]
    code, text = run(path, "unanswered")
    assert code == 0 and "수출 바우처 신청 자격" in text and "청창사" not in text


def test_export_into_a_closed_pipe_ends_quietly(tmp_path):
    path = tmp_path / "bot.db"
    store = EnquiryStore(path)
    with store.atomic():
        for i in range(3000):
            store.enquiries.record(user_id=i, chat_id=i, lang="ko", text=f"질문 {i} " + "가" * 40)
    store.close()
    result = subprocess.run(f"{sys.executable} bot.py enquiries export | head -n 2", shell=True, cwd=ROOT,
                            env={**os.environ, "BOT_DB": str(path)}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_unanswered_lists_questions_of_only_emoji_or_punctuation(tmp_path):
    """`🤔💰?` and `????` were counted but in no group: the total and the groups must hold the same questions."""
    path = tmp_path / "bot.db"
    store = EnquiryStore(path, clock=Clock(T0))
    for text in ("드론 교육 있나요", "🤔💰?", "????", "????"):
        eid = store.enquiries.record(user_id=1001, chat_id=1001, lang="ko", text=text, source="message")
        store.enquiries.record_decision(eid, Decision("fallback", id=None, score=10.0, candidates=()), 0.5)
    store.close()
    code, text = run(path, "unanswered", "--knowledge", str(tmp_path / "missing"), "--intents", str(tmp_path / "x"))
    assert code == 0 and text.splitlines()[0] == "4 unanswered questions in 3 groups, most frequent first."
    assert "????  (2×)" in text and "🤔💰?" in text
