"""The code version that reports and the published snapshot carry in their colofon."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata

from pipelines.lib import paths

_SUFFIXES = {".py", ".sql", ".yaml", ".j2", ".css"}


@functools.cache
def code_version() -> str:
    """Package version + a digest of everything that shapes the output (Python, SQL, contracts,
    templates, print CSS, the claims, the reference lists): the same code gives the same version on
    every machine, without git, and the version moves with the code even between releases."""
    roots = [
        paths.PROJECT_ROOT / "pipelines",
        paths.SQL_DIR,
        paths.CONTRACTS_DIR,
        paths.TEMPLATES_DIR,
        paths.STATIC_DIR,
    ]
    files = sorted(
        p
        for root in roots
        if root.is_dir()
        for p in root.rglob("*")
        if p.is_file() and p.suffix in _SUFFIXES and "__pycache__" not in p.parts
    )
    if paths.BELEIDSCLAIMS_FILE.is_file():
        files.append(paths.BELEIDSCLAIMS_FILE)
    files += sorted(paths.REFERENCE_DIR.glob("*.csv"))
    digest = hashlib.sha256()
    for p in files:
        digest.update(p.relative_to(paths.PROJECT_ROOT).as_posix().encode())
        digest.update(b"\0")
        digest.update(p.read_bytes())
        digest.update(b"\0")
    try:
        version = importlib.metadata.version("ketenmonitor")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"{version}+{digest.hexdigest()[:10]}"
