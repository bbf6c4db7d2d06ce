"""CI: drives ./run watch in a student copy as a student does, and checks what it prints.

It starts watch as a terminal would (Ctrl-C's SIGINT not ignored), reads its first lines, asks for a
hint, saves a file that does not compile, then the first correct answer of exercise 1.1 from the
teacher's classroom/answers, waits for "Passed" and the next exercise, then presses Ctrl-C and checks
that watch ended and left nothing running in its session. Every wait is bounded.

usage: python3 .ci/drive-watch.py STUDENT-COPY ANSWERS-DIR [--poll]
"""
import os
import pathlib
import select
import signal
import subprocess
import sys
import time

copy, answers = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
extra = sys.argv[3:]
source = copy / "stage1-blocking/src/main/java/coroutines/blocking/BlockingClient.java"
stub = 'throw new UnsupportedOperationException("exercise 1.1 is not done yet'

watch = subprocess.Popen(["./run", "watch", "--lang", "en", *extra], cwd=copy, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
printed = ""


def wait_for(text, seconds=240, after=0):
    """Reads watch's output until `text` appears after position `after`; fails after `seconds`."""
    global printed
    deadline = time.time() + seconds
    while printed.find(text, after) < 0:
        if time.time() > deadline or watch.poll() is not None:
            sys.exit(f"watch did not print {text!r} in {seconds} s; it printed:\n{printed}")
        ready, _, _ = select.select([watch.stdout], [], [], 1)
        if ready:
            chunk = os.read(watch.stdout.fileno(), 65536)
            printed += chunk.decode("utf-8", "replace")
    return printed.find(text, after)


def save(lines):
    source.write_text("\n".join(lines), encoding="utf-8")  # lines end with "" where the file ends with a newline


def in_session(session):
    """The processes of a session, from /proc (pgrep may not be installed): field 6 of stat is the session."""
    found = []
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended meanwhile
        fields = text[text.rindex(")") + 2:].split()
        if int(fields[3]) == session:
            found.append(text[:text.rindex(")") + 1])
    return found


try:
    wait_for("polling" if extra else "file events")
    at = wait_for("Save a file")
    wait_for("Exercise 1.1: Read until the server closes")

    watch.stdin.write(b"h\n")
    watch.stdin.flush()
    wait_for(" for exercise 1.1: ", after=at)

    original = source.read_text(encoding="utf-8").split("\n")
    body = next(answers.glob("1.1/right-*.answer")).read_text(encoding="utf-8").split("--- region 1\n")[1]
    half_written = [l if stub not in l else "        byte[] chunk = new byte[4096" for l in original]
    at = len(printed)
    save(half_written)
    wait_for("Does not compile", after=at)

    at = len(printed)
    save([l if stub not in l else body.rstrip("\n") for l in original])
    wait_for("Passed: all", after=at)
    wait_for("Exercise 1.2: Bound every wait", after=at)
    wait_for("Save a file", after=at)
finally:
    if watch.poll() is None:
        os.kill(watch.pid, signal.SIGINT)  # Ctrl-C, to watch alone: it must stop the JVMs it started
status = watch.wait(timeout=30)
time.sleep(1)


# watch leads a session of its own: whatever it started and left running is still in that session.
left = in_session(watch.pid)
if left:
    sys.exit(f"after Ctrl-C, processes were left running: {left}")
print(f"watch ({'polling' if extra else 'file events'}): hint, a save that does not compile, a correct answer"
      f" passed, moved on to 1.2, Ctrl-C ended it (status {status}), nothing left running")
save(original)
