"""The board's web page over plain HTTP, as any program on this computer (or a web page in
its browser) would try it: what it refuses, what it serves, and that Ctrl-C stops it (#14)."""

from __future__ import annotations

import html
import http.client
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import yaml
from conftest import run

from helpers.serve import decisions, manifest, serve
from workspace_factory import make_workspace


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    make_workspace(root)
    assert run(["build", "--workspace", str(root)]).exit_code == 0
    server = serve(root)
    yield root, server
    server.stop()


def raw(server, path: str, host: str | None = None, cookie: bool = True,
        method: str = "GET", body: str | None = None, headers: dict | None = None):
    """A request sent as written: no client tidies `../` away."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    sent = {"Host": host or f"127.0.0.1:{server.port}", **(headers or {})}
    if cookie:
        sent["Cookie"] = f"grantgen_{server.port}={server.token}"
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for key, value in sent.items():
        connection.putheader(key, value)
    connection.endheaders(body.encode() if body is not None else None)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def test_the_address_it_prints_is_the_only_way_in(served):
    root, server = served
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{20,}", server.url)
    assert server.port != 0
    response, _data = raw(server, "/", cookie=False)
    assert response.status == 401
    response, _data = raw(server, "/?token=wrong", cookie=False)
    assert response.status == 401
    response, _data = raw(server, "/document/2019/fonds-a/aanvraag-2019-linde.docx",
                          cookie=False)
    assert response.status == 401
    with httpx.Client(follow_redirects=False, timeout=60) as client:
        first = client.get(server.url)
        assert first.status_code == 303 and first.headers["location"] == "/"
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = client.get(f"{server.base}/")
    assert page.status_code == 200
    # every document of the manifest is listed, by its title and path
    for path, entry in manifest(root / "output").items():
        assert path in page.text and entry["title"] in page.text


def test_a_foreign_host_is_refused(served):
    _root, server = served
    for host in (f"evil.example:{server.port}", "127.0.0.1", f"127.0.0.1:{server.port + 1}",
                 f"localhost.evil.example:{server.port}"):
        response, _data = raw(server, "/", host=host)
        assert response.status == 421, host
        response, _data = raw(server, f"/?token={server.token}", host=host, cookie=False)
        assert response.status == 421, host
    response, _data = raw(server, "/", host=f"localhost:{server.port}")
    assert response.status == 200


@pytest.mark.parametrize("path", [
    "/files/../facts/organisation.yaml",
    "/files/..%2Ffacts%2Forganisation.yaml",
    "/files/%2e%2e/facts/organisation.yaml",
    "/files/2019/../../facts/organisation.yaml",
    "/files/2019/fonds-a/../../../facts/organisation.yaml",
    "/files//etc/passwd",
    "/files/%2Fetc%2Fpasswd",
    "/files/..",
    "/files/manifest.json/../../facts/funding.csv",
    "/pdf/../facts/organisation.yaml",
    "/document/../facts/organisation.yaml",
])
def test_nothing_outside_the_output_folder(served, path):
    _root, server = served
    response, data = raw(server, path)
    assert response.status == 404, (path, response.status)
    assert b"legal_form" not in data and b"root:x" not in data and b"fonds-a,10000" not in data


def test_a_document_downloads_as_it_is(served):
    root, server = served
    path = "2019/fonds-a/aanvraag-2019-linde.docx"
    response, data = raw(server, "/files/" + quote(path))
    assert response.status == 200
    assert data == (root / "output" / path).read_bytes()
    response, data = raw(server, "/files/manifest.json")
    assert response.status == 200


def test_a_post_without_the_forms_security_code_is_refused(served):
    root, server = served
    out = root / "output"
    before = (out / "manifest.json").read_bytes()
    form = "document=2019%2Ffonds-a%2Faanvraag-2019-linde.docx&by=Els+Bakker&back=%2F"
    for body in (form, form + "&csrf=", form + "&csrf=not-the-code"):
        response, _data = raw(server, "/approve", method="POST", body=body)
        assert response.status == 403, body
        response, _data = raw(server, "/withdraw", method="POST", body=body)
        assert response.status == 403, body
    response, _data = raw(server, "/build", method="POST", body="")
    assert response.status == 403
    # with the code from the page, but sent from another site
    page = raw(server, "/")[1].decode()
    code = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response, _data = raw(server, "/approve", method="POST", body=form + "&csrf=" + code,
                          headers={"Origin": "http://evil.example"})
    assert response.status == 403
    # and without the cookie
    response, _data = raw(server, "/approve", method="POST", body=form + "&csrf=" + code,
                          cookie=False)
    assert response.status == 401
    assert (out / "manifest.json").read_bytes() == before
    assert decisions(out) == []


def test_ctrl_c_stops_it_cleanly(tmp_path: Path):
    make_workspace(tmp_path)
    server = serve(tmp_path, "--port", "0")
    assert server.port != 0
    status, printed = server.stop()
    assert status == 0, printed
    assert "Stopped." in printed
    assert "Traceback" not in printed


def test_on_a_local_network_it_warns(tmp_path: Path):
    make_workspace(tmp_path)
    server = serve(tmp_path, "--host", "127.0.0.2")
    try:
        assert "Warning: the page is open to every computer on this network" in \
            "".join(server.printed)
        assert server.url.startswith("http://127.0.0.2:")
        connection = http.client.HTTPConnection("127.0.0.2", server.port, timeout=60)
        connection.request("GET", "/", headers={"Host": f"127.0.0.2:{server.port}"})
        assert connection.getresponse().status == 401
    finally:
        server.stop()


def test_a_port_in_use_is_a_clear_message(tmp_path: Path):
    import socket

    make_workspace(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run(["serve", "--workspace", str(tmp_path), "--port", str(port),
                      "--no-browser"])
    assert result.exit_code == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.output


def test_the_page_shows_a_draft_changed_by_hand_beside_the_new_one(tmp_path: Path):
    from docx import Document

    make_workspace(tmp_path)
    ws = ["--workspace", str(tmp_path)]
    assert run(["build", *ws]).exit_code == 0
    path = "2019/fonds-a/aanvraag-2019-linde.docx"
    document = Document(str(tmp_path / "output" / path))
    document.add_paragraph("Een zin die de coördinator zelf toevoegde.")
    document.save(str(tmp_path / "output" / path))
    assert run(["build", *ws]).exit_code == 0
    server = serve(tmp_path)
    try:
        response, data = raw(server, "/document/" + quote(path))
        page = data.decode()
        assert response.status == 200
        copy = "2019/fonds-a/aanvraag-2019-linde (bewerkt).docx"
        assert "Someone changed an earlier draft of this document by hand." in page
        assert f'href="/files/{quote(copy)}"' in page
        # the comparison of the two shows the sentence only the copy has
        assert "<del>Een zin die de coördinator zelf toevoegde.</del>" in page
        response, data = raw(server, "/files/" + quote(copy))
        assert response.status == 200 and data == (tmp_path / "output" / copy).read_bytes()
    finally:
        server.stop()


def test_a_pdf_of_a_draft_built_without_pdf(served, soffice):
    root, server = served
    path = "2019/fonds-a/aanvraag-2019-linde.docx"
    response, data = raw(server, "/pdf/" + quote(path))
    assert response.status == 200
    assert response.getheader("content-type") == "application/pdf"
    assert data.startswith(b"%PDF")
    # made once, kept beside the output folder, never inside it
    assert not list((root / "output").rglob("*.pdf"))
    assert list((root / ".output.grantgen-cache").glob("*.pdf"))


def test_the_pages_as_printed(served, soffice):
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is installed with LibreOffice by make test")
    _root, server = served
    path = "2019/fonds-a/aanvraag-2019-linde.docx"
    response, data = raw(server, "/pages/" + quote(path))
    assert response.status == 200
    images = re.findall(r'src="(/page-image/[0-9a-f]{64}/page-\d+\.png)"', data.decode())
    assert len(images) >= 2
    response, data = raw(server, images[0])
    assert response.status == 200 and data.startswith(b"\x89PNG")
    for wrong in ("/page-image/../page-1.png", "/page-image/" + "0" * 64 + "/../../x.png",
                  "/page-image/abc/page-1.png"):
        assert raw(server, wrong)[0].status == 404, wrong


# ---- the online forms (#15) ------------------------------------------------------------
FIELD = re.compile(r'<div class="form-field">.*?<h3[^>]*>(?P<label>.*?)</h3>.*?'
                   r'<button type="button" class="copy" data-copy="(?P<copy>[^"]+)".*?</button>'
                   r'.*?<pre class="field-text" id="(?P<id>[^"]+)">(?P<text>.*?)</pre>\s*'
                   r'<p class="count(?P<over>[^"]*)">(?P<count>.*?)</p>', re.S)


def _form_file(path: Path) -> list[tuple[str, str, str]]:
    """(label, text, count line) per field of a form file, read as a person reads it."""
    fields = []
    for part in re.split(r"^─{10,}$", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        lines = part.strip("\n").split("\n")
        fields.append((lines[0], "\n".join(lines[1:-1]), lines[-1]))
    return fields


@pytest.fixture(scope="module")
def served_example(tmp_path_factory):
    """The example workspace, built, with funders that have an online form; in one of them
    a limit no text meets."""
    root = tmp_path_factory.mktemp("example-served")
    for name in ("facts", "funders", "texts", "attachments"):
        shutil.copytree(Path(__file__).parent.parent / name, root / name)
    for path in sorted((root / "funders").glob("*.yaml")):
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        limited = [f for f in profile.get("form") or [] if f.get("max_chars")]
        if limited:
            limited[0]["max_chars"] = 40
            path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
            break
    assert run(["build", "--workspace", str(root)]).exit_code == 0
    server = serve(root, env={"GRANTGEN_LANGUAGE": "nl"})
    yield root, server
    server.stop()


def test_an_application_page_shows_its_online_form_field_by_field(served_example):
    root, server = served_example
    out = root / "output"
    entries = manifest(out)
    forms = [e for e in entries.values() if e["kind"] == "form"]
    assert forms, "the example has funders with an online form"
    marked = 0
    for form in forms:
        where = (form["year"], form["funder_id"], form["location_id"])
        beside = [e for e in entries.values()
                  if (e["year"], e["funder_id"], e["location_id"]) == where]
        application = max((e for e in beside if e["kind"] == "application"),
                          key=lambda e: e["version"])
        workbook = next(e for e in beside if e["kind"] == "budget-workbook")
        response, data = raw(server, "/document/" + quote(application["path"]))
        assert response.status == 200
        page = data.decode()
        shown = [(html.unescape(m["label"]), html.unescape(m["text"]),
                  html.unescape(m["count"]), m["copy"], m["id"], m["over"].strip())
                 for m in FIELD.finditer(page)]
        expected = _form_file(out / form["path"])
        assert len(shown) == len(expected) >= 1
        for (label, text, count, copy, target, over), (want_label, want_text, want_count) in zip(
                shown, expected, strict=True):
            # the label, the text and the count the form file has, in the page's Dutch
            assert label == want_label
            assert text == want_text
            assert count.split(" · ")[0] == want_count.split(" (")[0], (label, count)
            assert re.fullmatch(r"[\d.]+( / [\d.]+)? (tekens|woorden)(, .*)?",
                                count.split(" · ")[0]), count
            # red when the form file notes something (too long, shortened, missing)
            assert (over == "over") == ("(" in want_count), (label, count, want_count)
            marked += over == "over"
            # and a copy button that copies this field's text
            assert copy == target
        assert ">Kopieer</button>" in page
        # the form file and the budget workbook beside the application download as they are
        for companion in (form, workbook):
            assert f'href="/files/{quote(companion["path"])}"' in page
            response, data = raw(server, "/files/" + quote(companion["path"]))
            assert response.status == 200
            assert data == (out / companion["path"]).read_bytes()
    assert marked >= 1  # the limit of 40 characters
    for document in (e for e in entries.values() if e["kind"] == "report"):
        page = raw(server, "/document/" + quote(document["path"]))[1].decode()
        assert 'class="form-field"' not in page  # a report has no online form


def test_an_approved_document_whose_file_is_gone_has_a_page_to_withdraw_it(tmp_path: Path):
    """The build stops on an approved file that is gone (pipeline/approved.py); the board's
    page shows that document with what check finds and the form to withdraw the approval,
    without downloads of a file that is not there, and the withdrawal works from it."""
    make_workspace(tmp_path)
    linde = "2019/fonds-a/aanvraag-2019-linde.docx"
    assert run(["build", "--workspace", str(tmp_path)]).exit_code == 0
    assert run(["approve", linde, "--by", "Els Bakker", "--workspace", str(tmp_path)]) \
        .exit_code == 0
    out = tmp_path / "output"
    (out / linde).unlink()
    budget = tmp_path / "facts" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8") + "2019,linde,Activiteiten,Extra,100\n",
                      encoding="utf-8")  # the facts no longer make it as approved
    assert run(["build", "--workspace", str(tmp_path)]).exit_code == 1
    server = serve(tmp_path)
    try:
        response, data = raw(server, "/document/" + quote(linde))
        page = html.unescape(data.decode())
        assert response.status == 200
        assert "missing from the output folder" in page and "grantgen unapprove" in page
        assert f'href="/files/{quote(linde)}"' not in page
        code = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        with httpx.Client(follow_redirects=False, timeout=60) as client:
            client.get(server.url)  # the cookie
            response = client.post(f"{server.base}/withdraw", data={
                "document": linde, "by": "Els Bakker", "back": f"/document/{linde}",
                "csrf": code})
        assert response.status_code == 303, response.text
        assert response.headers["location"].startswith("/?decision=")
    finally:
        server.stop()
    assert linde not in manifest(out)
    assert [d["decision"] for d in decisions(out)] == ["approve", "withdraw"]
