"""/help lists every command the bot handles, and so does the command menu, in both languages."""
from __future__ import annotations

import pytest
from telegram.ext import CommandHandler, ConversationHandler

from bot import set_commands
from handlers.services import services_of


def registered_commands(app) -> set[str]:
    """Commands of CommandHandlers, and of those that start a conversation (/finder)."""
    handlers = [h for group in app.handlers.values() for h in group]
    handlers += [e for h in handlers if isinstance(h, ConversationHandler) for e in h.entry_points]
    return {command for handler in handlers if isinstance(handler, CommandHandler) for command in handler.commands}


def staff_commands(app) -> set[str]:
    """Commands for staff only: listed in the staff section of /help and the staff chat's menu instead
    (tests/test_staff_desk.py checks those)."""
    return {key.split(".", 1)[1] for key in services_of(app).texts.keys("staff_commands.")}


def public_commands(app) -> set[str]:
    return registered_commands(app) - staff_commands(app)


async def test_help_lists_every_registered_command(bot):
    commands = public_commands(bot.app)
    assert {"start", "help", "programs", "lang"} <= commands
    for lang in ("ko", "en"):
        text = (await bot.command("/help", lang=lang))[-1]["plain"]
        for command in commands:
            assert f"/{command} — " in text, (lang, command)
        for command in staff_commands(bot.app):
            assert f"/{command} — " not in text, (lang, command)
    assert "담당자 문의" in (await bot.command("/help"))[0]["plain"]


async def test_command_menu_in_korean_and_english_has_every_command(bot):
    await set_commands(bot.app)  # post_init: run_polling calls it, process_update tests call it by hand
    commands = public_commands(bot.app)
    menus = {lang: [c["command"] for c in listed] for (_, lang), listed in bot.api.commands.items()}
    assert set(menus) == {"", "ko", "en"}
    for lang, listed in menus.items():
        assert set(listed) == commands, lang
    english = {c["command"]: c["description"] for c in bot.api.commands[next(k for k in bot.api.commands if k[1] == "en")]}
    assert english["programs"] == "Browse programs by area"


async def test_command_menu_failure_does_not_stop_the_bot(bot):
    bot.api.fail_next("setMyCommands", 500, "Internal Server Error")
    await set_commands(bot.app)  # logged, not raised
    assert (await bot.command("/help"))[0]["plain"].startswith("도움말")


@pytest.mark.parametrize("typed", ["/unknowncmd", "/unknowncmd with words", "/"])
async def test_an_unknown_command_in_a_private_chat_points_to_help(bot, typed):
    update = bot.updates.command(typed) if typed != "/" else bot.updates.message("/")
    sent = await bot.send(update)
    assert len(sent) == 1 and "/help" in sent[0]["plain"] and "없습니다" in sent[0]["plain"]
    sent = await bot.send(bot.updates.command("/unknowncmd", lang="en"))
    assert "/help" in sent[0]["plain"] and "don't know that command" in sent[0]["plain"]


async def test_an_unknown_command_in_a_group_is_answered_only_when_it_names_the_bot(bot):
    group = {"chat_id": -100777, "chat_type": "supergroup"}
    assert await bot.send(bot.updates.command("/unknowncmd", **group)) == []
    assert await bot.send(bot.updates.command("/unknowncmd@other_bot", **group)) == []
    sent = await bot.send(bot.updates.command(f"/unknowncmd@{bot.app.bot.username}", **group))
    assert len(sent) == 1 and "/help" in sent[0]["plain"]


async def test_known_commands_are_not_taken_for_unknown_ones(bot):
    for name in ("/start", "/help", "/programs", "/lang", "/mydata", "/mytickets", "/cancel"):
        sent = await bot.command(name)
        assert sent and not any("그런 명령어는 없습니다" in s["plain"] for s in sent), name
