"""A document's pages as PNG images, from its PDF, with poppler's pdftoppm: for reading a
document in a browser as it prints (the board's web page)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from grantgen.core.errors import OutputError
from grantgen.core.i18n import _

#: dots per inch of the images: a page of A4 about 800 pixels wide
RESOLUTION = 96


def page_images(pdf: Path, folder: Path) -> list[Path]:
    """The pages of `pdf` as `folder/page-1.png`, ... (made once; `folder` holds nothing
    else). An OutputError when pdftoppm is missing or fails."""
    made = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1])) \
        if folder.is_dir() else []
    if made:
        return made
    program = shutil.which("pdftoppm")
    if program is None:
        raise OutputError(_("Showing the pages needs pdftoppm, which was not found on this "
                            "computer (on Debian and Ubuntu: sudo apt-get install "
                            "poppler-utils). The text below and the downloads work without "
                            "it."))
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".pages-", dir=folder.parent))
    try:
        subprocess.run([program, "-png", "-r", str(RESOLUTION), str(pdf), str(tmp / "page")],
                       check=True, capture_output=True, timeout=300)
        for image in tmp.glob("page-*.png"):
            image.rename(tmp / f"page-{int(image.stem.split('-')[1])}.png")
        tmp.rename(folder)  # all pages at once
    except (OSError, subprocess.SubprocessError) as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if folder.is_dir():  # made meanwhile by another request
            return page_images(pdf, folder)
        raise OutputError(_("pdftoppm could not make the pages of {path} ({error}).")
                          .format(path=pdf.name, error=e)) from e
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
