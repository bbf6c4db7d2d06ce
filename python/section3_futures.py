"""The article's section 3.2 (用生成器实现协程): Future, Task and HttpRequest over one selector loop.

The classes are the article's, with its few slips fixed where they would hide a failure (each
fix is marked "fixed:"): a request reads like section 1 and runs like section 2's callbacks.
"""

import asyncio
import os
import socket
import sys
from selectors import DefaultSelector, EVENT_READ, EVENT_WRITE
from typing import Any, Callable, Generator, List, Optional

from article_run import Run, Target, explain, parse_arguments

selector: DefaultSelector = DefaultSelector()
running_cnt: int = 0


class Status:
    """用于判断Future状态"""
    pending: int = 1
    finished: int = 2
    cancelled: int = 3


class Future(object):
    """A result that comes later: pending, then finished (with a result or an exception) or cancelled."""

    def __init__(self) -> None:
        self.status: int = Status.pending
        self._result: Any = None
        self._exception: Optional[BaseException] = None
        self._callbacks: List[Callable[['Future'], None]] = []

    def add_done_callback(self, fn: Callable[['Future'], None]) -> None:
        self._callbacks.append(fn)

    def cancel(self) -> bool:
        if self.status != Status.pending:
            return False
        self.status = Status.cancelled
        for fn in self._callbacks:
            fn(self)
        return True

    def set_exception(self, exc: BaseException) -> None:
        if self.status != Status.pending:
            raise RuntimeError("Can not set exc")
        self._exception = exc
        self.status = Status.finished
        for fn in self._callbacks:  # fixed: the article's set_exception never woke the waiting task
            fn(self)

    def set_result(self, result: Any) -> None:
        if self.status != Status.pending:
            raise RuntimeError("Can not set result")
        self.status = Status.finished
        self._result = result
        for fn in self._callbacks:
            fn(self)

    def result(self) -> Any:
        if self.status == Status.cancelled:
            raise asyncio.CancelledError
        elif self.status != Status.finished:
            raise RuntimeError("Result is not read")
        elif self._exception is not None:
            raise self._exception
        return self._result

    def __iter__(self):
        """yield from future: pause here until the future is done, then give its result."""
        if self.status == Status.pending:
            yield self
        return self.result()


class Task:
    """Drives one coroutine: primes it, then sends each future's result in when that future is done."""

    def __init__(self, coro: Generator) -> None:
        self.cancelled: bool = False
        self.done: bool = False
        self.coro: Generator = coro
        # 预激: a finished future primes the coroutine.
        f: Future = Future()
        f.set_result(None)
        self.step(f)

    def cancel(self) -> None:
        self.coro.throw(asyncio.CancelledError)

    def step(self, f: Future) -> None:
        try:
            # fixed: a failed future is thrown into the coroutine, so the error surfaces where it waited
            # (the article's send(f.result()) raised it here, in the loop, outside every request).
            if f._exception is not None:
                _future = self.coro.throw(f._exception)
            else:
                _future = self.coro.send(f.result())
        except asyncio.CancelledError:
            self.cancelled = True
            return
        except StopIteration:
            self.done = True
            return
        _future.add_done_callback(self.step)

    def time_out(self, why: str) -> None:
        """Added: raise a timeout where the coroutine waits, so its request reports it and cleans up."""
        try:
            self.coro.throw(TimeoutError(why))
        except StopIteration:
            pass
        self.done = True


class HttpRequest(object):
    def __init__(self, target: Target, run: Run):
        global running_cnt
        running_cnt += 1
        self._target = target
        self._host: str = target.host
        self._run = run
        self.sock: socket.SocketType = target.new_socket()
        self.sock.setblocking(False)
        run.connecting()
        try:
            self.sock.connect(target.address)
        except BlockingIOError:
            pass

    def _recv_into(self, f: Future) -> None:
        # fixed: a recv that fails (a reset) fails the future instead of the loop.
        try:
            f.set_result(self.sock.recv(4096))
        except OSError as error:
            f.set_exception(error)

    def read(self) -> Generator[Future, None, bytes]:
        f: Future = Future()
        selector.register(self.sock.fileno(), EVENT_READ, lambda: self._recv_into(f))
        try:
            chunk_future = yield from f
        finally:
            selector.unregister(self.sock.fileno())
        return chunk_future  # type: ignore

    def read_response(self) -> Generator[Future, None, bytes]:
        response_bytes: bytes = b""
        chunk = yield from self.read()
        while chunk:
            response_bytes += chunk
            chunk = yield from self.read()
        return response_bytes

    def connected(self) -> Generator[Future, None, None]:
        f: Future = Future()
        selector.register(self.sock.fileno(), EVENT_WRITE, lambda: f.set_result(None))
        try:
            yield f
        finally:
            selector.unregister(self.sock.fileno())
        # fixed: writable also means "the connect failed"; SO_ERROR says which.
        error = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise OSError(error, os.strerror(error))
        self._run.say(f"{self._host} connect success")

    def request(self) -> Generator[Future, None, None]:
        global running_cnt
        try:
            yield from self.connected()
            self.sock.send(self._target.request_bytes())
            response = yield from self.read_response()
            if self._run.answered(self._target, response):
                self._run.say(f"request {self._host} success, length:{len(response)}")
        except OSError as error:
            self._run.failed(self._target, explain(error))
        finally:
            self.sock.close()
            running_cnt -= 1


def main() -> int:
    run = Run(parse_arguments(__doc__.splitlines()[0]))
    tasks = [Task(HttpRequest(target, run).request()) for target in run.targets]
    while running_cnt > 0:
        events = selector.select(run.timeout_seconds)
        if not events:
            # Nothing moved within the timeout: each task left reports its request as timed out.
            for task in tasks:
                if not task.done:
                    task.time_out(run.no_progress())
            break
        for key, mask in events:
            key.data()
    return run.finish()


if __name__ == "__main__":
    sys.exit(main())
