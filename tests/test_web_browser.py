"""The staff web view in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
chromedriver (no browser download: SE_OFFLINE, and both paths given).

A scripted conversation through the real Application leaves a ticket; a staff member logs in, opens
미처리 문의 and finds it. Without logging in, the browser sees the login page and no table's name.
Screenshots are written under the test's temporary folder.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import button_data
from settings import Settings
from web_fixtures import PASSWORD, SECRET_NAMES, datasette_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=ko-KR")
USER, STAFF_CHAT = 1001, -100500
QUESTION = "드론 실증 센터 견학을 신청하는 절차가 궁금합니다"

if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    if os.environ.get("CI"):
        raise RuntimeError("chromium and chromium-driver are not installed (.ci/run installs them)")
    pytest.skip("Debian's chromium and chromium-driver are not installed", allow_module_level=True)


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(token=None, db_path=db_path, staff_chat_id=STAFF_CHAT, staff_user_ids=frozenset({42}))


@pytest.fixture
def server(db_path, kb):
    """The web view on a free port of 127.0.0.1, served by uvicorn in a thread as `bot.py web` serves it."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    datasette = datasette_for(db_path, kb)
    asyncio.run(datasette.invoke_startup())
    server = uvicorn.Server(uvicorn.Config(datasette.app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture
def browser(tmp_path, monkeypatch):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never fetch a browser or a driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


async def leave_a_ticket(bot) -> dict:
    """A user asks for staff through the follow-up flow, as on Telegram."""
    notice = [m for m in await bot.command("/contact") if m["chat_id"] == USER][0]
    agree = next(data for data in button_data(notice) if data.startswith("fu:agree"))
    await bot.press(agree)
    await bot.say("김민지")
    await bot.say("010-2468-1357")
    await bot.say(QUESTION)
    await bot.press("fu:send")
    [ticket] = bot.store.tickets.of_user(USER)
    return ticket


def page_text(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.TAG_NAME, "body").text


async def test_staff_log_in_and_find_the_new_ticket(bot, server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    ticket = await leave_a_ticket(bot)

    # Without logging in: every page ends at the login page, which names no table.
    for path in ("/", "/bot/open_tickets", "/bot/tickets", "/bot/enquiries.csv"):
        browser.get(server + path)
        assert browser.current_url == server + "/-/login", path
        text = browser.page_source
        assert not [name for name in SECRET_NAMES if name in text], path
    browser.save_screenshot(str(tmp_path / "login.png"))

    browser.find_element(By.ID, "id_username").send_keys("kim")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form.password-login input[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url == server + "/")
    assert "자주 쓰는 조회" in page_text(browser)
    browser.save_screenshot(str(tmp_path / "front.png"))

    browser.find_element(By.PARTIAL_LINK_TEXT, "미처리 문의").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.startswith(server + "/bot/open_tickets"))
    cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr td")]
    assert str(ticket["number"]) in cells and QUESTION in cells and "김민지" in cells and "대기" in cells
    browser.save_screenshot(str(tmp_path / "open_tickets.png"))

    # The search finds the question by a two-syllable word inside it.
    browser.get(server + "/bot/search?검색어=절차")
    assert QUESTION in page_text(browser)
    browser.save_screenshot(str(tmp_path / "search.png"))
