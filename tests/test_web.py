"""The staff web view through Datasette's own in-process client: login first, Korean queries, read-only."""
from __future__ import annotations

import pytest

from fakeclock import Clock
from intents.decision import Decision
from report_data import MONDAY, fill_week
from store import EnquiryStore
from web.accounts import AccountsError, parse_accounts
from web_fixtures import ACCOUNTS, SECRET_NAMES, datasette_for, log_in

CLOSED = ["/", "/bot", "/bot/tickets", "/bot/enquiries?_facet=kind", "/bot/open_tickets", "/bot/search?검색어=절차",
          "/bot/tickets/1", "/bot/tickets.csv", "/bot/open_tickets.csv", "/bot/-/query?sql=select+*+from+tickets",
          "/bot.db", "/-/metadata", "/-/databases", "/-/plugins", "/-/settings", "/-/versions", "/-/threads",
          "/-/actor", "/-/permissions", "/-/messages", "/-/allow-debug", "/-/config", "/-/schema"]


@pytest.fixture
def db_path(tmp_path, kb):
    path = tmp_path / "bot.db"
    clock = Clock(MONDAY)
    with EnquiryStore(path, clock=clock) as store:
        fill_week(store, clock, kb)
    with EnquiryStore(path) as store:  # today, on the real clock: for 오늘 들어온 문의
        enquiry = store.enquiries.record(user_id=5, chat_id=5, lang="ko", text="오늘 온 <b>질문</b>입니다")
        store.enquiries.record_decision(enquiry, Decision("fallback"), 1.0)
    return path


@pytest.fixture
async def ds(db_path, kb):
    datasette = datasette_for(db_path, kb)
    await datasette.invoke_startup()
    return datasette


@pytest.mark.parametrize("path", CLOSED + [p + ".json" for p in CLOSED if "?" not in p and "." not in p[1:]])
async def test_without_login_nothing_shows(ds, path):
    response = await ds.client.get(path)
    if path.endswith(".json") and response.status_code not in (301, 404):  # no such page, or an old name
        assert response.status_code == 403 and response.json()["ok"] is False
    else:
        # 301: Datasette's old name of a page, sent on to the new name, which is closed in turn.
        assert response.status_code in (301, 302, 403, 404), response.status_code
        if response.status_code == 302:
            assert response.headers["location"] == "/-/login"
    for name in SECRET_NAMES:
        assert name not in response.text


async def test_the_login_page_is_korean_and_names_nothing(ds):
    page = await ds.client.get("/-/login")
    assert page.status_code == 200 and '<html lang="ko">' in page.text
    assert "직원 로그인" in page.text and "아이디" in page.text and "비밀번호" in page.text
    for name in SECRET_NAMES:
        assert name not in page.text
    assert (await ds.client.get("/-/password-tool")).status_code == 404


async def test_a_wrong_password_is_refused(ds):
    response = await log_in(ds, password="wrong-password-here")
    assert response.status_code == 200 and "아이디 또는 비밀번호가 맞지 않습니다" in response.text
    assert "ds_actor" not in response.cookies
    response = await log_in(ds, name="nobody")
    assert "ds_actor" not in response.cookies


async def test_staff_log_in_and_see_the_front_page(ds):
    response = await log_in(ds)
    assert response.status_code == 302 and "ds_actor" in response.cookies
    cookies = {"ds_actor": response.cookies["ds_actor"]}
    front = await ds.client.get("/", cookies=cookies)
    assert front.status_code == 200
    for title in ("미처리 문의", "오늘 들어온 문의", "챗봇이 답하지 못한 질문", "👎 받은 답변", "사업별 문의 수",
                  "담당자별 처리 현황", "문의 검색", "문의 기록", "담당자 문의 (티켓)"):
        assert title in front.text, title
    for hidden in ("outbox", "blocked_users", "_sqlite_migrations", "enquiries_fts"):
        assert hidden not in front.text


@pytest.fixture
async def staff(ds):
    response = await log_in(ds)
    cookies = {"ds_actor": response.cookies["ds_actor"]}

    async def get(path: str, **params):
        reply = await ds.client.get(path, params=params, cookies=cookies)
        assert reply.status_code == 200, (path, reply.status_code, reply.text[:300])
        return reply

    return get


async def rows(staff, query: str, **params):
    return (await staff(f"/bot/{query}.json", _shape="array", **params)).json()


async def test_open_tickets_oldest_first_with_waiting_time(staff):
    open_rows = await rows(staff, "open_tickets")
    assert [r["번호"] for r in open_rows] == [3]  # the two answered tickets are not open
    [row] = open_rows
    assert row["상태"] == "대기" and row["이름"] == "이영희" and row["질문"] == "수출 상담 예약 가능한가요"
    assert row["접수시각"] == "2025-03-05 14:00" and row["기다린_시간"].endswith("시간") and "일" in row["기다린_시간"]


async def test_the_other_canned_queries(staff, kb):
    today = await rows(staff, "today")
    assert [(r["질문"], r["처리"]) for r in today] == [("오늘 온 <b>질문</b>입니다", "답하지 못함")]
    page = await staff("/bot/today")
    assert "오늘 온 &lt;b&gt;질문&lt;/b&gt;입니다" in page.text  # users' text is escaped on the page

    down = await rows(staff, "thumbs_down")
    assert [(r["답한_항목"], r["세부"]) for r in down] == [(kb.programs[0].name.get("ko"), "신청방법")]

    staff_rows = await rows(staff, "staff")
    assert [(r["담당자"], r["대기"], r["답변함"], r["전체"]) for r in staff_rows] == [
        ("박담당", 0, 2, 2), ("(아직 담당자 없음)", 1, 0, 1)]
    assert staff_rows[0]["첫_답변까지_평균_시간"] == 3.0


async def test_queries_over_recent_days_and_unanswered(tmp_path, kb):
    """The 7/30-day queries count from now: a store on the real clock."""
    path = tmp_path / "now.db"
    with EnquiryStore(path) as store:
        for text, decision in [("질문 하나", Decision("answer", kb.programs[0].id)),
                               ("질문 둘", Decision("answer", kb.programs[0].id)),
                               ("질문 셋", Decision("answer", kb.programs[1].id)),
                               ("인사", Decision("answer", kb.intents[0].id)),
                               ("주차장 어디예요?", Decision("fallback")),
                               ("주차장 어디예요", Decision("fallback")),
                               ("드론", Decision("suggest"))]:
            store.enquiries.record_decision(store.enquiries.record(user_id=1, chat_id=1, lang="ko", text=text), decision, 1.0)
    ds = datasette_for(path, kb)
    await ds.invoke_startup()
    response = await log_in(ds)
    cookies = {"ds_actor": response.cookies["ds_actor"]}
    programs = (await ds.client.get("/now/programs.json?_shape=array", cookies=cookies)).json()
    assert [(r["사업"], r["최근_7일"], r["최근_30일"]) for r in programs] == [
        (kb.programs[0].name.get("ko"), 2, 2), (kb.programs[1].name.get("ko"), 1, 1)]  # no intents
    unanswered = (await ds.client.get("/now/unanswered.json?_shape=array", cookies=cookies)).json()
    assert [(r["횟수"], r["비슷한_항목_제안"]) for r in unanswered] == [(2, ""), (1, "제안함")]
    assert unanswered[0]["질문"].startswith("주차장 어디예요")


async def test_search_finds_korean_inside_words(staff):
    found = await rows(staff, "search", 검색어="절차")
    assert [r["질문"] for r in found] == ["절차가 궁금합니다"]
    assert [r["질문"] for r in await rows(staff, "search", 검색어="주차장은")] == ["주차장은 어디있나요",
                                                                               "주차장은 어디에 있나요"]
    assert await rows(staff, "search", 검색어="") == []


async def test_csv_download_and_facets(staff):
    csv = await staff("/bot/open_tickets.csv")
    assert csv.text.splitlines()[0].startswith("번호,상태,접수시각,기다린_시간")
    tickets = (await staff("/bot/tickets.json")).json()
    assert {"status", "claimed_by_name", "lang"} <= set(tickets["facet_results"])


async def test_the_web_view_cannot_write(staff, ds, db_path):
    reply = await ds.client.get("/bot/-/query.json", params={"sql": "DELETE FROM tickets"},
                                cookies=(await log_in(ds)).cookies)
    assert reply.status_code == 400
    with EnquiryStore(db_path) as store:
        assert len(store.tickets.select()) == 3
    assert (await ds.client.get("/bot.db", cookies=(await log_in(ds)).cookies)).status_code in (403, 404)


def test_accounts_from_the_environment():
    value = ",".join(f"{name}:{hashed}" for name, hashed in ACCOUNTS.items())
    assert parse_accounts(value) == ACCOUNTS
    assert parse_accounts(" \n") == {}
    for bad in ("kim", "kim:secret", "kim:" + ACCOUNTS["kim"] + ",kim:" + ACCOUNTS["kim"], "김:" + ACCOUNTS["kim"]):
        with pytest.raises(AccountsError) as error:
            parse_accounts(bad)
        assert "pbkdf2" not in str(error.value)  # a hash is never repeated in the message


def test_hash_password_from_a_pipe_and_its_checks(monkeypatch, capsys):
    import io

    from bot import main
    from datasette_auth_passwords.utils import verify_password

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-password\n"))
    assert main(["web", "hash-password", "--name", "park"]) == 0
    line = capsys.readouterr().out.strip()
    name, hashed = line.split(":", 1)
    assert name == "park" and verify_password("a-long-enough-password", hashed)
    assert parse_accounts(line) == {"park": hashed}
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["web", "hash-password"]) == 1
    assert "at least 10" in capsys.readouterr().err


def test_the_cookie_key_is_kept_beside_the_database(tmp_path):
    import stat

    from web.server import secret_for

    first = secret_for(tmp_path / "bot.db")
    assert len(first) == 64 and secret_for(tmp_path / "bot.db") == first  # the same after a restart
    path = tmp_path / "bot-web-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_web_refuses_to_start_without_accounts(tmp_path, capsys, monkeypatch):
    from bot import main

    monkeypatch.setenv("BOT_DB", str(tmp_path / "bot.db"))
    monkeypatch.delenv("STAFF_WEB_ACCOUNTS", raising=False)
    assert main(["web", "--port", "8001"]) == 2
    assert "STAFF_WEB_ACCOUNTS is not set" in capsys.readouterr().err
    monkeypatch.setenv("STAFF_WEB_ACCOUNTS", "kim:secret")
    assert main(["web"]) == 2
    err = capsys.readouterr().err
    assert "hash of 'kim'" in err and "secret" not in err.replace("hash-password", "")


async def test_item_ids_are_shown_with_their_korean_names(staff, kb):
    page = await staff("/bot/enquiries")
    program = kb.programs[0]
    assert f'{program.id} <span class="staff-item-name">{program.name.get("ko")}</span>' in page.text
