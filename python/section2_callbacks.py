"""The article's section 2 (异步的请求), second half: one selector, a callback per step, a running counter."""

import os
import socket
import sys
from selectors import DefaultSelector, EVENT_READ, EVENT_WRITE

from article_run import Run, Target, explain, parse_arguments

# 选择事件循环: the best select-like call the OS has (epoll on Linux).
selector: DefaultSelector = DefaultSelector()
# How many requests are still running: the loop ends when it is back to zero.
running_cnt: int = 0
# How to end each running request, by its socket's fd: the timeout fails whatever is left (added).
finishers = {}


def request(target: Target, run: Run) -> None:
    """Starts one request: a non-blocking connect, and a callback for when it is connected."""
    global running_cnt
    running_cnt += 1
    host = target.host
    sock = target.new_socket()
    sock.setblocking(False)
    run.connecting()
    try:
        sock.connect(target.address)
    except BlockingIOError:
        pass
    response_bytes: bytes = b""

    def finish(why=None) -> None:
        """The request is over: stop listening, count it down, report it (added: the article only counts)."""
        global running_cnt
        if sock.fileno() in selector.get_map():
            selector.unregister(sock.fileno())
        del finishers[sock.fileno()]
        sock.close()
        running_cnt -= 1
        if why is None:
            run.answered(target, response_bytes)
        else:
            run.failed(target, why)

    def read_response() -> None:
        """接收响应参数, 并判断请求是否结束"""
        nonlocal response_bytes
        try:
            chunk: bytes = sock.recv(4096)
        except OSError as error:
            finish(explain(error))
            return
        run.say(f"recv {host} body success")
        if chunk:
            response_bytes += chunk
        else:
            # No data: the server closed, the response is complete.
            finish()

    def connected() -> None:
        """socket建立连接时的回调"""
        selector.unregister(sock.fileno())
        # Writable also means "the connect failed": SO_ERROR says which (the article assumes success).
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            finish(explain(OSError(error, os.strerror(error))))  # OSError picks the subclass, e.g. ConnectionRefusedError
            return
        run.say(f"{host} connect success")
        sock.send(target.request_bytes())  # a 50-byte request fits in any socket buffer
        selector.register(sock.fileno(), EVENT_READ, read_response)

    finishers[sock.fileno()] = finish
    selector.register(sock.fileno(), EVENT_WRITE, connected)


def main() -> int:
    run = Run(parse_arguments(__doc__))
    for target in run.targets:
        request(target, run)
    while running_cnt > 0:
        # 等待事件循环通知: the thread sleeps until a socket is ready, or the timeout says none will be.
        events = selector.select(run.timeout_seconds)
        if not events:
            for finish in list(finishers.values()):
                finish(run.no_progress())
            break
        for key, mask in events:
            key.data()
    return run.finish()


if __name__ == "__main__":
    sys.exit(main())
