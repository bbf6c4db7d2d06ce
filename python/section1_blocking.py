"""The article's section 1 (传统的Sync语法请求例子): one blocking socket per request, one after another.

With --threads, the same request() runs on a thread per request: the thread-pool alternative the
section names and sets aside ("开销是很大的", and the OS limits how many threads a process may have).
"""

import sys
import threading
import time

from article_run import Run, Target, explain, parse_arguments


def request(target: Target, run: Run) -> bytes:
    """The article's request(host): connect, send the request, read until the server closes."""
    sock = target.new_socket()
    # The article's socket waits as long as the OS lets it; here every wait is bounded.
    sock.settimeout(run.timeout_seconds)
    try:
        run.connecting()
        sock.connect(target.address)
        # sendall, not the article's send: send may write only part of the request.
        sock.sendall(target.request_bytes())

        response_bytes = b""
        chunk = sock.recv(4096)
        while chunk:
            response_bytes += chunk
            chunk = sock.recv(4096)
        return response_bytes
    finally:
        sock.close()


def request_and_print(target: Target, run: Run) -> None:
    """One request from start to end; a failure is reported and goes no further."""
    try:
        response_bytes = request(target, run)
    except OSError as error:
        run.failed(target, explain(error))
        return
    if run.answered(target, response_bytes):
        run.say("\n".join([i for i in response_bytes.decode().split("\r\n")]))


def on_a_thread(target: Target, run: Run) -> None:
    started = time.thread_time()
    request_and_print(target, run)
    run.add_thread_cpu(time.thread_time() - started)


def main() -> int:
    arguments = parse_arguments(__doc__.splitlines()[0], lambda parser: parser.add_argument(
        "--threads", action="store_true", help="one thread per request instead of one request after another"))
    run = Run(arguments)
    if arguments.threads:
        threads = [threading.Thread(target=on_a_thread, args=(target, run)) for target in run.targets]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        for target in run.targets:
            request_and_print(target, run)
    return run.finish()


if __name__ == "__main__":
    sys.exit(main())
