"""Which market a record's country lies in: the countries and areas of each market.

A regulator's export names a site's country in words (FDA's ``Country/Area``: "United
States", "Germany", "India"). Matching by name asks whether that country lies in one of
the partner's markets; the answer is a market, no market (a country that lies in none of
the library's markets, such as Singapore), or "cannot say" (no country, or a text this
table does not know). Spellings are compared folded (case, accents, punctuation and "the"
ignored), so "Korea (the Republic of)" and "Korea, Republic of" are one.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._vocabulary import Market
from .names import folded_words

__all__ = ["MARKET_COUNTRIES", "OTHER_COUNTRIES", "markets_of"]

MARKET_COUNTRIES: Mapping[Market, tuple[str, ...]] = {
    # The US and the territories where its law on medicines applies.
    Market.US: (
        "United States",
        "United States of America",
        "USA",
        "US",
        "Puerto Rico",
        "Guam",
        "U.S. Virgin Islands",
        "Virgin Islands (U.S.)",
        "American Samoa",
        "Northern Mariana Islands",
    ),
    # The 27 member states and the three EEA states: the EU/EEA competent authorities
    # (Regulator.EMA) inspect in all thirty.
    Market.EU: (
        "Austria",
        "Belgium",
        "Bulgaria",
        "Croatia",
        "Cyprus",
        "Czechia",
        "Czech Republic",
        "Denmark",
        "Estonia",
        "Finland",
        "France",
        "Germany",
        "Greece",
        "Hungary",
        "Ireland",
        "Italy",
        "Latvia",
        "Lithuania",
        "Luxembourg",
        "Malta",
        "Netherlands",
        "Holland",
        "Poland",
        "Portugal",
        "Romania",
        "Slovakia",
        "Slovak Republic",
        "Slovenia",
        "Spain",
        "Sweden",
        "Iceland",
        "Liechtenstein",
        "Norway",
    ),
    Market.UK: (
        "United Kingdom",
        "United Kingdom of Great Britain and Northern Ireland",
        "UK",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    ),
    Market.JAPAN: ("Japan",),
    Market.CHINA: ("China", "People's Republic of China", "China, People's Republic of"),
    Market.CANADA: ("Canada",),
    Market.AUSTRALIA: ("Australia",),
    Market.BRAZIL: ("Brazil", "Brasil"),
    Market.INDIA: ("India",),
    Market.SWITZERLAND: ("Switzerland",),
    Market.SOUTH_KOREA: (
        "South Korea",
        "Korea (the Republic of)",
        "Korea, Republic of",
        "Republic of Korea",
        "Korea, South",
        "Korea (South)",
    ),
}
"""The countries and areas of each market, as exports write them."""

OTHER_COUNTRIES = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda",
    "Argentina", "Armenia", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados",
    "Belarus", "Belize", "Benin", "Bermuda", "Bhutan", "Bolivia",
    "Bolivia (Plurinational State of)", "Bosnia and Herzegovina", "Botswana", "Brunei",
    "Brunei Darussalam", "Burkina Faso", "Burundi", "Cabo Verde", "Cape Verde", "Cambodia",
    "Cameroon", "Cayman Islands", "Central African Republic", "Chad", "Chile", "Colombia",
    "Comoros", "Congo", "Democratic Republic of the Congo",
    "Congo (the Democratic Republic of the)", "Costa Rica", "Cote d'Ivoire", "Ivory Coast",
    "Cuba", "Curacao", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt",
    "El Salvador", "Equatorial Guinea", "Eritrea", "Eswatini", "Swaziland", "Ethiopia",
    "Fiji", "Gabon", "Gambia", "Georgia", "Ghana", "Grenada", "Guatemala", "Guinea",
    "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hong Kong", "Indonesia", "Iran",
    "Iran (Islamic Republic of)", "Iraq", "Israel", "Jamaica", "Jordan", "Kazakhstan",
    "Kenya", "Kiribati", "North Korea", "Korea (the Democratic People's Republic of)",
    "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Lao People's Democratic Republic", "Lebanon",
    "Lesotho", "Liberia", "Libya", "Macao", "Macau", "Madagascar", "Malawi", "Malaysia",
    "Maldives", "Mali", "Marshall Islands", "Mauritania", "Mauritius", "Mexico",
    "Micronesia", "Moldova", "Moldova (the Republic of)", "Monaco", "Mongolia",
    "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal",
    "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Macedonia", "Macedonia", "Oman",
    "Pakistan", "Palau", "Palestine", "Palestine, State of", "Panama", "Papua New Guinea",
    "Paraguay", "Peru", "Philippines", "Qatar", "Russia", "Russian Federation", "Rwanda",
    "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa",
    "San Marino", "Sao Tome and Principe", "Saudi Arabia", "Senegal", "Serbia",
    "Seychelles", "Sierra Leone", "Singapore", "Solomon Islands", "Somalia",
    "South Africa", "South Sudan", "Sri Lanka", "Sudan", "Suriname", "Syria",
    "Syrian Arab Republic", "Taiwan", "Taiwan (Province of China)", "Tajikistan",
    "Tanzania", "Tanzania, United Republic of", "Thailand", "Timor-Leste", "Togo", "Tonga",
    "Trinidad and Tobago", "Tunisia", "Turkey", "Turkiye", "Turkmenistan", "Tuvalu",
    "Uganda", "Ukraine", "United Arab Emirates", "Uruguay", "Uzbekistan", "Vanuatu",
    "Vatican City", "Holy See", "Venezuela", "Venezuela (Bolivarian Republic of)",
    "Vietnam", "Viet Nam", "Yemen", "Zambia", "Zimbabwe",
)  # fmt: skip
"""Countries and areas that lie in none of the library's markets, as exports write them."""


def _spelling(country: str) -> str:
    """A country's name as the table compares it: folded, without "the"."""
    return " ".join(word for word in folded_words(country) if word != "the")


_MARKET_OF: dict[str, Market | None] = {
    **{_spelling(country): None for country in OTHER_COUNTRIES},
    **{
        _spelling(country): market
        for market, countries in MARKET_COUNTRIES.items()
        for country in countries
    },
}


def markets_of(country: str | None) -> frozenset[Market] | None:
    """The markets ``country`` lies in: one, none, or ``None`` when it cannot say.

    Example:
        >>> from pharma_outsourcing import Market
        >>> markets_of("Germany") == {Market.EU}, markets_of("Korea (the Republic of)")
        (True, frozenset({<Market.SOUTH_KOREA: 'south-korea'>}))
        >>> markets_of("Singapore"), markets_of("Atlantis"), markets_of(None)
        (frozenset(), None, None)
    """
    if country is None:
        return None
    spelling = _spelling(country)
    if spelling not in _MARKET_OF:
        return None
    market = _MARKET_OF[spelling]
    return frozenset() if market is None else frozenset((market,))
