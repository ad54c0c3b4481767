#!/usr/bin/env python3
"""A tiny Lambda "function" speaking the Runtime API (2018-06-01), for runtime-api's tests.

It keeps one HTTP/1.1 connection open for all its requests. What it does with an event is
chosen by the event's "action": echo (default), error, raw, exit, sleep, stream, stream_error.
With FAKE_INIT_ERROR set it reports an init error and exits instead of polling.
"""
import base64
import http.client
import json
import os
import socket
import sys
import time

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "/2018-06-01/runtime"
conn = http.client.HTTPConnection(API)


def call(method, path, body=None, headers=None):
    conn.request(method, BASE + path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, dict(resp.getheaders()), data


def stream(request_id, parts, trailers):
    """A streamed response: chunked body and trailers, on a raw socket."""
    host, port = API.rsplit(":", 1)
    s = socket.create_connection((host, int(port)))
    head = (
        "POST %s/invocation/%s/response HTTP/1.1\r\nHost: %s\r\n"
        "Lambda-Runtime-Function-Response-Mode: streaming\r\n"
        "Content-Type: application/vnd.awslambda.http-integration-response\r\n"
        "Transfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type, "
        "Lambda-Runtime-Function-Error-Body\r\n\r\n" % (BASE, request_id, API)
    )
    out = head.encode()
    for p in parts:
        out += b"%x\r\n%s\r\n" % (len(p), p)
    out += b"0\r\n" + "".join("%s: %s\r\n" % kv for kv in trailers).encode() + b"\r\n"
    s.sendall(out)
    reply = s.recv(4096)
    s.close()
    assert reply.startswith(b"HTTP/1.1 202"), reply


if os.environ.get("FAKE_INIT_ERROR"):
    call("POST", "/init/error", json.dumps({"errorType": "Runtime.ImportModuleError", "errorMessage": "no module"}),
         {"Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError"})
    sys.exit(1)

while True:
    status, headers, body = call("GET", "/invocation/next")
    assert status == 200, (status, body)
    rid = headers["Lambda-Runtime-Aws-Request-Id"]
    event = json.loads(body)
    action = event.get("action", "echo") if isinstance(event, dict) else "echo"
    if action == "echo":
        result = {
            "event": event,
            "request_id": rid,
            "arn": headers["Lambda-Runtime-Invoked-Function-Arn"],
            "trace_id": headers["Lambda-Runtime-Trace-Id"],
            "remaining_ms": int(headers["Lambda-Runtime-Deadline-Ms"]) - int(time.time() * 1000),
            "env": {k: v for k, v in os.environ.items() if k not in ("PATH", "HOME", "TMPDIR", "LD_LIBRARY_PATH")},
        }
        status, _, _ = call("POST", "/invocation/%s/response" % rid, json.dumps(result),
                            {"Content-Type": "application/json"})
    elif action == "error":
        status, _, _ = call("POST", "/invocation/%s/error" % rid,
                            json.dumps({"errorType": "KeyError", "errorMessage": "'userId'", "stackTrace": []}),
                            {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
    elif action == "raw":
        status, _, _ = call("POST", "/invocation/%s/response" % rid, b"not json")
    elif action == "exit":
        sys.stderr.write("fatal: the handler blew up\n")
        sys.stderr.flush()
        os._exit(3)
    elif action == "sleep":
        time.sleep(3600)
    elif action == "stream":
        prelude = json.dumps({"statusCode": 201, "headers": {"x": "y"}}).encode()
        stream(rid, [prelude + b"\0" * 8, b"hello ", b"world"], [])
        status = 202
    elif action == "stream_error":
        body_b64 = base64.b64encode(json.dumps({"errorType": "ValueError", "errorMessage": "mid-stream"}).encode())
        stream(rid, [b"partial"], [("Lambda-Runtime-Function-Error-Type", "ValueError"),
                                   ("Lambda-Runtime-Function-Error-Body", body_b64.decode())])
        status = 202
    assert status == 202, status
