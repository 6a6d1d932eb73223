"""PDFs of the documents (`--pdf`), made by LibreOffice in one run.

All documents go to one LibreOffice process with a profile folder of its own (so a
LibreOffice the user has open does not get in the way) and a time limit. Documents of
different funders share file names, so copies with unique names are converted in a
temporary folder; the PDFs then go beside their documents and into the manifest entry of
their document (`pdf`, `pdf_sha256`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from grantgen.core.errors import LibreOfficeError
from grantgen.core.i18n import _
from grantgen.output.publish import Entry

#: seconds LibreOffice may take: a fixed start-up allowance plus some per document;
#: GRANTGEN_PDF_TIMEOUT overrides it
STARTUP_SECONDS = 120
SECONDS_PER_DOCUMENT = 20

_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


def find_soffice() -> str | None:
    """The LibreOffice program: GRANTGEN_SOFFICE when set, else soffice on the PATH."""
    given = os.environ.get("GRANTGEN_SOFFICE")
    if given:
        return given if Path(given).is_file() else shutil.which(given)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return _MAC_SOFFICE if Path(_MAC_SOFFICE).is_file() else None


def _missing() -> LibreOfficeError:
    return LibreOfficeError(_(
        "--pdf needs LibreOffice, which was not found on this computer; nothing was written. "
        "Install LibreOffice (https://www.libreoffice.org, or on Debian and Ubuntu: sudo "
        "apt-get install libreoffice-writer), or set GRANTGEN_SOFFICE to the soffice program, "
        "or leave out --pdf."))


def _timeout(count: int) -> int:
    given = os.environ.get("GRANTGEN_PDF_TIMEOUT", "")
    if given.strip().isdigit():
        return int(given)
    return STARTUP_SECONDS + SECONDS_PER_DOCUMENT * count


def pdf_path(path: str) -> str:
    return str(PurePosixPath(path).with_suffix(".pdf"))


def _run(command: list[str], timeout: int) -> subprocess.CompletedProcess:
    """Run LibreOffice; on time-out end it and everything it started."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (OSError, AttributeError):
            process.kill()
        process.communicate()
        raise LibreOfficeError(_(
            "LibreOffice did not finish converting the documents to PDF within {seconds} "
            "seconds and was stopped; nothing was written. Try again, or set "
            "GRANTGEN_PDF_TIMEOUT to allow more seconds.").format(seconds=timeout)) from None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def convert(documents: dict[str, bytes]) -> dict[str, bytes]:
    """{document path: .docx bytes} -> {PDF path: PDF bytes}, in one LibreOffice run."""
    if not documents:
        return {}
    soffice = find_soffice()
    if soffice is None:
        raise _missing()
    with tempfile.TemporaryDirectory(prefix="grantgen-pdf-") as folder:
        tmp = Path(folder)
        (tmp / "in").mkdir()
        names: dict[str, Path] = {}
        for i, (path, data) in enumerate(sorted(documents.items()), start=1):
            # unique names: funders' documents share file names
            copy = tmp / "in" / f"{i:03d}-{PurePosixPath(path).stem}.docx"
            copy.write_bytes(data)
            names[path] = copy
        command = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nolockcheck", "--nologo",
                   "--convert-to", "pdf", "--outdir", str(tmp / "out"),
                   *(str(p) for p in names.values())]
        try:
            result = _run(command, _timeout(len(documents)))
        except OSError as e:
            raise LibreOfficeError(_("LibreOffice ({program}) could not be started: {error}.")
                                   .format(program=soffice, error=e.strerror or e)) from e
        pdfs: dict[str, bytes] = {}
        failed = []
        for path, copy in names.items():
            made = tmp / "out" / (copy.stem + ".pdf")
            if made.is_file() and made.stat().st_size:
                pdfs[pdf_path(path)] = made.read_bytes()
            else:
                failed.append(path)
        if failed:
            said = (result.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            raise LibreOfficeError(_(
                "LibreOffice did not convert {documents} to PDF{said}; nothing was written.")
                .format(documents=", ".join(failed),
                        said=f" ({said[-1]})" if said else ""))
        return pdfs


def add_pdfs(out: Path, entries: list[Entry], files: dict[str, bytes],
             wanted: Callable[[Entry], bool]) -> list[str]:
    """Convert every document of `entries` that `wanted` selects and that is new (in `files`)
    or has no PDF yet; the PDFs join `files` and their entries. Returns the PDF paths."""
    documents: dict[str, bytes] = {}
    for entry in entries:
        if not wanted(entry):
            continue
        if entry.path in files:
            documents[entry.path] = files[entry.path]
        elif not entry.pdf and (out / entry.path).is_file():
            documents[entry.path] = (out / entry.path).read_bytes()
    pdfs = convert(documents)
    for entry in entries:
        made = pdfs.get(pdf_path(entry.path))
        if entry.path in documents and made is not None:
            entry.pdf = pdf_path(entry.path)
            entry.pdf_sha256 = hashlib.sha256(made).hexdigest()
            files[entry.pdf] = made
    return sorted(pdfs)
