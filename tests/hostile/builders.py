"""Hostile inputs built on the fly (nothing large is kept in git)."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
from PIL import Image, ImageDraw


def merge_bomb_xlsx(path: Path) -> Path:
    """A ~5 KB workbook whose one merged range covers A2:XFD1048575 (17 billion cells)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"] = "某局2023年部门预算", "收入合计"
    buf = io.BytesIO()
    wb.save(buf)
    return _rewrite_part(buf.getvalue(), "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048575"/></mergeCells>'), path)


def inflating_docx(path: Path, inflated_mb: int) -> Path:
    """A DOCX whose word/document.xml inflates to inflated_mb MB of one repeated paragraph (a zip bomb)."""
    para = "<w:p><w:r><w:t>一</w:t></w:r></w:p>".encode()
    body = para * (inflated_mb * 2**20 // len(para))
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("word/document.xml", xml)
    return path


def image_only_pdf(path: Path) -> Path:
    """A one-page PDF that is a picture of a table: no text layer."""
    img = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(img)
    for y in range(100, 700, 50):
        draw.line((80, y, 770, y), fill="black", width=2)
    for x in (80, 400, 770):
        draw.line((x, 100, x, 650), fill="black", width=2)
    img.save(path, "PDF")
    return path


def fifo(path: Path) -> Path:
    """A named pipe nobody writes to (reading it would block forever)."""
    os.mkfifo(path)
    return path


def symlink_to(path: Path, target: str) -> Path:
    """A symlink at path pointing at target (outside the folder of the inputs)."""
    path.symlink_to(target)
    return path


def _rewrite_part(data: bytes, name: str, change, path: Path) -> Path:  # type: ignore[no-untyped-def]
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            dst.writestr(info, change(part) if info.filename == name else part)
    return path
