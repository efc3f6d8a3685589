"""PDF bytes -> an open reader giving each page's PageObjects: pdfium (fast, the default) or pdfminer via pdfplumber."""
from __future__ import annotations

import io
from typing import Any, Protocol

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from extractors import pdf_pdfium
from extractors.pdf_page import PageObjects, page_to_objects
from govreports.errors import BadInput

PDFIUM, PDFMINER = "pdfium", "pdfminer"


class Reader(Protocol):
    """An open PDF: its backend's name, page count, info fields and one page's objects at a time."""

    backend: str
    page_count: int

    def info(self) -> dict[str, Any]: ...

    def page(self, index: int) -> PageObjects: ...

    def page_size(self, index: int) -> tuple[float, float]: ...

    def close(self) -> None: ...


def has_pdf_header(data: bytes, name: str) -> None:
    """BadInput unless a %PDF header starts (within 1 KiB) the bytes."""
    if not data.lstrip()[:1024].count(b"%PDF"):
        raise BadInput(f"{name}: not a PDF (no %PDF header)", code="corrupt_pdf")


class PdfiumReader:
    """pdfium's view of a PDF (held under pdfium's lock until closed)."""

    backend = PDFIUM

    def __init__(self, data: bytes, name: str) -> None:
        has_pdf_header(data, name)
        pdf_pdfium.LOCK.acquire()
        try:
            self.pdf = pdf_pdfium.open_document(data)
        except pdf_pdfium.PasswordError as e:
            pdf_pdfium.LOCK.release()
            raise BadInput(f"{name}: the PDF is encrypted with a password", code="encrypted_pdf") from e
        except Exception as e:
            pdf_pdfium.LOCK.release()
            raise BadInput(f"{name}: unreadable PDF ({type(e).__name__}: {e})", code="corrupt_pdf") from e
        self.page_count = len(self.pdf)
        if not self.page_count:
            self.close()
            raise BadInput(f"{name}: the PDF has no pages", code="corrupt_pdf")

    def info(self) -> dict[str, Any]:
        """The document info dictionary (Title, Author, ...)."""
        return dict(self.pdf.get_metadata_dict(skip_empty=True))

    def page(self, index: int) -> PageObjects:
        """Page index's size, chars and drawings."""
        return pdf_pdfium.read_page_objects(self.pdf, index)

    def page_size(self, index: int) -> tuple[float, float]:
        """Page index's width and height as pdfplumber reports them."""
        page = self.pdf[index]
        try:
            frame = pdf_pdfium.page_frame(page)
        finally:
            page.close()
        return frame.width, frame.height

    def close(self) -> None:
        """Release the document and pdfium's lock (once)."""
        if self.pdf is not None:
            try:
                self.pdf.close()
            finally:
                self.pdf = None
                pdf_pdfium.LOCK.release()


class PdfminerReader:
    """pdfplumber's (pdfminer's) view of a PDF: slower, kept for fonts pdfium cannot map to Unicode."""

    backend = PDFMINER

    def __init__(self, data: bytes, name: str) -> None:
        has_pdf_header(data, name)
        try:
            self.pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as e:  # pdfminer raises many unrelated types for broken files; pdfplumber wraps them
            if is_encryption_error(e):
                raise BadInput(f"{name}: the PDF is encrypted with a password", code="encrypted_pdf") from e
            raise BadInput(f"{name}: unreadable PDF ({type(e).__name__}: {e})", code="corrupt_pdf") from e
        try:
            self.page_count = len(self.pdf.pages)
        except Exception as e:
            self.pdf.close()
            raise BadInput(f"{name}: unreadable page tree ({type(e).__name__}: {e})", code="corrupt_pdf") from e
        if not self.page_count:
            self.pdf.close()
            raise BadInput(f"{name}: the PDF has no pages", code="corrupt_pdf")

    def info(self) -> dict[str, Any]:
        """The document info dictionary as pdfminer decoded it."""
        return dict(self.pdf.metadata or {})

    def page(self, index: int) -> PageObjects:
        """Page index's size, chars and drawings (its layout cache freed after)."""
        page = self.pdf.pages[index]
        try:
            return page_to_objects(page)
        finally:
            page.close()

    def page_size(self, index: int) -> tuple[float, float]:
        """Page index's width and height."""
        page = self.pdf.pages[index]
        return float(page.width), float(page.height)

    def close(self) -> None:
        """Close the file."""
        self.pdf.close()


def is_encryption_error(e: BaseException) -> bool:
    """True when e (or the pdfminer error pdfplumber wrapped in it) is a password/encryption failure."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [e]
    while todo:
        x = todo.pop()
        if isinstance(x, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        seen.append(x)
        todo.extend(y for y in (*x.args, x.__cause__, x.__context__) if isinstance(y, BaseException) and y not in seen)
    return False


READERS: dict[str, type] = {PDFIUM: PdfiumReader, PDFMINER: PdfminerReader}


def open_reader(data: bytes, name: str, backend: str = PDFIUM) -> Reader:
    """Open the bytes with the named backend (BadInput when encrypted or not a readable PDF)."""
    reader: Reader = READERS[backend](data, name)
    return reader
