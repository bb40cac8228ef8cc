"""Taking turns to IDENTIFY across processes: one advisory lock per bucket in PostgreSQL.

What is asserted is who waits for whom: a turn is held `spacing` seconds, so another
process's turn in the same bucket cannot come sooner (a lower bound set by the code's own
wait, not a speed).
"""

from __future__ import annotations

import asyncio

from bot.cluster.identify import IDENTIFY_LOCK_BASE, LocalIdentifyGate, PostgresIdentifyGate

SPACING = 1.0

HOLD_A_TURN = """
import asyncio, sys
from bot.cluster.identify import PostgresIdentifyGate

async def main():
    gate = PostgresIdentifyGate(sys.argv[1], spacing=3600)
    await gate.turn(0)
    print("holding", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


async def test_a_second_process_identifies_only_after_the_first_ones_turn_is_over(
    postgres_url: str, closing
) -> None:
    first = closing(PostgresIdentifyGate(postgres_url, spacing=SPACING))
    second = closing(PostgresIdentifyGate(postgres_url, spacing=SPACING))
    loop = asyncio.get_running_loop()
    await first.turn(0)
    first_identified = loop.time()
    await second.turn(0)
    # The first holds its bucket SPACING past its turn; the second's comes only once it lets go.
    assert loop.time() - first_identified >= SPACING - 0.01


async def test_other_buckets_do_not_wait(postgres_url: str, closing) -> None:
    first = closing(PostgresIdentifyGate(postgres_url, spacing=3600))
    second = closing(PostgresIdentifyGate(postgres_url, spacing=3600))
    await first.turn(0)
    await asyncio.wait_for(second.turn(1), 60)  # bucket 1 is free while bucket 0 is held
    [held] = list(first._held)
    assert not held.done()


async def test_a_killed_process_never_blocks_the_others(postgres_url: str, closing,
                                                       child) -> None:
    holder = await child(HOLD_A_TURN, postgres_url)
    assert await holder.line() == "holding"  # it holds bucket 0 for an hour
    gate = closing(PostgresIdentifyGate(postgres_url, spacing=SPACING))
    waiting = asyncio.create_task(gate.turn(0))
    await asyncio.sleep(0.5)
    assert not waiting.done()  # its turn has not come
    holder.kill()  # the server ends its session and frees the lock
    await asyncio.wait_for(waiting, 60)


async def test_without_postgresql_a_process_identifies_anyway(closing) -> None:
    gate = closing(PostgresIdentifyGate("postgresql://trainedon:secret@127.0.0.1:9/none",
                                        spacing=SPACING))
    await asyncio.wait_for(gate.turn(0), 60)  # refused at once: no wait for other processes
    assert not gate._held


async def test_in_one_process_turns_of_a_bucket_keep_their_spacing() -> None:
    gate = LocalIdentifyGate(spacing=0.3)
    loop = asyncio.get_running_loop()
    await gate.turn(0)
    first = loop.time()
    await gate.turn(1)  # another bucket: no wait
    await gate.turn(0)
    assert loop.time() - first >= 0.3


def test_lock_keys_do_not_meet_the_leaders() -> None:
    from bot.cluster.leader import LEADER_LOCK_KEY

    assert LEADER_LOCK_KEY not in range(IDENTIFY_LOCK_BASE, IDENTIFY_LOCK_BASE + 10_000)
