"""Running the Application on Telegram: long polling (the default) or a webhook server.

Both first reach the Bot API with `startup.connect` (a wrong token or address: one plain line and exit
1; no network: retries), then hand over to python-telegram-bot's `run_polling` / `run_webhook`, which own
the event loop and stop on SIGINT/SIGTERM. Updates sent while the bot was down are still answered
(`drop_pending_updates=False`).

Webhook: Telegram POSTs each update to WEBHOOK_URL with the header X-Telegram-Bot-Api-Secret-Token;
python-telegram-bot's tornado server listens on `listen:port` at the URL's path and answers 403 to a
request without the right secret, which never reaches a handler (so it is not logged as an enquiry).
A reverse proxy (nginx, docs/운영가이드.md) terminates HTTPS and passes the path on.
"""
from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram.ext import Application

from operations.startup import StartupError, connect, public_address

log = logging.getLogger(__name__)

# Retries of python-telegram-bot's own start-up calls after getMe (deleteWebhook/setWebhook).
BOOTSTRAP_RETRIES = 5


@dataclass(frozen=True)
class Webhook:
    url: str            # the public https:// address Telegram posts to
    listen: str         # where the local server listens (behind the proxy)
    port: int
    secret: str

    @property
    def path(self) -> str:
        """The path the local server answers on: the public URL's path (the proxy passes it on)."""
        return urlsplit(self.url).path.strip("/")


def serve(app: Application, base_url: str, allowed_updates: list[str], webhook: Webhook | None = None) -> int:
    """Run until stopped; 0 after a normal stop, 1 when the Bot API will not have the bot."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(connect(app.bot, base_url))
    except StartupError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        loop.run_until_complete(app.bot.shutdown())
        loop.close()
        return 1
    except KeyboardInterrupt:  # stopped while waiting for the network
        loop.close()
        return 0
    if webhook is None:
        log.info("starting long polling at %s", public_address(base_url))
        app.run_polling(allowed_updates=allowed_updates, drop_pending_updates=False,
                        bootstrap_retries=BOOTSTRAP_RETRIES)
    else:
        log.info("starting the webhook server on %s:%s for %s", webhook.listen, webhook.port,
                 public_address(webhook.url))
        app.run_webhook(listen=webhook.listen, port=webhook.port, url_path=webhook.path,
                        webhook_url=webhook.url, secret_token=webhook.secret, allowed_updates=allowed_updates,
                        drop_pending_updates=False, bootstrap_retries=BOOTSTRAP_RETRIES)
    return 0
