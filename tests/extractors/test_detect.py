"""detect_format tells formats apart from bytes alone (a renamed file keeps its real format)."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from extractors.detect import detect_format, ole_stream_names

ROOT = Path(__file__).resolve().parents[2]
REAL = Path("/work/shared/corpus/real/shanghai-putuo")
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def ole_file(*names: str) -> bytes:
    """A minimal valid OLE2 compound file whose directory holds the root entry plus the given stream names."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, END, 0, END, 0)
    struct.pack_into("<108I", header, 0x50, *([FREE] * 108))
    fat = struct.pack("<128I", FATSECT, END, *([FREE] * 126))
    directory = b"".join(_entry(name, 5 if i == 0 else 2) for i, name in enumerate(("Root Entry",) + names))
    directory = directory.ljust(512, b"\x00")
    return bytes(header) + fat + directory[:512]


def _entry(name: str, kind: int) -> bytes:
    """One 128-byte directory entry."""
    raw = (name + "\x00").encode("utf-16-le")
    entry = bytearray(128)
    entry[: len(raw)] = raw
    struct.pack_into("<HB", entry, 0x40, len(raw), kind)
    return bytes(entry)


def docx_bytes() -> bytes:
    """A small real .docx written by python-docx."""
    import docx

    d = docx.Document()
    d.add_paragraph("部门决算")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    """A small real .xlsx written by openpyxl."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "收入合计"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_ole_directory_is_parsed_not_guessed() -> None:
    assert ole_stream_names(ole_file("WordDocument", "1Table")) == {"Root Entry", "WordDocument", "1Table"}


@pytest.mark.parametrize(
    "names, expected",
    [
        (("WordDocument", "1Table", "\x05SummaryInformation"), "doc"),
        (("WordDocument", "1Table", "WpsCustomData"), "wps"),
        (("Workbook", "\x05SummaryInformation"), "xls"),
        (("Book",), "xls"),
        (("CONTENTS", "MatOST"), "wps"),
        (("PowerPoint Document",), "unknown"),
    ],
)
def test_ole_kinds_from_stream_names(names: tuple[str, ...], expected: str) -> None:
    assert detect_format(ole_file(*names)) == expected


def test_truncated_ole_falls_back_to_name_scan() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40 + "Workbook".encode("utf-16-le")
    assert detect_format(data) == "xls"


def test_ooxml_by_parts_not_extension() -> None:
    assert detect_format(docx_bytes()) == "docx"
    assert detect_format(xlsx_bytes()) == "xlsx"


def test_plain_zip_is_unknown() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert detect_format(buf.getvalue()) == "unknown"


def test_pdf_renamed_docx_is_pdf(tmp_path: Path) -> None:
    pdfs = sorted((ROOT / "data/samples/pdf").glob("*.pdf")) or sorted(REAL.glob("*.pdf"))
    if not pdfs:
        pytest.skip("no sample PDF")
    renamed = tmp_path / "report.docx"
    renamed.write_bytes(pdfs[0].read_bytes())
    assert detect_format(renamed.read_bytes()) == "pdf"


def test_pdf_with_leading_junk() -> None:
    assert detect_format(b"\r\n\x00junk%PDF-1.4\n1 0 obj") == "pdf"


@pytest.mark.parametrize("name, expected", [("budget_template.xls", "xls"), ("dept_budget.xlsx", "xlsx")])
def test_real_spreadsheets(name: str, expected: str) -> None:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} missing")
    assert detect_format(path.read_bytes()) == expected


@pytest.mark.parametrize(
    "data",
    [
        '<!DOCTYPE html><html><head><meta charset="gbk"></head><body>部门决算</body></html>'.encode("gbk"),
        '\n\n  <html>\n<body><p>汨罗市</p></body></html>'.encode("utf-8"),
        '<table border="1"><tr><td>项目</td></tr></table>'.encode("gb18030"),
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>决算</p>'.encode("gb2312"),
        "\ufeff<html><body>x</body></html>".encode("utf-16"),
        # a portal's bot check saved under the document's name: one bare script, no <html>
        b'<script>function a(a){var t="EO_Bot_Ssid=";document.cookie=t;location.reload()}a()</script>',
    ],
)
def test_html_sniffed_in_any_encoding(data: bytes) -> None:
    assert detect_format(data) == "html"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16"])
def test_text_in_chinese_encodings(encoding: str) -> None:
    text = "2018年度汨罗市人民政府政务服务中心单位部门决算\n一、收入支出决算总体情况说明 <这里不是标签>\n" * 20
    assert detect_format(text.encode(encoding)) == "txt"


def test_text_cut_inside_a_multibyte_character_is_still_text() -> None:
    text = ("部门决算说明" * 20000).encode("utf-8")
    assert detect_format(text[: 65536 + 1]) == "txt"


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03" * 100, bytes(range(256)) * 4, b"{\\rtf1\\ansi hello}"])
def test_unknown(data: bytes) -> None:
    assert detect_format(data) == "unknown"


def test_truncated_ooxml_is_still_recognised() -> None:
    data = docx_bytes()
    assert detect_format(data[: len(data) // 2]) == "docx"
