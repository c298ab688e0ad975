"""argparse in Dutch: a message catalogue for the strings argparse shows, installed for its calls.

argparse takes every text it prints (usage, help, each error) through `gettext` (`_` and
`ngettext`, bound in its own module). `install()` points those two names at a catalogue with the
Dutch text, so `--help`, the usage line and every error message read in Dutch without subclassing
ArgumentParser. The catalogue is a `gettext.NullTranslations`: a string it lacks falls back to the
English original (tests/test_cli.py checks that it lacks none of this Python's argparse).
"""

from __future__ import annotations

import argparse
import gettext

from pipelines.lib.formatting import is_enkelvoud

# msgid (as in argparse.py) -> Dutch
CATALOGUE: dict[str, str] = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "positionele argumenten",
    "subcommands": "opdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "de volgende argumenten zijn verplicht: %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "optie %(option)s is niet eenduidig, ze past op %(matches)s"
    ),
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht ten minste één waarde",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "ignored explicit argument %r": "opgegeven waarde %r genegeerd",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r (kies uit %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    'argument "-" with mode %r': 'argument "-" met modus %r',
    "%r is not callable": "%r is niet aanroepbaar",
    ".__call__() not defined": ".__call__() is niet gedefinieerd",
    "conflicting subparser: %s": "dubbele opdracht: %s",
    "conflicting subparser alias: %s": "dubbele alias van een opdracht: %s",
    "cannot merge actions - two groups are named %r": (
        "kan de argumenten niet samenvoegen: twee groepen heten %r"
    ),
    "'required' is an invalid argument for positionals": (
        "'required' kan niet bij een positioneel argument"
    ),
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "ongeldige optie %(option)r: moet beginnen met een van de tekens %(prefix_chars)r"
    ),
    "dest= is required for options like %r": "dest= is verplicht voor een optie als %r",
    "invalid conflict_resolution value: %r": "ongeldige waarde voor conflict_resolution: %r",
    "mutually exclusive arguments must be optional": (
        "argumenten die elkaar uitsluiten moeten opties zijn"
    ),
    "cannot have multiple subparser arguments": "er kan maar één argument met opdrachten zijn",
}
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): (
        "verwacht %s waarde",
        "verwacht %s waarden",
    ),
    ("conflicting option string: %s", "conflicting option strings: %s"): (
        "dubbele optie: %s",
        "dubbele opties: %s",
    ),
}


class DutchArgparse(gettext.NullTranslations):
    """The catalogue as a translations object (the interface `gettext.GNUTranslations` has)."""

    def gettext(self, message: str) -> str:
        if (
            message is None
        ):  # argparse asks for `_(None)` when a subparsers group has no description
            return message
        return CATALOGUE.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        one, other = PLURALS.get((msgid1, msgid2), (msgid1, msgid2))
        return one if is_enkelvoud(n) else other


TRANSLATIONS = DutchArgparse()


def install() -> None:
    """Give argparse the Dutch catalogue (its module-level `_` and `ngettext`)."""
    argparse._ = TRANSLATIONS.gettext  # type: ignore[attr-defined]
    argparse.ngettext = TRANSLATIONS.ngettext  # type: ignore[attr-defined]
