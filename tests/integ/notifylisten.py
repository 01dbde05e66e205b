#!/usr/bin/python3
"""A stand-in for systemd's notification socket: prints each datagram that
arrives, one line per state, prefixed with the arrival time in milliseconds.
Usage: notifylisten.py SOCKET-PATH OUTPUT-FILE"""
import os
import socket
import sys
import time

path, out = sys.argv[1], sys.argv[2]
if os.path.exists(path):
    os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
with open(out, "a", buffering=1) as f:
    f.write("%d LISTENING\n" % (time.time() * 1000))
    while True:
        data = s.recv(4096).decode("utf-8", "replace")
        now = int(time.time() * 1000)
        for line in data.splitlines():
            f.write("%d %s\n" % (now, line))
