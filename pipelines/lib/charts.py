"""Inline SVG charts for the reports, generated in Python (no chart library, no fetching).

Every chart carries a text alternative: `role="img"`, an `aria-label`, a `<title>` (which
WeasyPrint turns into the /Alt of the tagged PDF's Figure) and a `<desc>` listing the
figures. Labels are XML-escaped; the result is `Markup` so the template does not escape the
SVG itself. Output is deterministic (fixed number formatting, no ids from counters).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from pipelines.lib import formatting, paths


@functools.cache
def _css_kleuren() -> dict[str, str]:
    """The colour variables of the print CSS (`--naam: #rrggbb;` in its :root)."""
    css = (paths.STATIC_DIR / "print.css").read_text(encoding="utf-8")
    root = re.search(r":root\s*\{(.*?)\}", css, flags=re.S)
    if root is None:
        raise ValueError("print.css: geen :root met kleuren")
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", root.group(1)))


def css_kleur(naam: str) -> str:
    """A colour of the print CSS by name: `lichtblauw` is `--grafiek-lichtblauw`, `tekst` is
    `--tekst`; a #rrggbb value stays as it is."""
    if naam.startswith("#"):
        return naam
    kleuren = _css_kleuren()
    for sleutel in (f"grafiek-{naam}", naam):
        if sleutel in kleuren:
            return kleuren[sleutel]
    raise KeyError(f"kleur {naam!r} staat niet in print.css")


# The series colours in the order a chart hands them out.
PALET = tuple(
    css_kleur(n)
    for n in ("donkerblauw", "hemelblauw", "lichtblauw", "robijnrood", "oranje", "groen", "grijs")
)
AS, RASTER = css_kleur("donkerblauw"), css_kleur("raster")  # the zero line, the other grid lines
TEKST, GRIJS = _css_kleuren()["tekst"], _css_kleuren()["grijs"]  # legend text, axis labels
FONT = "Inter, sans-serif"

# viewBox units: 4 per mm; the text column is ~162 mm wide
BREEDTE = 640
MM = 4


@dataclass(frozen=True)
class Reeks:
    naam: str
    waarden: Sequence[float | None]
    soort: str = "staaf"  # staaf | lijn
    kleur: str | None = None
    gestippeld: bool = False


def _nice_step(span: float, target_ticks: int = 5) -> float:
    if span <= 0:
        return 1.0
    raw = span / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _ticks(lo: float, hi: float) -> list[float]:
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if lo == hi:
        hi = lo + 1
    step = _nice_step(hi - lo)
    start = math.floor(lo / step) * step
    stop = math.ceil(hi / step) * step
    count = round((stop - start) / step)
    return [start + i * step for i in range(count + 1)]


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _label_step(n: int, max_labels: int) -> int:
    return max(1, math.ceil(n / max_labels))


def grafiek(
    *,
    titel: str,
    samenvatting: str,
    categorieen: Sequence[str],
    reeksen: Sequence[Reeks],
    gestapeld: bool = False,
    as_label: str = "",
    waarde_fmt: Callable[[float], str] | None = None,
    hoogte_mm: float = 62,
    max_labels: int = 13,
) -> Markup:
    """A bar and/or line chart over categories (months, years, ...).

    `samenvatting` is the one-sentence text alternative (what the chart shows);
    the `<desc>` additionally lists every value.
    """
    fmt = waarde_fmt or formatting.getal
    n = len(categorieen)
    hoogte = int(hoogte_mm * MM)
    legend_h = 26 if len(reeksen) > 1 or as_label else 8
    left, right, top, bottom = 58, 10, legend_h + 10, 30
    plot_w, plot_h = BREEDTE - left - right, hoogte - top - bottom

    staven = [r for r in reeksen if r.soort == "staaf"]
    lijnen = [r for r in reeksen if r.soort == "lijn"]
    values: list[float] = []
    if gestapeld and staven:
        for i in range(n):
            pos = sum(max(r.waarden[i] or 0, 0) for r in staven)
            neg = sum(min(r.waarden[i] or 0, 0) for r in staven)
            values += [pos, neg]
    else:
        values += [v for r in staven for v in r.waarden if v is not None]
    values += [v for r in lijnen for v in r.waarden if v is not None]
    ticks = _ticks(min(values, default=0.0), max(values, default=1.0))
    lo, hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    slot = plot_w / max(n, 1)
    parts: list[str] = []
    # gridlines and y labels
    for t in ticks:
        yy = _fmt(y(t))
        stroke = AS if t == 0 else RASTER
        width = "1" if t == 0 else "0.6"
        parts.append(
            f'<line x1="{left}" x2="{BREEDTE - right}" y1="{yy}" y2="{yy}" stroke="{stroke}" '
            f'stroke-width="{width}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{_fmt(y(t) + 3.5)}" text-anchor="end" font-size="10" '
            f'fill="{GRIJS}">{escape(fmt(t))}</text>'
        )
    # x labels
    step = _label_step(n, max_labels)
    for i, cat in enumerate(categorieen):
        if (n - 1 - i) % step:  # count back from the last category, which always has its label
            continue
        cx = _fmt(left + slot * (i + 0.5))
        parts.append(
            f'<text x="{cx}" y="{hoogte - bottom + 14}" text-anchor="middle" font-size="10" '
            f'fill="{GRIJS}">{escape(cat)}</text>'
        )
    # bars
    if staven:
        group_w = slot * 0.72
        if gestapeld:
            for i in range(n):
                base_pos, base_neg = 0.0, 0.0
                x0 = left + slot * i + (slot - group_w) / 2
                for k, r in enumerate(staven):
                    v = r.waarden[i]
                    if v is None:
                        continue
                    kleur = css_kleur(r.kleur) if r.kleur else PALET[k % len(PALET)]
                    if v >= 0:
                        y0, y1 = y(base_pos + v), y(base_pos)
                        base_pos += v
                    else:
                        y0, y1 = y(base_neg), y(base_neg + v)
                        base_neg += v
                    parts.append(
                        f'<rect x="{_fmt(x0)}" y="{_fmt(y0)}" width="{_fmt(group_w)}" '
                        f'height="{_fmt(max(y1 - y0, 0))}" fill="{kleur}"/>'
                    )
        else:
            bar_w = group_w / len(staven)
            for k, r in enumerate(staven):
                kleur = css_kleur(r.kleur) if r.kleur else PALET[k % len(PALET)]
                for i, v in enumerate(r.waarden):
                    if v is None:
                        continue
                    x0 = left + slot * i + (slot - group_w) / 2 + k * bar_w
                    y0, y1 = sorted((y(v), y(0.0)))
                    parts.append(
                        f'<rect x="{_fmt(x0)}" y="{_fmt(y0)}" width="{_fmt(bar_w * 0.92)}" '
                        f'height="{_fmt(y1 - y0)}" fill="{kleur}"/>'
                    )
    # lines
    for k, r in enumerate(lijnen):
        kleur = css_kleur(r.kleur) if r.kleur else PALET[(len(staven) + k) % len(PALET)]
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(r.waarden):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{_fmt(left + slot * (i + 0.5))},{_fmt(y(v))}")
        if segment:
            segments.append(segment)
        dash = ' stroke-dasharray="6 4"' if r.gestippeld else ""
        for seg in segments:
            if len(seg) == 1:
                cx, cy = seg[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{kleur}"/>')
            else:
                parts.append(
                    f'<polyline points="{" ".join(seg)}" fill="none" stroke="{kleur}" '
                    f'stroke-width="2"{dash}/>'
                )
    # legend
    legend: list[str] = []
    lx = left
    for r in reeksen:
        kleur = (
            css_kleur(r.kleur)
            if r.kleur
            else (
                PALET[staven.index(r) % len(PALET)]
                if r in staven
                else PALET[(len(staven) + lijnen.index(r)) % len(PALET)]
            )
        )
        if len(reeksen) > 1:
            if r.soort == "lijn":
                dash = ' stroke-dasharray="6 4"' if r.gestippeld else ""
                legend.append(
                    f'<line x1="{lx}" x2="{lx + 14}" y1="9" y2="9" stroke="{kleur}" '
                    f'stroke-width="2"{dash}/>'
                )
            else:
                legend.append(f'<rect x="{lx}" y="4" width="10" height="10" fill="{kleur}"/>')
            legend.append(
                f'<text x="{lx + 18}" y="13" font-size="10.5" '
                f'fill="{TEKST}">{escape(r.naam)}</text>'
            )
            lx += 18 + int(len(r.naam) * 5.6) + 18
    if as_label:
        legend.append(
            f'<text x="0" y="{legend_h + 1}" font-size="9.5" '
            f'fill="{GRIJS}">{escape(as_label)}</text>'
        )

    desc_lines = [
        f"{r.naam}: "
        + "; ".join(
            f"{c} {fmt(v) if v is not None else formatting.ONBEKEND}"
            for c, v in zip(categorieen, r.waarden, strict=True)
        )
        for r in reeksen
    ]
    label = f"{titel}. {samenvatting}"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
        f'width="{_fmt(BREEDTE / MM)}mm" height="{_fmt(hoogte / MM)}mm" '
        f'viewBox="0 0 {BREEDTE} {hoogte}" '
        f'font-family="{FONT}">'
        f"<title>{escape(label)}</title>"
        f"<desc>{escape(' | '.join(desc_lines))}</desc>"
        + "".join(legend)
        + "".join(parts)
        + "</svg>"
    )
    return Markup(svg)
