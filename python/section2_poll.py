"""The article's section 2 (异步的请求), first half: non-blocking sockets, polled by one thread until each is done.

The article shows the pieces (a connect that raises BlockingIOError, a send tried again until it
stops failing); this program puts them together for every request, round robin, as stage 2 does.
The CPU never rests: every pass asks every socket, ready or not.
"""

import errno
import sys
import time

from article_run import Run, Target, explain, parse_arguments

# send() on a socket still connecting: "not yet", try again (any other error is the host's failure).
NOT_CONNECTED_YET = {errno.EAGAIN, errno.EWOULDBLOCK, errno.ENOTCONN, errno.EINPROGRESS, errno.EALREADY}


class PolledRequest:
    """One request's state between polls: connecting, then sent and reading, then done."""

    def __init__(self, target: Target, run: Run) -> None:
        self.target = target
        self.sock = target.new_socket()
        self.sock.setblocking(False)
        run.connecting()
        try:
            self.sock.connect(target.address)
        except BlockingIOError:
            pass
        self.sent = False
        self.response_bytes = b""
        self.empty_polls = 0
        self.last_progress = time.monotonic()

    def poll(self) -> bool:
        """One try at the next step; True once the response is complete. Raises OSError on failure."""
        if not self.sent:
            try:
                self.sock.send(self.target.request_bytes())
            except OSError as error:
                if error.errno in NOT_CONNECTED_YET:
                    self.empty_polls += 1
                    return False
                raise
            self.sent = True
            self.last_progress = time.monotonic()
            return False
        try:
            chunk = self.sock.recv(4096)
        except BlockingIOError:
            self.empty_polls += 1
            return False
        self.last_progress = time.monotonic()
        if chunk:
            self.response_bytes += chunk
            return False
        return True


def main() -> int:
    run = Run(parse_arguments(__doc__.splitlines()[0]))
    running = [PolledRequest(target, run) for target in run.targets]
    while running:
        still_running = []
        for request in running:
            try:
                done = request.poll()
            except OSError as error:
                request.sock.close()
                run.failed(request.target, explain(error))
                continue
            if done:
                request.sock.close()
                if run.answered(request.target, request.response_bytes):
                    run.say("\n".join(request.response_bytes.decode().split("\r\n")))
                    run.say(f"{request.target.host}: {request.empty_polls:,} polls came back empty")
            elif time.monotonic() - request.last_progress > run.timeout_seconds:
                request.sock.close()
                run.failed(request.target, run.no_progress())
            else:
                still_running.append(request)
        running = still_running
    return run.finish()


if __name__ == "__main__":
    sys.exit(main())
