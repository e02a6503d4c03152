#!/usr/bin/python3
"""A mail catcher for development and tests: a real SMTP server (aiosmtpd) that keeps every message it accepts.

Each message is written to DIR as NNNNNN.eml (exactly as received) and NNNNNN.json (envelope, the connection it came
on, headers, text, HTML and calendar parts, attachments), and an HTTP page lists them. Recipients whose address
starts with "tempfail" get a 451 reply and ones starting with "reject" a 550, so the app's retry and failure paths
can be seen for real. International addresses (SMTPUTF8) are accepted.

With --tls-cert and --tls-key the server offers STARTTLS and requires it; with --auth USER:PASSWORD it requires that
login (over TLS), as a submission server on port 587 does.

    mailcatcher.py --smtp 127.0.0.1:2525 --http 127.0.0.1:8025 --dir .mail [--tls-cert c.pem --tls-key k.pem] [--auth u:p]
"""
import argparse
import html
import http.server
import itertools
import json
import os
import ssl
import threading
import time
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Catcher:
    def __init__(self, directory):
        self.directory = directory
        self.lock = threading.Lock()
        existing = [int(n[:6]) for n in os.listdir(directory) if n.endswith(".json") and n[:6].isdigit()]
        self.numbers = itertools.count(max(existing, default=0) + 1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("tempfail"):
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        with self.lock:
            name = f"{next(self.numbers):06d}"
        message = BytesParser(policy=policy.default).parsebytes(raw)
        parts = {"text": None, "html": None, "calendar": None, "attachments": []}
        for part in message.walk():
            if part.is_multipart():
                continue
            kind = part.get_content_type()
            if part.get_filename() or part.get_content_disposition() == "attachment":
                content = part.get_content()
                parts["attachments"].append({"filename": part.get_filename(), "contentType": str(part.get("Content-Type", kind)),
                                             "content": content if isinstance(content, str) else content.decode("utf-8", "replace")})
            elif kind == "text/plain" and parts["text"] is None:
                parts["text"] = part.get_content()
            elif kind == "text/html" and parts["html"] is None:
                parts["html"] = part.get_content()
            elif kind == "text/calendar" and parts["calendar"] is None:
                parts["calendar"] = {"contentType": str(part.get("Content-Type")), "content": part.get_content()}
        record = {
            "id": name, "receivedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            # The client's address and port name the connection, so a test can tell which messages shared one.
            "connection": "%s:%s" % tuple(session.peer[:2]), "tls": session.ssl is not None, "login": self.login_of(session),
            "smtpUtf8": bool(getattr(envelope, "smtp_utf8", False)),
            "mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos,
            "headers": [[k, str(v)] for k, v in message.items()],
            "subject": str(message.get("Subject", "")), "text": parts["text"], "html": parts["html"],
            "calendar": parts["calendar"], "attachments": parts["attachments"],
        }
        with open(os.path.join(self.directory, name + ".eml"), "wb") as f:
            f.write(raw)
        temporary = os.path.join(self.directory, name + ".json.tmp")
        with open(temporary, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(temporary, os.path.join(self.directory, name + ".json"))  # readers never see half a file
        return "250 Message accepted for delivery"

    @staticmethod
    def login_of(session):
        data = getattr(session, "auth_data", None)
        return data.login.decode("utf-8") if isinstance(data, LoginPassword) else None


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return check


def messages(directory):
    found = []
    for name in sorted(os.listdir(directory), reverse=True):
        if name.endswith(".json"):
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                found.append(json.load(f))
    return found


def page_handler(directory):
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/api/messages":
                return self.send(json.dumps(messages(directory), ensure_ascii=False), "application/json")
            if self.path.startswith("/m/") and self.path[3:].isdigit():
                path = os.path.join(directory, self.path[3:] + ".eml")
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        return self.send(f.read().decode("utf-8", "replace"), "text/plain")
            if self.path != "/":
                return self.send("Not found", "text/plain", 404)
            rows = "".join(
                f"<tr><td>{html.escape(m['receivedAt'])}</td><td>{html.escape(', '.join(m['rcptTos']))}</td>"
                f"<td><a href='/m/{m['id']}'>{html.escape(m['subject'] or '(no subject)')}</a></td>"
                f"<td><pre>{html.escape((m['text'] or '')[:2000])}</pre></td></tr>" for m in messages(directory))
            body = ("<!doctype html><meta charset=utf-8><title>Captured mail</title>"
                    "<style>body{font:14px system-ui;margin:24px}td{border-top:1px solid #ddd;padding:8px;vertical-align:top}pre{white-space:pre-wrap;margin:0}</style>"
                    f"<h1>Captured mail</h1><table><tr><th>Received (UTC)</th><th>To</th><th>Subject</th><th>Text</th></tr>{rows or '<tr><td colspan=4>No mail yet.</td></tr>'}</table>")
            self.send(body, "text/html")

        def send(self, text, kind, status=200):
            data = text.encode("utf-8") if isinstance(text, str) else text
            self.send_response(status)
            self.send_header("Content-Type", kind + "; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass
    return Page


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp", default="127.0.0.1:2525")
    parser.add_argument("--http")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth", help="USER:PASSWORD the server requires")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    host, port = args.smtp.rsplit(":", 1)
    options = {"enable_SMTPUTF8": True}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)
        options.update(auth_required=True, authenticator=authenticator(user, password))
    controller = Controller(Catcher(args.dir), hostname=host, port=int(port), **options)
    controller.start()
    print(f"SMTP on {args.smtp}, mail kept in {args.dir}", flush=True)
    if args.http:
        http_host, http_port = args.http.rsplit(":", 1)
        http.server.ThreadingHTTPServer((http_host, int(http_port)), page_handler(args.dir)).serve_forever()
    else:
        threading.Event().wait()


if __name__ == "__main__":
    main()
