"""The command line and the accounting the article's programs share, so that each of them reads like its listing.

Every program takes addresses the way the Java stages do (HOST..., --resolve HOST:PORT:ADDRESS,
--requests N, --quiet, --timeout MS) and ends with the stages' summary line,
"N of M hosts answered in W ms, client CPU C ms", measured as the Java Run measures it: W from
the first connect to the last answer or failure, C the CPU time of the threads that ran
requests (time.thread_time), not the interpreter's start-up.
"""

import argparse
import hashlib
import ipaddress
import socket
import sys
import threading
import time
from typing import Dict, List, Optional, Tuple

ARTICLE_HOSTS = ["so1n.me", "github.com", "google.com", "baidu.com"]


class Target:
    """One request: the name in the request line and the Host header, and where to connect for it."""

    def __init__(self, number: int, host: str, address: Tuple[str, int], family: int) -> None:
        self.number = number
        self.host = host
        self.address = address
        self.family = family

    def new_socket(self) -> socket.socket:
        return socket.socket(self.family, socket.SOCK_STREAM)

    def request_bytes(self) -> bytes:
        # The article's request, byte for byte: an absolute URL without a path, and a Host header.
        return f"GET http://{self.host} HTTP/1.0\r\nHost: {self.host}\r\n\r\n".encode("ascii")


def parse_rule(text: str) -> Tuple[str, Tuple[str, int], int]:
    """A curl-style --resolve rule: HOST:PORT:ADDRESS, ADDRESS numeric (IPv6 in brackets)."""
    parts = text.split(":", 2)
    if len(parts) != 3 or not parts[0] or not parts[2]:
        raise argparse.ArgumentTypeError(f"'{text}' is not HOST:PORT:ADDRESS, e.g. so1n.me:8080:127.0.0.1")
    host, port_text, address = parts
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}': the port '{port_text}' is not a number in 1..65535")
    literal = address[1:-1] if address.startswith("[") and address.endswith("]") else address
    try:
        parsed = ipaddress.ip_address(literal)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': the address '{address}' is not a numeric IPv4 or a bracketed IPv6 address")
    family = socket.AF_INET6 if parsed.version == 6 else socket.AF_INET
    return host, (literal, int(port_text)), family


def parse_arguments(description: str, extra_options=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description,
                                     epilog="With no HOST, the article's four names are requested; "
                                            "a name without a --resolve rule goes to port 80 through DNS. "
                                            "Exit status: 0 if every request was answered, 1 if any failed, 2 for a usage error.")
    parser.add_argument("hosts", metavar="HOST", nargs="*", help="hosts to request (default: the article's four)")
    parser.add_argument("--resolve", metavar="HOST:PORT:ADDRESS", type=parse_rule, action="append", default=[],
                        help="send requests for HOST to ADDRESS:PORT, as curl's --resolve; repeatable")
    parser.add_argument("--requests", metavar="N", type=int, default=None,
                        help="make N requests, cycling over the hosts (default: one per host)")
    parser.add_argument("--quiet", action="store_true", help="print only failures and the summary line")
    parser.add_argument("--timeout", metavar="MS", type=int, default=5000,
                        help="the longest any wait may last (default: 5000)")
    parser.add_argument("--digests", action="store_true",
                        help="before the summary line, print 'process CPU C ms' (every thread, over the run) and"
                             " 'digest HOST SHA256 COUNT' for the responses (for the benchmark)")
    if extra_options:
        extra_options(parser)
    arguments = parser.parse_args()
    if arguments.timeout <= 0:
        parser.error(f"--timeout must be a positive number of milliseconds, not {arguments.timeout}")
    if arguments.requests is not None and arguments.requests <= 0:
        parser.error(f"--requests must be a positive number, not {arguments.requests}")
    return arguments


def targets_of(arguments: argparse.Namespace) -> List[Target]:
    names = arguments.hosts or ARTICLE_HOSTS
    rules = {host: (address, family) for host, address, family in arguments.resolve}
    count = arguments.requests or len(names)
    targets = []
    for number in range(count):
        name = names[number % len(names)]
        if name in rules:
            address, family = rules[name]
        else:
            address, family = (name, 80), socket.AF_INET  # DNS, as in the article
        targets.append(Target(number, name, address, family))
    return targets


class Run:
    """One run: what to print, how each request ended, and the clock and CPU the summary line shows."""

    def __init__(self, arguments: argparse.Namespace) -> None:
        self.targets = targets_of(arguments)
        self.quiet = arguments.quiet
        self.digests = arguments.digests
        self.timeout_seconds = arguments.timeout / 1000
        self.responses: Dict[int, bytes] = {}
        self.failures: Dict[int, str] = {}
        self._first_connect: Optional[float] = None
        self._last_event: Optional[float] = None
        self._cpu_start = time.thread_time()
        self._other_threads_cpu = 0.0
        self._process_cpu_start = time.process_time()  # every thread, as the Java clients' "process CPU"
        self._lock = threading.Lock()

    def say(self, line: str) -> None:
        """A line the article prints; --quiet leaves it out."""
        if not self.quiet:
            print(line)

    def connecting(self) -> None:
        if self._first_connect is None:
            self._first_connect = time.perf_counter()

    def answered(self, target: Target, response: bytes) -> bool:
        """Keeps the response if it is HTTP, else reports a failure; True if it was HTTP."""
        if not response:
            self.failed(target, "closed the connection without answering")
            return False
        if not response.startswith(b"HTTP/"):
            self.failed(target, f"answered with bytes that are not HTTP: {response[:24]!r}")
            return False
        with self._lock:
            self.responses[target.number] = response
            self._last_event = time.perf_counter()
        return True

    def failed(self, target: Target, why: str) -> None:
        with self._lock:
            self.failures[target.number] = why
            self._last_event = time.perf_counter()
        print(f"{target.host} failed: {why}")

    def no_progress(self) -> str:
        """Why a request that waited longer than --timeout failed."""
        return f"no progress within {round(self.timeout_seconds * 1000)} ms (a silent server? try a larger --timeout)"

    def add_thread_cpu(self, seconds: float) -> None:
        with self._lock:
            self._other_threads_cpu += seconds

    def finish(self) -> int:
        """Prints the summary line (after the digests, if asked) and returns the exit status."""
        cpu = time.thread_time() - self._cpu_start + self._other_threads_cpu
        process_cpu = time.process_time() - self._process_cpu_start
        wall = 0.0 if self._first_connect is None else (self._last_event or self._first_connect) - self._first_connect
        for target in self.targets:
            if target.number not in self.responses and target.number not in self.failures:
                self.failed(target, "the program never reported this request")
        if self.digests:
            print(f"process CPU {round(process_cpu * 1000)} ms")
            counts: Dict[Tuple[str, str], int] = {}
            for target in self.targets:
                if target.number in self.responses:
                    key = (target.host, hashlib.sha256(self.responses[target.number]).hexdigest())
                    counts[key] = counts.get(key, 0) + 1
            for (host, digest), count in sorted(counts.items()):
                print(f"digest {host} {digest} {count}")
        print(f"{len(self.responses)} of {len(self.targets)} hosts answered in {round(wall * 1000)} ms, "
              f"client CPU {round(cpu * 1000)} ms")
        sys.stdout.flush()
        return 0 if len(self.responses) == len(self.targets) else 1


def explain(error: BaseException) -> str:
    """An OSError as a reader can act on it: what happened, in words."""
    if isinstance(error, ConnectionRefusedError):
        return "connection refused: nothing listens at that address (is the server running, is the port right?)"
    if isinstance(error, ConnectionResetError):
        return "the connection was reset in the middle of the response"
    if isinstance(error, (socket.timeout, TimeoutError)):
        # A socket's own timeout says only "timed out"; Task.time_out's says how long it waited.
        return str(error) if str(error).startswith("no progress") else \
            "no progress within the timeout (a silent server? try a larger --timeout)"
    if isinstance(error, socket.gaierror):
        return f"the name could not be resolved ({error.strerror}); point it somewhere with --resolve"
    return f"{type(error).__name__}: {error}"
