"""Writes the example workspace's attachments/ folder: placeholder PDFs, one per attachment.

They stand in for the files a real organisation keeps there (a KvK extract, the statuten,
the last annual accounts, a project plan): each says it is an invented example. Run
`python scripts/make_attachments.py` (part of `make example-data`) after changing this
file; a test checks the committed files are what it writes.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATTACHMENTS = ROOT / "attachments"

#: file name (in attachments/) -> what the placeholder stands for
FILES = {
    "kvk-uittreksel-2018-11-20.pdf": "Uittreksel Handelsregister Kamer van Koophandel",
    "bankafschrift-2018-11-26.pdf": "Bankafschrift met naam en IBAN",
    "statuten.pdf": "Statuten van de cooperatie",
    "jaarverslag-2017.pdf": "Jaarverslag 2017",
    "jaarrekening-2017.pdf": "Jaarrekening 2017",
    "kansfonds/projectplan-de-klop.pdf": "SMART projectplan De Klop (Kansfonds)",
    "kansfonds/continuiteitsplan-de-klop.pdf": "Continuiteitsplan De Klop (Kansfonds)",
    "vsbfonds/projectplan-de-verbinding.pdf": "Projectplan De Verbinding (VSBfonds)",
    "vsbfonds/projectplan.pdf": "Projectplan van de cooperatie (VSBfonds)",
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def placeholder_pdf(title: str) -> bytes:
    """A one-page A4 PDF saying it is an invented example of `title` (ASCII text only)."""
    lines = [("F1", 20, "VOORBEELDBIJLAGE"), ("F1", 14, title),
             ("F1", 11, "Verzonnen voor het voorbeeld van grantgen; geen echt document.")]
    text = ["BT", "72 760 Td"]
    for font, size, line in lines:
        text += [f"/{font} {size} Tf", f"({_escape(line)}) Tj", f"0 -{size + 14} Td"]
    text.append("ET")
    stream = "\n".join(text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def main(folder: Path | None = None) -> list[Path]:
    folder = folder or ATTACHMENTS
    written = []
    for name, title in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(placeholder_pdf(title))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main():
        print(path.relative_to(ROOT))
