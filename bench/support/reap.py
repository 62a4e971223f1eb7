"""Runs a command as a child subreaper, so that /usr/bin/time counts the CPU of its WHOLE process tree.

`reap.py command args...` marks itself a subreaper (Linux prctl PR_SET_CHILD_SUBREAPER), runs the command, and
waits for every process the command leaves behind: a helper its parent never waited for (esbuild's service
under Vite, a backend killed at exit) is reparented here instead of to init, and reaping it adds its CPU time to
ours, which /usr/bin/time reports. Without this, such helpers' CPU is lost. Exits with the command's status.
Used by bench/support/process-tree.ts; Linux only.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
# Left-behind helpers normally exit within a second of their parent; one that doesn't is killed (and reaped).
LINGER_SECONDS = 30


def children_of(pid):
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(name))
    return found


def main():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit(f"reap.py: prctl(PR_SET_CHILD_SUBREAPER) failed: {os.strerror(ctypes.get_errno())}")
    status = subprocess.Popen(sys.argv[1:]).wait()
    deadline = time.monotonic() + LINGER_SECONDS
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            continue
        if time.monotonic() > deadline:
            for child in children_of(os.getpid()):
                os.kill(child, signal.SIGKILL)
        time.sleep(0.02)
    sys.exit(status if status >= 0 else 128 - status)


main()
