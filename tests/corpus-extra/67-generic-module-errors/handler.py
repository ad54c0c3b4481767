"""Module exceptions that share a short name (csv.Error, binascii.Error): except clauses, isinstance and raise tell them apart."""

import base64
import binascii
import csv
import io


def handler(event, context):
    out = []
    try:
        try:
            base64.b64decode("abc", validate=True)
        except csv.Error:
            out.append("csv caught binascii")
    except binascii.Error as e:
        out.append(f"binascii: {e}")
    try:
        raise csv.Error("bad row")
    except ValueError:
        out.append("csv error is a ValueError?")
    except csv.Error as e:
        out.append(f"csv: {e} {isinstance(e, binascii.Error)} {isinstance(e, csv.Error)}")
    try:
        list(csv.reader(io.StringIO('a,"b\n')))
    except csv.Error as e:
        out.append(str(e))
    return out
