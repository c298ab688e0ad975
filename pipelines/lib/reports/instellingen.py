"""The document settings: the organisation named on the cover and in the colofon, and its logo."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path

from pipelines.lib import paths
from pipelines.lib.instellingen import waarde

ORGANISATIE_ENV = "KETENMONITOR_ORGANISATIE"


LOGO_ENV = "KETENMONITOR_LOGO"


DEFAULT_ORGANISATIE = "Ministerie van Asiel en Migratie"


MAX_LOGO_BYTES = 2_000_000


def organisatie() -> str:
    return waarde(ORGANISATIE_ENV) or DEFAULT_ORGANISATIE


def logo_data_url() -> str | None:
    """The optional logo (setting KETENMONITOR_LOGO: a PNG, JPEG or SVG file; a relative name is
    looked up in reports/static/, then in the project folder) as a data: URL. A setting that
    points nowhere fails."""
    value = waarde(LOGO_ENV)
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute():  # a name under reports/static/, or a path from the project folder
        in_static = paths.STATIC_DIR / path
        path = in_static if in_static.is_file() else paths.PROJECT_ROOT / path
    mime = mimetypes.guess_type(path.name)[0]
    if mime not in {"image/png", "image/jpeg", "image/svg+xml"}:
        raise ValueError(f"{LOGO_ENV}={value!r}: alleen PNG, JPEG of SVG")
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"{LOGO_ENV}={value!r}: groter dan {MAX_LOGO_BYTES} bytes")
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"
