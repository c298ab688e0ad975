"""Reading a delivery as text, exactly as delivered: encoding, spreadsheets and binary files
recognised, ragged rows and CSV errors as findings that keep the file's own line numbers.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import polars as pl

from pipelines.lib import cbs_odata
from pipelines.lib.bevindingen import (
    DeliveryUnreadable,
    Finding,
)
from pipelines.lib.contracts import (
    Contract,
)


def file_finding(path: Path, description: str, row: int | None = None) -> Finding:
    return Finding(path.name, row, None, "bestandsformaat", "file", "error", None, description)


_SPREADSHEETS = (
    (b"PK\x03\x04", b"xl/", "een Excel-werkmap (.xlsx)"),
    (b"PK\x03\x04", b"opendocument.spreadsheet", "een OpenDocument-rekenblad (.ods)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", "een Excel 97-2003-werkmap (.xls)"),
)


def _not_text(data: bytes) -> str | None:
    """What the file is when it is not a text file at all, in words a chain partner recognises."""
    for magic, marker, what in _SPREADSHEETS:
        if data.startswith(magic) and marker in data[:65536]:
            return (
                f"het bestand is {what}, geen CSV-tekstbestand; open het in het rekenprogramma en "
                "kies Opslaan als, CSV UTF-8, met het scheidingsteken uit het datacontract"
            )
    if data.startswith(b"PK\x03\x04"):
        return (
            "het bestand is een zip-archief, geen CSV-tekstbestand; lever het uitgepakte "
            "CSV-bestand aan"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "het bestand is in UTF-16 opgeslagen; sla het op als CSV UTF-8"
    if b"\x00" in data[:65536]:
        return (
            "het bestand bevat binaire gegevens (NUL-tekens), het is geen tekstbestand; "
            "lever het CSV-bestand aan"
        )
    return None


def _decode(path: Path) -> str:
    data = path.read_bytes()
    what = _not_text(data)
    if what:
        raise DeliveryUnreadable(file_finding(path, what))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = f"het bestand is geen geldige UTF-8 (byte {exc.start}, regel {line})"
        try:
            ansi = data.decode("cp1252")
        except UnicodeDecodeError:
            ansi = None
        if ansi is not None:
            shown = ansi.splitlines()[line - 1].strip()[:80]
            text += (
                f"; het lijkt in Windows-1252 (ANSI) opgeslagen, dan leest regel {line} als "
                f"'{shown}'. Sla het bestand op als CSV UTF-8"
            )
        raise DeliveryUnreadable(file_finding(path, text)) from exc


_CSV_ERRORS = {
    "unexpected end of data": (
        "het bestand houdt op binnen een veld tussen aanhalingstekens (niet gesloten?)"
    ),
    "expected after": (
        "na een sluitend aanhalingsteken hoort een scheidingsteken of het einde van de regel"
    ),
    "new-line character seen in unquoted field": (
        "een regeleinde midden in een veld zonder aanhalingstekens"
    ),
    "field larger than field limit": "een veld is langer dan toegestaan",
    "line contains nul": "het bestand bevat een NUL-teken (geen tekstbestand?)",
}


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    return next(
        (nl for en, nl in _CSV_ERRORS.items() if en in text.lower()), "de regel is geen geldige CSV"
    )


def _plain_csv(text: str, separator: str) -> tuple[pl.DataFrame, list[int]] | None:
    """The common case read by Polars' native reader: no quotes, no carriage returns, every line
    with the header's number of fields and unique header names. Then the cells are exactly those
    of splitting each line, and data row n is the n-th non-blank line after the header, as in the
    csv module's reading. Anything else (None) goes through the csv module, which names the line.
    With the frame: the line number of each data row."""
    if '"' in text or "\r" in text:
        return None
    numbered = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if line]
    lines = [line for _, line in numbered]
    if len(lines) < 2:
        return None
    fields = lines[0].count(separator)
    header = lines[0].split(separator)
    if len(set(header)) != len(header) or any(line.count(separator) != fields for line in lines):
        return None
    frame = pl.read_csv(
        io.StringIO("\n".join(lines)),
        separator=separator,
        has_header=True,
        quote_char=None,
        infer_schema=False,
        empty_string_is_null=False,
        raise_if_empty=False,
    )
    if frame.height != len(lines) - 1 or frame.columns != header:
        return None
    return frame, [number for number, _ in numbered[1:]]


def _read_csv_text(path: Path, separator: str) -> pl.DataFrame:
    """All cells as text, as delivered."""
    return _read_csv_lines(path, separator)[0]


def _read_csv_lines(path: Path, separator: str) -> tuple[pl.DataFrame, list[int]]:
    """All cells as text, as delivered, and the line each data row starts on (the header is line 1,
    as an editor counts). Python's csv module gives exact line numbers."""
    text = _decode(path)
    if not text.strip():
        raise DeliveryUnreadable(file_finding(path, "het bestand is leeg"))
    header_line = text.split("\n", 1)[0]
    other = "," if separator == ";" else ";"
    if separator not in header_line and len(header_line.split(other)) > 1:
        raise DeliveryUnreadable(
            file_finding(
                path,
                f"de kopregel is gescheiden met '{other}', dit contract schrijft '{separator}' "
                f"voor; sla het bestand op met '{separator}' als scheidingsteken",
            )
        )
    plain = _plain_csv(text, separator)
    if plain is not None:
        return plain
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        header = [h for h in next(reader)]
        rows: list[list[str]] = []
        starts: list[int] = []
        previous = reader.line_num
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if not row or row == [""]:
                continue
            if len(row) != len(header):
                raise DeliveryUnreadable(
                    dataclasses.replace(
                        file_finding(
                            path,
                            f"de regel heeft {len(row)} velden, de kopregel {len(header)}; "
                            f"controleer het scheidingsteken '{separator}' en aanhalingstekens",
                            row=len(rows) + 1,
                        ),
                        line=start,
                    )
                )
            rows.append(row)
            starts.append(start)
    except csv.Error as exc:
        raise DeliveryUnreadable(
            file_finding(path, f"ongeldige CSV op regel {reader.line_num}: {_csv_error(exc)}")
        ) from exc
    for number, row in enumerate(rows, start=1):
        broken = next((i for i, v in enumerate(row) if "\n" in v or "\r" in v), None)
        if broken is not None:
            shown = row[broken].replace("\r", "").replace("\n", "⏎")
            raise DeliveryUnreadable(
                Finding(
                    path.name,
                    number,
                    header[broken],
                    "bestandsformaat",
                    "file",
                    "error",
                    shown,
                    "het veld bevat een regelovergang (tussen aanhalingstekens); "
                    "een waarde staat op één regel",
                    starts[number - 1],
                )
            )
    doubles = sorted({h for h in header if header.count(h) > 1})
    if doubles:
        raise DeliveryUnreadable(
            file_finding(
                path, "dubbele kolomnamen in de kopregel: " + ", ".join(f"'{h}'" for h in doubles)
            )
        )
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in header]
    return pl.DataFrame(
        {h: list(col) for h, col in zip(header, columns, strict=True)},
        schema={h: pl.Utf8 for h in header},
    ), starts


def _read_parquet_text(path: Path) -> pl.DataFrame:
    try:
        df = pl.read_parquet(path)
    except Exception as exc:  # polars raises several error types for a corrupt file
        # polars' own text is English and may name the folder; say what it means instead
        raise DeliveryUnreadable(
            file_finding(
                path,
                "geen leesbaar Parquet-bestand (beschadigd, afgebroken of geen Parquet); "
                "lever het bestand opnieuw aan zoals het bronsysteem het schrijft",
            )
        ) from exc
    return df.with_columns(pl.all().cast(pl.Utf8))


def read_text_frame(contract: Contract, path: Path) -> pl.DataFrame:
    """The delivery as a frame of text columns named as delivered."""
    return read_text_lines(contract, path)[0]


def read_text_lines(contract: Contract, path: Path) -> tuple[pl.DataFrame, list[int] | None]:
    """The delivery as a frame of text columns named as delivered, and for a text file the line
    each data row starts on (None for Parquet and CBS JSON, which have no lines)."""
    fmt = contract.delivery_format
    if fmt == "cbs_odata":
        try:
            frame = cbs_odata.read_delivery(path)
            delivered = {key for row in cbs_odata.read_envelope(path) for key in row}
        except cbs_odata.CbsOdataError as exc:
            # the finding names the delivery already; a code list's own name stays in the text
            raise DeliveryUnreadable(
                file_finding(path, str(exc).removeprefix(f"{path.name}: "))
            ) from exc
        # A field no row carries is a missing column, not a column of empty cells.
        absent = [c for c in cbs_odata.DATASET_COLUMNS if c not in delivered]
        return (frame.drop(absent) if frame.height else frame), None
    if fmt == "parquet_or_csv" and path.suffix.lower() == ".parquet":
        return _read_parquet_text(path), None
    return _read_csv_lines(path, ";" if fmt == "csv_nl" else ",")
