#!/usr/bin/python3
"""A local SMTP server for duban's tests and demo (Debian's python3-aiosmtpd).

Every message accepted is written to DIR as NNNNNN.eml, byte for byte as
received, and one line per message is appended to DIR/index:
    NNNNNN<TAB>mail-from<TAB>rcpt[,rcpt...]<TAB>decoded subject
The port actually bound is written to DIR/port once the server listens.

Run it with /usr/bin/python3: Debian's aiosmtpd is installed for that one.
"""
import argparse
import asyncio
import email
import email.policy
import os
import signal
import socket
import sys

import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory, quiet, fail_codes, reject, fsync=True):
        self.fsync = fsync
        self.dir = directory
        self.quiet = quiet
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])
        self.fail_codes = list(fail_codes)
        self.reject = set(reject)

    def log(self, line):
        with open(os.path.join(self.dir, "events"), "a", encoding="utf-8") as f:
            f.write(line + "\n")

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.log("mail from %s" % address)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.log("rcpt %s" % address)
        if address in self.reject:
            self.log("rejected %s" % address)
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_codes:
            reply = self.fail_codes.pop(0)
            self.log("answered DATA with %s" % reply)
            return reply
        if session.ssl:
            self.log("message over TLS")
        if session.authenticated:
            self.log("message from an authenticated user")
        self.count += 1
        name = "%06d" % self.count
        data = envelope.original_content or envelope.content
        tmp = os.path.join(self.dir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            if self.fsync:
                f.flush()
                os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.dir, name + ".eml"))
        msg = email.message_from_bytes(data, policy=email.policy.default)
        subject = str(msg.get("Subject", "")).replace("\t", " ")
        with open(os.path.join(self.dir, "index"), "a", encoding="utf-8") as f:
            f.write("%s\t%s\t%s\t%s\n" % (name, envelope.mail_from,
                                          ",".join(envelope.rcpt_tos), subject))
        if not self.quiet:
            print("mail %s  to %s  %s" % (name, ",".join(envelope.rcpt_tos), subject),
                  flush=True)
        return "250 Message accepted for delivery"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True, help="where to write the messages")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0: any free port")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--fail", action="append", default=[],
                    help="answer DATA with this reply first (repeatable), e.g. '451 try later'")
    ap.add_argument("--reject", action="append", default=[],
                    help="refuse this recipient with 550 (repeatable)")
    ap.add_argument("--tls-cert", help="offer STARTTLS with this certificate (PEM)")
    ap.add_argument("--tls-key", help="the certificate's key (PEM)")
    ap.add_argument("--require-tls", action="store_true", help="refuse mail before STARTTLS")
    ap.add_argument("--auth", help="require AUTH with USER:PASSWORD (over TLS only)")
    ap.add_argument("--no-fsync", action="store_true",
                    help="do not wait for each message to reach the disk (load tests)")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(64)
    port = sock.getsockname()[1]

    handler = Sink(args.dir, args.quiet, args.fail, args.reject, not args.no_fsync)
    kwargs = {}
    if args.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs["tls_context"] = ctx
        kwargs["require_starttls"] = args.require_tls
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and
                  auth_data.login.decode() == user and
                  auth_data.password.decode() == password)
            handler.log("AUTH %s %s" % (mechanism, "accepted" if ok else "refused"))
            return AuthResult(success=ok)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = True
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, hostname="duban-test-sink", decode_data=False, **kwargs),
        sock=sock))
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write("%d\n" % port)
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    if not args.quiet:
        print("SMTP sink listening on %s:%d, writing to %s" % (args.host, port, args.dir),
              flush=True)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
