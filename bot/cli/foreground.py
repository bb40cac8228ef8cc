"""Running the application's async code from the command line, every step in the main thread.

`asyncio.run` answers Ctrl-C by cancelling its task, and a cancelled task cannot stop a
download or a build already running in a thread: the command went on until that step ended
(measured, Python 3.11: a Ctrl-C 0.7 s into a 3 s threaded step took effect after 3.0 s).
Here each step runs inline on a plain loop, so Ctrl-C raises KeyboardInterrupt inside the
step at once, as it does in every other command.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


async def inline(function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a blocking step right here: the command's loop has nothing else to serve."""
    return function(*args, **kwargs)


def run_in_foreground(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to its end on a new loop, leaving Python's Ctrl-C handler in place."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()
