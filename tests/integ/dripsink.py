#!/usr/bin/python3
"""A hostile SMTP server for duban's tests: it answers like any server, but
drips its reply to the end of the first --drip messages' data one byte at a
time (every --every seconds). Each connection, disconnection and accepted
message is a line of DIR/events with the time since the server started:
    T connect N | T data N | T accepted N | T disconnect N
The port is written to DIR/port.
"""
import argparse
import asyncio
import os
import time

START = time.monotonic()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--drip", type=int, default=1)
    ap.add_argument("--every", type=float, default=0.3)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    state = {"conn": 0, "msgs": 0}
    log = open(os.path.join(args.dir, "events"), "a", buffering=1)

    def event(what, n):
        log.write("%.3f %s %d\n" % (time.monotonic() - START, what, n))

    async def handle(reader, writer):
        state["conn"] += 1
        conn = state["conn"]
        event("connect", conn)
        try:
            writer.write(b"220 drip ESMTP\r\n")
            await writer.drain()
            while True:
                line = await reader.readline()
                if not line:
                    break
                cmd = line.decode("ascii", "replace").strip().upper()
                if cmd.startswith("EHLO") or cmd.startswith("HELO"):
                    writer.write(b"250-drip\r\n250 8BITMIME\r\n")
                elif cmd.startswith("MAIL") or cmd.startswith("RCPT") or cmd.startswith("RSET"):
                    writer.write(b"250 OK\r\n")
                elif cmd == "DATA":
                    writer.write(b"354 go on\r\n")
                    await writer.drain()
                    while True:
                        data = await reader.readline()
                        if not data or data == b".\r\n":
                            break
                    state["msgs"] += 1
                    n = state["msgs"]
                    event("data", n)
                    reply = b"250 2.0.0 message accepted, slowly\r\n"
                    if n <= args.drip:
                        for b in reply:
                            writer.write(bytes([b]))
                            await writer.drain()
                            await asyncio.sleep(args.every)
                    else:
                        writer.write(reply)
                    event("accepted", n)
                elif cmd == "QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    break
                else:
                    writer.write(b"502 not here\r\n")
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            event("disconnect", conn)
            writer.close()

    async def run():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        with open(os.path.join(args.dir, "port.tmp"), "w") as f:
            f.write("%d\n" % port)
        os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
        async with server:
            await server.serve_forever()

    asyncio.run(run())


if __name__ == "__main__":
    main()
