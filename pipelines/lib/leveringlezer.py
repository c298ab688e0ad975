"""Reading a delivery as text, exactly as delivered: encoding, spreadsheets and binary files
recognised, ragged rows and CSV errors as findings that keep the file's own line numbers.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import dataclasses
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar, overload

import polars as pl

from pipelines.lib import cbs_odata
from pipelines.lib.bevindingen import (
    DeliveryUnreadable,
    Finding,
)
from pipelines.lib.contracts import (
    Contract,
)

T = TypeVar("T")


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


# A plain CSV file is read a block of about this many bytes at a time, each block cut at a line end
# and decoded, checked and parsed on its own: a delivery of a gigabyte never exists as one string,
# nor as a Python object per line (which took several times the file's size).
BLOCK_BYTES = 32 * 1024 * 1024


class LineNumbers(Sequence[int]):
    """The line each data row starts on, kept as runs of consecutive lines (a file without blank
    lines is one run): the numbers of a list, without an object per row."""

    def __init__(self) -> None:
        self._rows: list[int] = []  # the first row of each run
        self._lines: list[int] = []  # the line of that row
        self._len = 0

    def extend(self, numbers: list[int]) -> None:
        """Rows on these lines (ascending, after the rows held) follow."""
        start = 0
        if numbers and numbers[-1] - numbers[0] != len(numbers) - 1:  # not one run
            for k in range(1, len(numbers)):
                if numbers[k] != numbers[k - 1] + 1:
                    self._run(numbers[start], k - start)
                    start = k
        if numbers:
            self._run(numbers[start], len(numbers) - start)

    def extend_run(self, line: int, count: int) -> None:
        """`count` rows on consecutive lines from `line` on follow."""
        if count:
            self._run(line, count)

    def _run(self, line: int, count: int) -> None:
        if self._rows and self._lines[-1] + (self._len - self._rows[-1]) == line:
            self._len += count
            return
        self._rows.append(self._len)
        self._lines.append(line)
        self._len += count

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        run = bisect.bisect_right(self._rows, index) - 1
        return self._lines[run] + index - self._rows[run]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  (compared by value, like a list)

    def __repr__(self) -> str:
        return f"LineNumbers({len(self)} rijen in {len(self._rows)} reeksen)"


def _blocks(path: Path) -> Iterator[bytes]:
    """The file's bytes in blocks of about BLOCK_BYTES, each but the last ending with a newline."""
    with path.open("rb") as f:
        rest = b""
        while data := f.read(BLOCK_BYTES):
            data = rest + data
            cut = data.rfind(b"\n") + 1
            if cut == 0:  # one line longer than a block: read on
                rest = data
                continue
            rest = data[cut:]
            yield data[:cut]
        if rest:
            yield rest


def _plain_csv(
    path: Path, separator: str, each: Callable[[pl.DataFrame], T]
) -> tuple[list[str], list[T], LineNumbers] | None:
    """The common case read by Polars' native reader, a block at a time (BLOCK_BYTES): valid UTF-8,
    not blank, no quotes, no carriage returns, every non-blank line with the header's number of
    fields and unique header names. Then the cells are exactly those of splitting each line, and
    data row n is the n-th non-blank line after the header, as in the csv module's reading. Anything
    else (None) is read by the csv module (`_csv_module_parts`), which names what is wrong and
    where.

    `each` gets the frame of every block as it is read; returned: the header, what `each` gave per
    block, and the line number of each data row."""
    with path.open("rb") as f:
        if _not_text(f.read(65536)) is not None:
            return None
    other = "," if separator == ";" else ";"
    header: list[str] | None = None
    parts: list[T] = []
    numbers = LineNumbers()
    before = 0  # lines before this block
    blank = True
    for i, data in enumerate(_blocks(path)):
        try:
            text = data.decode("utf-8-sig" if i == 0 else "utf-8")
        except UnicodeDecodeError:
            return None
        if i == 0:
            first = text.split("\n", 1)[0]
            if separator not in first and len(first.split(other)) > 1:
                return None  # a header with the other separator
        if '"' in text or "\r" in text:
            return None
        blank = blank and (not text or text.isspace())
        if header is None and text and text[0] != "\n" and "\n" in text:
            # The header on the first line: the rest of the block as any other block.
            header_line, text = text.split("\n", 1)
            header = _unique_header(header_line, separator)
            if header is None:
                return None
            data = data[data.index(b"\n") + 1 :]
            before += 1
        if header is not None and text and text[0] != "\n" and "\n\n" not in text:
            # No blank line in the block: its rows are its lines, parsed by Polars as they are,
            # without a Python string per line.
            newlines = text.count("\n")
            del text
            count = newlines + (not data.endswith(b"\n"))
            frame = _block_frame(data, header, separator, count)
            if frame is None:
                return None
            parts.append(each(frame))
            numbers.extend_run(before + 1, count)
            before += newlines
            continue
        pieces = text.split("\n")
        rows = [before + n for n, piece in enumerate(pieces, start=1) if piece]
        lines = [piece for piece in pieces if piece]
        before += len(pieces) - 1
        del pieces, text
        if header is None and lines:
            header = _unique_header(lines[0], separator)
            if header is None:
                return None
            rows, lines = rows[1:], lines[1:]
        if not lines:
            continue
        assert header is not None  # lines after the header's
        frame = _block_frame("\n".join(lines).encode(), header, separator, len(lines))
        if frame is None:
            return None
        del lines
        parts.append(each(frame))
        numbers.extend(rows)
    if blank or not parts or header is None:
        return None
    return header, parts, numbers


def _unique_header(line: str, separator: str) -> list[str] | None:
    """The column names of a header line, or None when a name occurs twice (the csv module's
    reading names them)."""
    header = line.split(separator)
    return header if len(set(header)) == len(header) else None


def _block_frame(data: bytes, header: list[str], separator: str, count: int) -> pl.DataFrame | None:
    """The `count` lines of a block without blank lines as text cells, or None when a line does not
    have the header's number of fields. Polars refuses a line with more fields than the header and
    fills one with fewer; so the block is whole when the separators add up to exactly the header's
    per line and Polars refuses none."""
    if data.count(separator.encode()) != (len(header) - 1) * count:
        return None
    try:
        frame = pl.read_csv(
            data,
            separator=separator,
            has_header=False,
            schema={h: pl.Utf8 for h in header},
            quote_char=None,
            empty_string_is_null=False,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:  # too many fields (a compute or a schema error)
        return None
    return frame if frame.height == count else None


def _read_csv_text(path: Path, separator: str) -> pl.DataFrame:
    """All cells as text, as delivered."""
    _, parts, _ = _read_csv_parts(path, separator, _same)
    return _whole(parts)


def _same(frame: pl.DataFrame) -> pl.DataFrame:
    return frame


def _whole(frames: list[pl.DataFrame]) -> pl.DataFrame:
    return frames[0] if len(frames) == 1 else pl.concat(frames, how="vertical", rechunk=False)


def _read_csv_parts(
    path: Path, separator: str, each: Callable[[pl.DataFrame], T]
) -> tuple[list[str], list[T], Sequence[int]]:
    """`_read_csv_lines`, with `each` applied to the frame of every part as it is read: the blocks
    of a plain file (`_plain_csv`), or the rows read by the csv module (`_csv_module_parts`)."""
    plain = _plain_csv(path, separator, each)
    if plain is not None:
        return plain
    return _csv_module_parts(path, separator, each)


def _read_csv_lines(path: Path, separator: str) -> tuple[pl.DataFrame, Sequence[int]]:
    """All cells as text, as delivered, and the line each data row starts on (the header is line 1,
    as an editor counts). Python's csv module gives exact line numbers."""
    _, parts, lines = _csv_module_parts(path, separator, _same)
    return _whole(parts), lines


# A file the csv module reads (quotes, carriage returns, ...) is read this many rows at a time, each
# part made a frame and handed on: a Python string per cell, of a whole large file, took many times
# its size.
CSV_ROWS = 200_000


def _check_text(path: Path, separator: str) -> None:
    """What `_decode` and the first look at the text find wrong with the file, read a block at a
    time: not a text file, not UTF-8 (then read whole by `_decode`, which names the byte and the
    line), empty, or a header with the other separator."""
    with path.open("rb") as f:
        what = _not_text(f.read(65536))
        if what:
            raise DeliveryUnreadable(file_finding(path, what))
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        other = "," if separator == ";" else ";"
        in_header = True  # still in the first line, up to its newline
        separated = other_separated = False
        blank = True
        while True:
            data = f.read(BLOCK_BYTES)
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError:
                _decode(path)  # raises, with what the whole file says
                raise
            if in_header:
                first, newline, _ = text.partition("\n")
                separated = separated or separator in first
                other_separated = other_separated or other in first
                in_header = not newline
            blank = blank and not text.strip()
            if not data:
                break
    if blank:
        raise DeliveryUnreadable(file_finding(path, "het bestand is leeg"))
    if not separated and other_separated:
        raise DeliveryUnreadable(
            file_finding(
                path,
                f"de kopregel is gescheiden met '{other}', dit contract schrijft '{separator}' "
                f"voor; sla het bestand op met '{separator}' als scheidingsteken",
            )
        )


def _csv_module_parts(
    path: Path, separator: str, each: Callable[[pl.DataFrame], T]
) -> tuple[list[str], list[T], LineNumbers]:
    """The file read by Python's csv module, CSV_ROWS rows at a time, `each` applied to the frame of
    every part; the header, what `each` gave per part and the line each data row starts on. What is
    wrong is found as in reading the whole file at once: the text first (`_check_text`), then a CSV
    error or a row with too many or too few fields, then a field holding a line break, then a
    repeated column name, each the first in the file."""
    _check_text(path, separator)
    results: list[T] = []
    numbers = LineNumbers()
    broken: Finding | None = None  # the first field with a line break, raised after reading
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=separator, strict=True)
        try:
            header = [h for h in next(reader)]
            doubles = sorted({h for h in header if header.count(h) > 1})
            rows: list[list[str]] = []
            starts: list[int] = []
            count = 0  # data rows read
            previous = reader.line_num
            made = False  # a part handed on (or, rejected, dropped)
            for row in itertools.chain(reader, [None]):  # None: the end, after the last row
                if row is not None:
                    start, previous = previous + 1, reader.line_num
                    if not row or row == [""]:
                        continue
                    if len(row) != len(header):
                        raise DeliveryUnreadable(
                            dataclasses.replace(
                                file_finding(
                                    path,
                                    f"de regel heeft {len(row)} velden, de kopregel "
                                    f"{len(header)}; controleer het scheidingsteken "
                                    f"'{separator}' en aanhalingstekens",
                                    row=count + 1,
                                ),
                                line=start,
                            )
                        )
                    count += 1
                    if broken is None:
                        broken = _line_break(path, header, row, count, start)
                    rows.append(row)
                    starts.append(start)
                    if len(rows) < CSV_ROWS:
                        continue
                elif made and not rows:
                    break
                if broken is None and not doubles:
                    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in header]
                    del rows
                    frame = pl.DataFrame(
                        {h: list(col) for h, col in zip(header, columns, strict=True)},
                        schema={h: pl.Utf8 for h in header},
                    )
                    del columns
                    results.append(each(frame))
                    del frame
                else:
                    results.clear()  # rejected whatever follows: nothing to keep
                made = True
                numbers.extend(starts)
                rows, starts = [], []
        except csv.Error as exc:
            raise DeliveryUnreadable(
                file_finding(path, f"ongeldige CSV op regel {reader.line_num}: {_csv_error(exc)}")
            ) from exc
    if broken is not None:
        raise DeliveryUnreadable(broken)
    if doubles:
        raise DeliveryUnreadable(
            file_finding(
                path, "dubbele kolomnamen in de kopregel: " + ", ".join(f"'{h}'" for h in doubles)
            )
        )
    return header, results, numbers


def _line_break(
    path: Path, header: list[str], row: list[str], number: int, line: int
) -> Finding | None:
    """The finding for the first field of data row `number` that holds a line break, if one does."""
    broken = next((i for i, v in enumerate(row) if "\n" in v or "\r" in v), None)
    if broken is None:
        return None
    shown = row[broken].replace("\r", "").replace("\n", "⏎")
    return Finding(
        path.name,
        number,
        header[broken],
        "bestandsformaat",
        "file",
        "error",
        shown,
        "het veld bevat een regelovergang (tussen aanhalingstekens); een waarde staat op één regel",
        line,
    )


# A Parquet delivery is read this many rows at a time (the file's order), each part cast to text and
# handed on: the text of a large file, 16 bytes a cell and more, is never held whole.
PARQUET_ROWS = 1_000_000


def _unreadable_parquet(path: Path) -> DeliveryUnreadable:
    # polars' own texts are English and may name the folder; say what it means instead
    return DeliveryUnreadable(
        file_finding(
            path,
            "geen leesbaar Parquet-bestand (beschadigd, afgebroken of geen Parquet); "
            "lever het bestand opnieuw aan zoals het bronsysteem het schrijft",
        )
    )


def _parquet_parts(path: Path) -> Iterator[pl.DataFrame]:
    """The file's rows PARQUET_ROWS at a time, in the file's order, as Polars reads the whole file
    (its reading of the schema, as of INT96 timestamps; text that is not UTF-8 refused). Polars
    reads only the row groups a part needs, on all cores. At least one part, empty for a file
    without rows. Raises DeliveryUnreadable for a file that is not readable Parquet, also when the
    damage is only found in a later part."""
    try:
        scan = pl.scan_parquet(path)
        rows = scan.select(pl.len()).collect().item()
    except (Exception, pl.exceptions.PanicException) as exc:  # several types for a corrupt file
        raise _unreadable_parquet(path) from exc
    for offset in range(0, max(rows, 1), PARQUET_ROWS):
        try:
            frame = scan.slice(offset, PARQUET_ROWS).collect()
        except (Exception, pl.exceptions.PanicException) as exc:
            raise _unreadable_parquet(path) from exc
        yield frame
        del frame


def _read_parquet_parts(
    path: Path, each: Callable[[pl.DataFrame], T], native: Mapping[str, pl.DataType]
) -> tuple[list[str], list[T]]:
    """Every part of a Parquet file (`_parquet_parts`) with all cells cast to text, given to `each`
    as it is read; the columns and what `each` gave per part. A column named in `native` that the
    file already stores as that type stays as it is (it would be written out as text only to be
    read back into the same values)."""
    columns: list[str] = []
    results: list[T] = []
    for frame in _parquet_parts(path):
        columns = frame.columns
        text = frame.with_columns(
            pl.col(c).cast(pl.Utf8) for c in frame.columns if frame.schema[c] != native.get(c)
        )
        del frame
        results.append(each(text))
        del text
    return columns, results


def read_text_frame(contract: Contract, path: Path) -> pl.DataFrame:
    """The delivery as a frame of text columns named as delivered."""
    return read_text_lines(contract, path)[0]


def read_text_lines(contract: Contract, path: Path) -> tuple[pl.DataFrame, Sequence[int] | None]:
    """The delivery as a frame of text columns named as delivered, and for a text file the line
    each data row starts on (None for Parquet and CBS JSON, which have no lines)."""
    _, parts, lines = read_text_parts(contract, path, _same)
    return _whole(parts), lines


def read_text_parts(
    contract: Contract,
    path: Path,
    each: Callable[[pl.DataFrame], T],
    native: Mapping[str, pl.DataType] | None = None,
) -> tuple[list[str], list[T], Sequence[int] | None]:
    """The delivery as text frames named as delivered, `each` applied to every part as it is read:
    a plain CSV file a block at a time (BLOCK_BYTES), any other CSV file CSV_ROWS rows at a time and
    a Parquet file about PARQUET_ROWS rows at a time, so that a large one is never held as text
    whole; a CBS delivery as one part. Returned: the columns as delivered, what `each` gave per part
    (in the file's order), and for a text file the line each data row starts on (None for Parquet
    and CBS JSON, which have no lines)."""
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
        frame = frame.drop(absent) if frame.height else frame
        return frame.columns, [each(frame)], None
    if fmt == "parquet_or_csv" and path.suffix.lower() == ".parquet":
        columns, parts = _read_parquet_parts(path, each, native or {})
        return columns, parts, None
    return _read_csv_parts(path, ";" if fmt == "csv_nl" else ",", each)
