"""Through nginx, as a browser would: sign in to the admin, add a French PDF of MB megabytes to a document, say what
came back. For deploy/try-nginx.sh: try_upload.py PORT HOST ADMIN_URL CAFILE USER PASSWORD DOCUMENT_PK MB SAVE_AS"""

import http.client
import io
import re
import socket
import ssl
import sys
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

port, host, admin, cafile, user, password, pk, megabytes, out = sys.argv[1:]
context = ssl.create_default_context(cafile=cafile)
cookies = {}


class Connection(http.client.HTTPSConnection):
    def connect(self):
        self.sock = context.wrap_socket(socket.create_connection(("127.0.0.1", int(port))), server_hostname=host)


def request(method, path, body=None, content_type=None):
    # The Referer a browser sends on port 443: nginx passes Host without the port ($host), and Django's CSRF check
    # compares the two, so a Referer naming the try's port would be refused (403).
    connection = Connection(host, int(port))
    headers = {"Referer": f"https://{host}{path}", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if content_type:
        headers["Content-Type"] = content_type
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    for line in response.headers.get_all("Set-Cookie") or []:
        cookies.update({name: morsel.value for name, morsel in SimpleCookie(line).items()})
    return response, response.read()


class Form(HTMLParser):
    """The fields a browser sends from the page's forms, as (name, value) pairs."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.textarea, self.inside = [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id", "").endswith("_form")  # the admin's change form, not the sign-out one
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("file", "submit", "button", "image"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "multiple": "multiple" in a, "options": [], "chosen": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append(a.get("value", ""))
            if "selected" in a:
                self.select["chosen"].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "select" and self.select is not None:
            chosen = self.select["chosen"] or ([] if self.select["multiple"] else self.select["options"][:1])
            self.fields.extend((self.select["name"], value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None


def pdf_of(size):
    """A valid one-page PDF of about `size` bytes: the page shows an uncompressed grey image of that many bytes."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    width = 1000
    height = size // (3 * width)
    image = DecodedStreamObject()
    image.set_data(bytes(range(256)) * (3 * width * height // 256) + b"\x80" * (3 * width * height % 256))
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width),
            NameObject("/Height"): NumberObject(height),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


pdf = pdf_of(int(float(megabytes) * 1024 * 1024))
with open(out, "wb") as saved:
    saved.write(pdf)

_, page = request("GET", f"/{admin}login/")
token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
sign_in = {"csrfmiddlewaretoken": token, "username": user, "password": password, "next": f"/{admin}"}
response, _ = request("POST", f"/{admin}login/", urlencode(sign_in), "application/x-www-form-urlencoded")
print(f"  sign-in: {response.status} {response.getheader('Location')}")

change = f"/{admin}publications/document/{pk}/change/"
_, page = request("GET", change)
form = Form()
form.feed(page.decode())
fields = [(name, value) for name, value in form.fields if "__prefix__" not in name]
total = int(dict(fields)["files-TOTAL_FORMS"])
fields = [(name, str(total + 1) if name == "files-TOTAL_FORMS" else value) for name, value in fields]
new = f"files-{total}-"
fields += [(new + "id", ""), (new + "document", pk), (new + "language", "fr"), ("_save", "Save")]
boundary = uuid.uuid4().hex
parts = [
    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    for name, value in fields
]
parts.append(
    f'--{boundary}\r\nContent-Disposition: form-data; name="{new}file"; filename="report.pdf"\r\n'
    "Content-Type: application/pdf\r\n\r\n".encode()
    + pdf
    + b"\r\n"
)
parts.append(f"--{boundary}--\r\n".encode())
body = b"".join(parts)
response, page = request("POST", change, body, f"multipart/form-data; boundary={boundary}")
print(f"  a {len(pdf)}-byte PDF in a {len(body)}-byte form: {response.status} {response.getheader('Location') or ''}")
for error in re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page.decode(errors="replace"), re.S):
    print("  error:", re.sub(r"<[^>]+>", "", error).strip())
