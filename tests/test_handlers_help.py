"""/help lists every command the bot handles, and so does the command menu, in both languages."""
from __future__ import annotations

from telegram.ext import CommandHandler

from bot import set_commands


def registered_commands(app) -> set[str]:
    return {command for handlers in app.handlers.values() for handler in handlers
            if isinstance(handler, CommandHandler) for command in handler.commands}


def staff_commands(app) -> set[str]:
    """Commands for staff only: listed in the staff section of /help and the staff chat's menu instead
    (tests/test_staff_desk.py checks those)."""
    return {key.split(".", 1)[1] for key in app.bot_data["texts"].keys("staff_commands.")}


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
