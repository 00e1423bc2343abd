"""Runs a command on a pseudo-terminal and answers its prompts, for tests of the terminal-only paths.

Usage: python3 pty-driver.py '{"argv": [...], "answers": [["prompt text", "reply"], ...]}'
Prints one JSON line: {"exitCode": N, "output": "everything the command wrote"}.
The environment is passed on unchanged. Standard output and error share the terminal.
"""

import json
import os
import pty
import select
import sys

request = json.loads(sys.argv[1])
answers = list(request.get("answers", []))
pid, fd = pty.fork()
if pid == 0:
    os.execvp(request["argv"][0], request["argv"])

output = b""
while True:
    ready, _, _ = select.select([fd], [], [], 20)
    if not ready:
        break
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    output += chunk
    if answers and answers[0][0].encode() in output:
        os.write(fd, answers.pop(0)[1].encode())

_, status = os.waitpid(pid, 0)
print(json.dumps({"exitCode": os.waitstatus_to_exitcode(status), "output": output.decode("utf-8", "replace")}))
