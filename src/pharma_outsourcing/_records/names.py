"""Names as record matching compares them: folded, and a firm's legal form left off.

A regulator writes a firm's legal name its own way ("ACME PHARMA, INC."), a sponsor its
own ("Acme Pharma"). Both are folded alike (case, accents and punctuation ignored, ``&``
read as "and") and a firm's legal form is left off its end, so the two compare equal; no
letter of the name itself is guessed at.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["LEGAL_FORMS", "firm_key", "folded_words"]

# Left out, so that "L.L.C." is "llc", "S.p.A." is "spa", "A/S" is "as" and "Reddy's" is
# "reddys"; every other ASCII mark separates words, and "&" is the word "and".
_JOINING = ".'`/"
_TABLE = str.maketrans(
    {
        **dict.fromkeys(_JOINING),
        **{
            chr(code): " "
            for code in range(128)
            if not chr(code).isalnum() and chr(code) not in _JOINING
        },
        "&": " and ",
    }
)
# Beyond ASCII: apostrophes and the like join, any other mark separates.
_JOINING_MARKS = re.compile("[\u2018\u2019\u02bc\u00b4]")
_NOT_A_WORD = re.compile(r"[\W_]+")
# Letters that carry no accent to drop but are written without their stroke or ligature
# in ASCII spellings of a name.
# (Case folding already writes "ß" as "ss".)
_LETTERS = str.maketrans(
    {
        "\u00f8": "o",  # o with stroke
        "\u0111": "d",  # d with stroke
        "\u0142": "l",  # l with stroke
        "\u0127": "h",  # h with stroke
        "\u0131": "i",  # dotless i
        "\u00e6": "ae",
        "\u0153": "oe",
        "\u00fe": "th",  # thorn
    }
)


def folded_words(text: str) -> list[str]:
    """The words of ``text`` folded: lower case, no accents, no punctuation.

    Dots, apostrophes and slashes join the letters around them; every other mark
    separates words; ``&`` is the word "and".

    Example:
        >>> folded_words("Société Générale, S.A. & Cie")
        ['societe', 'generale', 'sa', 'and', 'cie']
        >>> folded_words("Dr. Reddy\u2019s Laboratories Ltd.")
        ['dr', 'reddys', 'laboratories', 'ltd']
    """
    folded = text.casefold()
    if not folded.isascii():
        folded = _JOINING_MARKS.sub("", folded.translate(_LETTERS))
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
        folded = _NOT_A_WORD.sub(" ", folded.translate(_TABLE))
        return folded.split()
    return folded.translate(_TABLE).split()


LEGAL_FORMS = (
    # Companies (English-speaking countries)
    "Inc.",
    "Incorporated",
    "Corp.",
    "Corporation",
    "Co.",
    "Company",
    "& Co.",
    "Ltd",
    "Limited",
    "LLC",
    "L.L.C.",
    "LLP",
    "L.P.",
    "PLC",
    "ULC",
    "Pvt. Ltd",
    "Pvt.",
    "Private Limited",
    "Pty Ltd",
    "Pte Ltd",
    "Sdn Bhd",
    # German-speaking countries
    "GmbH",
    "GesmbH",
    "GmbH & Co. KG",
    "& Co. KG",
    "KG",
    "AG",
    "KGaA",
    "SE",
    # French-, Spanish-, Portuguese- and Italian-speaking countries
    "S.A.",
    "S.A.S.",
    "S.A.R.L.",
    "S.A.U.",
    "S.L.",
    "S.A. de C.V.",
    "Ltda",
    "S.p.A.",
    "S.r.l.",
    # Benelux, the Nordic countries
    "B.V.",
    "N.V.",
    "A/S",
    "ApS",
    "AB",
    "Oy",
    "Oyj",
    "ASA",
    # Japan
    "K.K.",
    "Kabushiki Kaisha",
)
"""The legal forms left off the end of a firm's name before names are compared.

Written as firms write them; they are compared folded (:func:`folded_words`), so
``Inc.``, ``INC`` and ``inc`` are one form, and ``Co., Ltd.`` is ``Ltd`` then ``Co.``. A
form is left off only at the end of a name and never leaves a name empty, and forms are
left off one after another ("Pvt. Ltd", "GmbH & Co. KG").
"""

_FORMS = frozenset(tuple(folded_words(form)) for form in LEGAL_FORMS)
_LONGEST_FIRST = sorted({len(form) for form in _FORMS}, reverse=True)


def firm_key(name: str) -> str:
    """A firm's name as matching compares it: folded, without its legal form or "The".

    Two names with the same key name the same firm as far as their letters can tell; an
    empty key (a name of punctuation only) matches nothing.

    Example:
        >>> firm_key("ACME PHARMA, INC.") == firm_key("Acme Pharma") == "acme pharma"
        True
        >>> firm_key("The Glenrock Company Pvt. Ltd."), firm_key("Zhejiang Jiuzhou Co.,Ltd")
        ('glenrock', 'zhejiang jiuzhou')
        >>> firm_key("Limited Editions Ltd")  # a legal form only at the end
        'limited editions'
    """
    words = folded_words(name)
    if len(words) > 1 and words[0] == "the":
        del words[0]
    stripped = True
    while stripped:
        stripped = False
        for size in _LONGEST_FIRST:
            if len(words) > size and tuple(words[-size:]) in _FORMS:
                del words[-size:]
                stripped = True
                break
    return " ".join(words)
