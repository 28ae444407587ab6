"""docs/운영가이드.md tried as far as this machine allows: its settings table is complete, its systemd unit
is valid and starts a command the bot accepts, and its nginx snippet, run by a real nginx (Debian's package,
installed by .ci/run) with a self-signed certificate, carries Telegram's webhook to `python bot.py run --webhook`."""
from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

import bot
from botapi.loopback import LoopbackBotAPIServer
from botapi.updates import UpdateFactory
from conftest import free_port
from settings import VARIABLES

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "운영가이드.md").read_text(encoding="utf-8")
TOKEN = "123456789:AAH-secret-token-value"
SECRET = "guide-secret_0123"


def block(language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", GUIDE, re.S)
    assert match, f"no {language} block in the guide"
    return match.group(1)


def test_the_guide_lists_every_setting():
    for variable in VARIABLES:
        assert f"| `{variable.name}` |" in GUIDE, variable.name


def test_the_systemd_unit_is_valid_and_runs_a_command_the_bot_accepts(tmp_path):
    unit = block("ini")
    exec_start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1)
    program, script, *args = shlex.split(exec_start)
    assert program.endswith("/.venv/bin/python") and script == "bot.py"
    parsed = bot.build_parser().parse_args(args)
    assert (parsed.command, parsed.webhook, parsed.listen, parsed.port) == (
        "run", "https://bot.example.kr/tg/hook", "127.0.0.1", 8080)
    assert "ExecReload=/bin/kill -HUP $MAINPID" in unit and "RestartPreventExitStatus=2" in unit
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    # The unit as it would be on this machine: the paths it names must exist for verify to pass.
    local = unit.replace("/srv/agency-bot/.venv/bin/python", sys.executable).replace("/srv/agency-bot", str(ROOT))
    local = re.sub(r"^(User|Group)=.*$", r"\1=root", local, flags=re.M)
    path = tmp_path / "agency-bot.service"
    path.write_text(local, encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60)
    problems = [line for line in result.stderr.splitlines() if "agency-bot.service" in line]
    assert not problems, result.stderr


def nginx_config(tmp_path: Path, https_port: int, bot_port: int) -> Path:
    """The guide's server block, with a self-signed certificate and local ports, in a minimal nginx.conf."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=bot.example.kr", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    server = block("nginx")
    server = server.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    server = server.replace("/etc/letsencrypt/live/bot.example.kr/fullchain.pem", str(cert))
    server = server.replace("/etc/letsencrypt/live/bot.example.kr/privkey.pem", str(key))
    server = server.replace("http://127.0.0.1:8080", f"http://127.0.0.1:{bot_port}")
    temp = tmp_path / "nginx-temp"
    temp.mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(f"""daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 64; }}
http {{
    access_log {tmp_path}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server}
}}
""", encoding="utf-8")
    return config


async def test_the_nginx_snippet_carries_webhooks_to_the_bot(tmp_path):
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if nginx is None:
        pytest.skip("nginx is not installed (.ci/run installs Debian's nginx-light)")
    https_port, bot_port = free_port(), free_port()
    config = nginx_config(tmp_path, https_port, bot_port)
    proxy = subprocess.Popen([nginx, "-c", str(config), "-p", str(tmp_path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    async with LoopbackBotAPIServer() as server:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONUNBUFFERED": "1", "TELEGRAM_BOT_TOKEN": TOKEN,
               "TELEGRAM_BASE_URL": server.base_url, "BOT_DB": str(tmp_path / "bot.db"), "WEBHOOK_SECRET": SECRET}
        unit_args = shlex.split(re.search(r"^ExecStart=(.*)$", block("ini"), re.M).group(1))[2:]
        unit_args[unit_args.index("--port") + 1] = str(bot_port)
        bot_proc = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bot.py"), *unit_args, cwd=ROOT,
                                                        env=env, stdout=asyncio.subprocess.PIPE,
                                                        stderr=asyncio.subprocess.STDOUT)
        updates = UpdateFactory(None, api=server.api)
        url = f"https://127.0.0.1:{https_port}/tg/hook"
        try:
            async with httpx.AsyncClient(verify=False) as client:
                async def post(path_url: str, user_id: int, secret: str | None) -> int:
                    body = json.dumps(updates.message("무역사절단 신청 방법", user_id=user_id).to_dict())
                    headers = {"Content-Type": "application/json", "Host": "bot.example.kr"}
                    if secret:
                        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
                    deadline = time.monotonic() + 30
                    while True:
                        try:
                            answer = await client.post(path_url, content=body, headers=headers)
                        except httpx.TransportError:
                            answer = None
                        # 502 while the bot's server is still starting behind nginx
                        if answer is not None and answer.status_code != 502:
                            return answer.status_code
                        assert time.monotonic() < deadline, "nginx or the bot never answered"
                        await asyncio.sleep(0.2)

                right = await post(url, 1, SECRET)
                wrong = await post(url, 2, "not-the-secret")
                elsewhere = await post(f"https://127.0.0.1:{https_port}/admin", 3, SECRET)
            deadline = time.monotonic() + 15
            while not server.api.sent_to(1):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)
        finally:
            bot_proc.terminate()
            await asyncio.wait_for(bot_proc.communicate(), 30)
            proxy.terminate()
            proxy.wait(10)
    assert (right, wrong, elsewhere) == (200, 403, 404)
    assert server.api.sent_to(1)[0]["plain"].startswith("무역사절단")
    assert not server.api.sent_to(2)
