"""Deterministic generator of the embedded sample deliveries (``data/sample/landing``).

Run ``.venv/bin/python tools/generate_sample.py`` (``make sample``) from the repository root, or
``python -m tools.sample``. It writes

* reference data in ``data/reference/``: ``gemeenten.csv`` (byte copy of the real CBS list),
  ``nationaliteiten.csv`` (all ISO 3166-1 countries with Dutch names and synthetic CBS-style
  codes) and ``taskforce_regelingen.csv`` (the budget lines of the taskforce);
* one folder per source in ``data/sample/landing/`` in exactly the delivery formats of
  DESIGN section 3, for the reporting months 2022-01 .. 2026-10;

and then re-reads what it wrote and checks the calibration targets (``check_calibration``),
failing loudly if one does not hold.

Calibration approach
--------------------
Real published figures (``reference/published_figures.csv`` and friends, copied into the
constants of the source modules because the generator must run without the shared folder) are
*targets on aggregates*; the generator works top-down from them:

* CBS asylum requests: quarter totals per category are fixed (real values where published,
  plausible in between), each quarter is split over its months along a piecewise-linear level
  with small noise (months with a published IND figure are fixed first), and every month is
  split over nationalities with smooth, time-varying shares. Rounding always uses the
  largest-remainder method so parts add up exactly. The 2023 year totals that CBS shows per
  nationality are imposed afterwards. The last snapshot holds the final figures; the earlier
  one has slightly lower provisional figures for Jul-Sep 2026 (late registrations).
* IND case events are the CBS monthly counts turned into cases (eerste -> asiel_eerste,
  volgende -> asiel_herhaald, nareizigers -> nareis), each with one outcome drawn from
  procedure/nationality rates and a processing time from a quantile table whose median follows
  the IND backlog of 2023-2025. Cases whose outcome falls after 2026-10 stay open (voorraad).
* Taakstelling is the national half-year figure divided by population (largest remainder).
  Housing per gemeente is a national monthly rate times the gemeente's population share times a
  fixed per-gemeente performance factor (some ahead, many behind). The national backlog of May
  2025 (DESIGN section 4 definition) is then made exactly 12.500 by adding or removing single
  housings in Jan-May 2025 of gemeenten that are behind: each such unit moves the backlog by
  exactly one, and months before 2025 are untouched.
* DTenV departures: yearly (or year-part) totals per kind split over months in units of ten.
* Budget: the real OWB 2025 article 37 amounts are fixed per line; one line per year absorbs the
  remainder so that the article totals equal the published ones exactly. The taskforce lines are
  a hand-written ramp that sums to 118.000 in 2029.
* COA, Oekraine and MPP: piecewise-linear paths through the published points.

Determinism: every source draws from its own ``random.Random`` seeded with ``"<seed>/<source>"``
(string seeds are hashed with SHA-512, independent of PYTHONHASHSEED), so generating a subset of
sources gives the same bytes as a full run. Only ``random()``/``randrange()`` and plain arithmetic
are used (no ``gauss``/``log``/``exp``), so results do not depend on the platform's libm. No
wall-clock time is read; output is written in a fixed order with fixed formatting.

Layout
------
``common`` holds the month arithmetic, seeding, largest-remainder rounding and fixed output
formatting; ``reference`` the reference data; one module per source writes that source's folder
with the header of its data contract (``cbs`` and ``cbs_odata``, ``ind``, ``coa``,
``taakstelling`` for taakstelling and huisvesting, ``dtenv``, ``begroting`` with
``budgettaire_tabel`` and ``begrotingsstaten``, ``oekraine``, ``mpp``); ``generate`` maps each
source to its writer (``WRITERS``), ``calibration`` checks the written files and ``cli`` is the
command line.
"""

from tools.sample.calibration import CalibrationError, check_calibration
from tools.sample.cli import main
from tools.sample.generate import WRITERS, generate

__all__ = ["WRITERS", "CalibrationError", "check_calibration", "generate", "main"]
