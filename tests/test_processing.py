"""handlers/processing.py: one chat's flood does not hold the slots other chats need."""
from __future__ import annotations

import asyncio

from telegram import Update

from handlers.processing import ChatOrderedUpdateProcessor


def update(chat_id: int, update_id: int) -> Update:
    return Update.de_json({"update_id": update_id, "message": {
        "message_id": update_id, "date": 0, "chat": {"id": chat_id, "type": "private"}, "text": "x"}}, None)


async def test_a_flooding_chat_holds_one_slot_and_another_chat_is_served_at_once():
    processor = ChatOrderedUpdateProcessor(8)
    order: list[int] = []
    in_slots: set[int] = set()

    async def work(update_id: int) -> None:
        in_slots.add(processor.current_concurrent_updates)
        await asyncio.sleep(0.01)  # each update of the flood takes 10 ms (an answer over the network)
        order.append(update_id)

    flood_updates = [update(1, i) for i in range(300)]
    async with processor:
        # As the Application runs them: one task per update, in the order they were fetched.
        flood = [asyncio.create_task(processor.process_update(u, work(u.update_id))) for u in flood_updates]
        other = asyncio.create_task(processor.process_update(update(2, 1000), work(1000)))
        await asyncio.gather(*flood, other)
    # Behind the flood (8 slots all taken by its updates, each waiting for the one before) it would have
    # finished after all 300 of them. Order, not wall time, so a loaded machine cannot fail it.
    assert order.index(1000) < 10
    assert [u for u in order if u != 1000] == list(range(300))  # the flooding chat's order held
    assert max(in_slots) <= 2  # the flood never had more than one slot
    assert processor.waiting_chats == 0 and processor.slots == 8


async def test_no_more_than_the_slots_run_at_once():
    processor = ChatOrderedUpdateProcessor(3)
    running = peak = 0

    async def work() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    async with processor:
        await asyncio.gather(*(processor.process_update(update(chat, chat), work()) for chat in range(20)))
    assert peak == 3
