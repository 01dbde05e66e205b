#!/usr/bin/python3
"""A small asyncio SMTP server for make bench-peers: it accepts any number
of connections at once and answers at once, and writes one line per message
accepted to LOG: the receipt time (ns since the epoch) and the message's
Message-ID. Lines are flushed every 50 ms; SIGTERM flushes and exits.

Usage: recvsink.py PORT LOG
"""
import asyncio
import resource
import signal
import sys
import time

port, path = int(sys.argv[1]), sys.argv[2]
# a client that opens a connection per message opens thousands at once
resource.setrlimit(resource.RLIMIT_NOFILE, (resource.getrlimit(resource.RLIMIT_NOFILE)[1],) * 2)
out = open(path, "w", buffering=1 << 20)


async def session(reader, writer):
    def say(line):
        writer.write(line.encode() + b"\r\n")

    say("220 recvsink ESMTP")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-recvsink\r\n250-PIPELINING\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                say("354 go ahead")
                msgid = b""
                while True:
                    l = await reader.readline()
                    if not l or l == b".\r\n":
                        break
                    if not msgid and l[:12].lower() == b"message-id: ":
                        msgid = l[12:].strip()
                out.write("%d\t%s\n" % (time.time_ns(), msgid.decode("ascii", "replace")))
                say("250 accepted")
            elif verb == b"QUIT":
                say("221 bye")
                await writer.drain()
                break
            else:
                say("250 OK")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    writer.close()


async def flusher():
    while True:
        await asyncio.sleep(0.05)
        out.flush()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", port, backlog=4096)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    asyncio.ensure_future(flusher())
    async with server:
        await stop
    out.flush()


asyncio.run(main())
