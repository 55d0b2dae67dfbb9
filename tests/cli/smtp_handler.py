"""A real SMTP server for spm's integration tests (tests/cli/smtp.rs starts it).

    python3 smtp_handler.py FOLDER

Listens on 127.0.0.1, on a free port it prints as the first line of stdout once it takes
connections; stops when stdin closes (so it never outlives the test that started it).

Every message accepted is saved in FOLDER as NNNN.json: the envelope (MAIL FROM, the RCPT TOs
accepted), the login used if any, the raw message, and what Python's own mail parser reads in
it (subject, From, To, the text of the body), so tests check a message as a mail program
would show it. A RCPT whose address contains "refused" is refused with 550. AUTH (PLAIN or
LOGIN, without TLS) accepts the login "spm" with the password "secret" and no other; STARTTLS
is not offered.
"""

import email
import email.policy
import json
import logging
import os
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# aiosmtpd logs a warning of its own use of a deprecated field at each login.
logging.getLogger("mail.log").setLevel(logging.ERROR)

LOGIN = b"spm"
PASSWORD = b"secret"


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "refused" in address.lower():
            return "550 5.1.1 <%s>: refused, no such mailbox" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        try:
            body = parsed.get_content()
        except Exception as e:  # a message Python cannot read is saved all the same
            body = "(unreadable: %s)" % e
        login = None
        if isinstance(session.auth_data, LoginPassword):
            login = session.auth_data.login.decode("utf-8", "replace")
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "login": login,
            "raw": raw.decode("utf-8", "replace"),
            "subject": str(parsed["subject"]) if parsed["subject"] is not None else None,
            "from_header": str(parsed["from"]) if parsed["from"] is not None else None,
            "to_header": str(parsed["to"]) if parsed["to"] is not None else None,
            "body": body,
        }
        self.count += 1
        name = os.path.join(self.folder, "%04d.json" % self.count)
        with open(name + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(name + ".part", name)
        return "250 2.0.0 accepted"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == LOGIN
        and auth_data.password == PASSWORD
    )
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder = sys.argv[1]
    last = None
    for _ in range(10):
        port = free_port()
        controller = Controller(
            Handler(folder),
            hostname="127.0.0.1",
            port=port,
            authenticator=authenticate,
            auth_require_tls=False,
            enable_SMTPUTF8=True,
            decode_data=False,
            ready_timeout=20,
        )
        try:
            controller.start()
        except Exception as e:  # the port was taken meanwhile: try another
            last = e
            continue
        print(port, flush=True)
        try:
            sys.stdin.read()
        finally:
            controller.stop()
        return
    sys.exit("cannot start the SMTP server: %s" % last)


if __name__ == "__main__":
    main()
