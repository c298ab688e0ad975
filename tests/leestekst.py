"""What a reader of a report may never see: internal table names, repository paths, rule ids of
Great Expectations or of the contracts, and Dutch plurals after a count of one."""

from __future__ import annotations

import re

INTERN = re.compile(
    r"\b(?:kpi|stg|raw|meta|ref)\.[a-z_]+|data/reference/|data_contracts/|sql/[a-z]+|\bexpect_[a-z_]+|"
    r"\b[a-z_]+\.(?:primary_key|required|type|pattern|valid_values|range|reference|row_count)\b|\$[a-z_]+"
)
MEERVOUD_NA_EEN = re.compile(
    r"(?<![\d.,])[+−-]?1 (?:bestanden|fouten|regels|dagen|leveringen|maanden|jaren|gemeenten|"
    r"waarschuwingen|controles|rijen|zaken|bronnen|claims|keren|personen|tabellen)\b"
)
HALF_MEERVOUD = re.compile(r"\w\((?:en|s)\)")  # "bestand(en)": Babel knows the plural


def problemen(tekst: str) -> list[str]:
    """Every offending fragment of `tekst`, with a little context."""
    found = []
    for pattern in (INTERN, MEERVOUD_NA_EEN, HALF_MEERVOUD):
        for m in pattern.finditer(tekst):
            found.append(tekst[max(0, m.start() - 30) : m.end() + 10].replace("\n", " "))
    return found
