"""The article's program as asyncio writes it: the standard library's Future, Task and loop in place of section 3.2's.

The article ends where asyncio begins ("这些都会被Python官方封装到Asyncio这个库中"): the same
request, with async/await, streams for the socket and the event loop asyncio brings.
"""

import asyncio
import sys

from article_run import Run, Target, explain, parse_arguments


async def request(target: Target, run: Run) -> None:
    host = target.host
    timeout = run.timeout_seconds
    try:
        run.connecting()
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(target.address[0], target.address[1], family=target.family), timeout)
        run.say(f"{host} connect success")
        try:
            writer.write(target.request_bytes())
            response = b""
            chunk = await asyncio.wait_for(reader.read(4096), timeout)
            while chunk:
                response += chunk
                chunk = await asyncio.wait_for(reader.read(4096), timeout)
        finally:
            writer.close()
    except (OSError, asyncio.TimeoutError) as error:
        run.failed(target, explain(error))
        return
    if run.answered(target, response):
        run.say(f"request {host} success, length:{len(response)}")


async def request_all(run: Run) -> None:
    await asyncio.gather(*(request(target, run) for target in run.targets))


def main() -> int:
    run = Run(parse_arguments(__doc__.splitlines()[0]))
    asyncio.run(request_all(run))
    return run.finish()


if __name__ == "__main__":
    sys.exit(main())
