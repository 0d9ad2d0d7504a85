import Foundation

/// Currency signs, prefixes, scale words and qualifiers, written by hand. Currency names
/// and codes come from CLDR through `CurrencyNames`.
enum MoneyLexicon {
    /// Currency signs (one code point each).
    static let symbols: [Unicode.Scalar: CurrencyUnit] = [
        "$": .generic(.dollar), "€": .explicit("EUR"), "£": .explicit("GBP"), "¥": .generic(.yen),
        "￥": .generic(.yen), "₹": .explicit("INR"), "₽": .explicit("RUB"), "₩": .explicit("KRW"),
        "₺": .explicit("TRY"), "₴": .explicit("UAH"), "₪": .explicit("ILS"), "₦": .explicit("NGN"),
        "₱": .explicit("PHP"), "₫": .explicit("VND"), "฿": .explicit("THB"), "₡": .explicit("CRC"),
        "₾": .explicit("GEL"), "₭": .explicit("LAK"), "₮": .explicit("MNT"), "₸": .explicit("KZT"),
        "₼": .explicit("AZN"), "₲": .explicit("PYG"), "₵": .explicit("GHS"), "₿": .explicit("BTC"),
        "৳": .explicit("BDT"), "₨": .generic(.rupee), "¢": .generic(.dollar, factor: Decimal(string: "0.01")!),
        "₣": .generic(.franc),
    ]

    /// Letters written before `$` (`US$`, `HK$`, `c $`, `usd$`), lower case without dots.
    static let dollarPrefixes: [String: String] = [
        "us": "USD", "usd": "USD", "a": "AUD", "au": "AUD", "aud": "AUD", "c": "CAD", "ca": "CAD", "cad": "CAD",
        "can": "CAD", "hk": "HKD", "hkd": "HKD", "nz": "NZD", "nzd": "NZD", "s": "SGD", "sg": "SGD", "sgd": "SGD",
        "nt": "TWD", "ntd": "TWD", "twd": "TWD", "mex": "MXN", "mx": "MXN", "mxn": "MXN", "r": "BRL", "brl": "BRL",
        "rd": "DOP", "z": "ZWL", "j": "JMD", "tt": "TTD", "ec": "XCD", "bds": "BBD", "bz": "BZD", "fj": "FJD",
        "ws": "WST", "b": "BND", "e": "EGP",
    ]

    /// Letters joined to or just before a number that name its currency, as news abbreviates
    /// (`SKr205`, `Rs 500`, `Dh5bn`, `LE10m`). `joinedOnly` forms are too common as words to
    /// accept with a space (`DM` = direct message); `needsScale` ones are single letters read
    /// only before a scale (`N500bn`, not `N95`).
    struct PrefixWord: Sendable {
        var unit: CurrencyUnit
        var joinedOnly = false
        var needsScale = false
    }

    static let prefixWords: [String: PrefixWord] = [
        "rs": PrefixWord(unit: .generic(.rupee)), "skr": PrefixWord(unit: .explicit("SEK")),
        "nkr": PrefixWord(unit: .explicit("NOK")), "dkr": PrefixWord(unit: .explicit("DKK")),
        "ffr": PrefixWord(unit: .explicit("FRF")), "sfr": PrefixWord(unit: .explicit("CHF")),
        "dm": PrefixWord(unit: .explicit("DEM"), joinedOnly: true), "rm": PrefixWord(unit: .explicit("MYR"), joinedOnly: true),
        "rp": PrefixWord(unit: .explicit("IDR")), "ksh": PrefixWord(unit: .explicit("KES")),
        "kr": PrefixWord(unit: .generic(.krone), joinedOnly: true), "dollar": PrefixWord(unit: .generic(.dollar), needsScale: true),
        "zł": PrefixWord(unit: .explicit("PLN"), joinedOnly: true),
        "dh": PrefixWord(unit: .generic(CurrencyFamily("dirham")), joinedOnly: true),
        "dhs": PrefixWord(unit: .generic(CurrencyFamily("dirham")), joinedOnly: true),
        "sr": PrefixWord(unit: .explicit("SAR"), joinedOnly: true), "qr": PrefixWord(unit: .explicit("QAR"), joinedOnly: true),
        "le": PrefixWord(unit: .explicit("EGP"), joinedOnly: true), "ghc": PrefixWord(unit: .explicit("GHS"), joinedOnly: true),
        "tk": PrefixWord(unit: .explicit("BDT"), joinedOnly: true), "sh": PrefixWord(unit: .generic(CurrencyFamily("shilling")), joinedOnly: true),
        "n": PrefixWord(unit: .explicit("NGN"), joinedOnly: true, needsScale: true),
    ]

    /// Words that multiply the number before them.
    static let scales: [String: Decimal] = [
        "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
        "trillion": 1_000_000_000_000, "mn": 1_000_000, "mln": 1_000_000, "mio": 1_000_000, "bn": 1_000_000_000,
        "bln": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000, "crore": 10_000_000,
        "crores": 10_000_000, "millions": 1_000_000, "billions": 1_000_000_000,
        "quadrillion": 1_000_000_000_000_000,
        // Quoted foreign scale words: without them `R$ 5 bilhões` would read as five reais.
        "milhão": 1_000_000, "milhões": 1_000_000, "bilhão": 1_000_000_000, "bilhões": 1_000_000_000,
        "millón": 1_000_000, "millones": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
        "milliarde": 1_000_000_000, "milliarden": 1_000_000_000, "mrd": 1_000_000_000, "millionen": 1_000_000, "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000,
    ]
    /// Short scale letters read only after a currency sign (`$5m`, `€50k`): alone they are units (`100m sprint`).
    static let shortScales: [String: Decimal] = ["m": 1_000_000, "mm": 1_000_000, "k": 1_000, "b": 1_000_000_000,
                                                 "bil": 1_000_000_000, "tr": 1_000_000_000_000]

    /// Words before a sum that qualify it, longest first within each first word; nil keeps the
    /// word in the span without a qualifier (`just`, `an additional`).
    static let qualifiers: [String: [(words: [String], qualifier: String?)]] = {
        let list: [([String], String?)] = [
            (["more", "than"], "more_than"), (["over"], "more_than"), (["above"], "more_than"),
            (["exceeding"], "more_than"), (["in", "excess", "of"], "more_than"), (["upwards", "of"], "more_than"),
            (["well", "over"], "more_than"), (["well", "above"], "more_than"), (["just", "over"], "more_than"),
            (["less", "than"], "less_than"), (["under"], "less_than"), (["below"], "less_than"),
            (["just", "under"], "less_than"), (["no", "more", "than"], "up_to"),
            (["about"], "about"), (["around"], "about"), (["approximately"], "about"), (["approx"], "about"),
            (["roughly"], "about"), (["some"], "about"), (["an", "estimated"], "about"), (["estimated"], "about"),
            (["the", "estimated"], "about"), (["circa"], "about"), (["only", "about"], "about"),
            (["nearly"], "nearly"), (["almost"], "nearly"), (["close", "to"], "nearly"), (["nearer"], "nearly"),
            (["up", "to"], "up_to"), (["as", "much", "as"], "up_to"), (["as", "high", "as"], "up_to"),
            (["as", "many", "as"], "up_to"), (["at", "most"], "up_to"),
            (["at", "least"], "at_least"), (["no", "less", "than"], "at_least"), (["as", "little", "as"], "at_least"),
            (["as", "litle", "as"], "at_least"), (["as", "low", "as"], "at_least"),
            (["just"], nil), (["only"], nil), (["a", "mere"], nil), (["an", "additional"], nil), (["additional"], nil),
            (["the", "additional"], nil), (["another"], nil), (["an", "extra"], nil), (["a", "record"], nil),
            (["as", "much", "as", "an", "additional"], "up_to"), (["only", "about"], "about"),
            (["minus"], "minus"),
        ]
        var m: [String: [(words: [String], qualifier: String?)]] = [:]
        for (words, q) in list { m[words[0], default: []].append((words, q)) }
        for k in m.keys { m[k]!.sort { $0.words.count > $1.words.count } }
        return m
    }()

    /// Qualifiers that OntoNotes leaves outside MONEY spans more often than not (counted on
    /// train_nw: `up to $100 million` is annotated `$100 million`; `about $5 million` whole).
    static let outerQualifiers: Set<String> = ["under", "estimated", "close to", "up to", "as high as", "another",
                                               "exceeding", "below", "in excess of", "additional", "the estimated",
                                               "the additional"]

    /// The member a bare family name falls back to when nothing in the article decides:
    /// the one English-language news quotes most. Families not listed have no default.
    static let familyDefaults: [CurrencyFamily: String] = [
        .yen: "JPY", .pound: "GBP", CurrencyFamily("franc"): "CHF", CurrencyFamily("mark"): "DEM",
        CurrencyFamily("peso"): "MXN", CurrencyFamily("rupee"): "INR", CurrencyFamily("krone"): "NOK",
        CurrencyFamily("krona"): "SEK", CurrencyFamily("lira"): "TRY", CurrencyFamily("riyal"): "SAR",
        CurrencyFamily("rial"): "IRR", CurrencyFamily("dirham"): "AED", CurrencyFamily("shilling"): "KES",
        CurrencyFamily("peseta"): "ESP", CurrencyFamily("guilder"): "NLG", CurrencyFamily("won"): "KRW",
        CurrencyFamily("escudo"): "PTE", CurrencyFamily("ruble"): "RUB", CurrencyFamily("leu"): "RON",
        CurrencyFamily("lev"): "BGN", CurrencyFamily("koruna"): "CZK", CurrencyFamily("colon"): "CRC",
        CurrencyFamily("kwacha"): "ZMW", CurrencyFamily("kyat"): "MMK", CurrencyFamily("manat"): "AZN",
        CurrencyFamily("som"): "KGS",
    ]

    static func familyDefault(_ family: CurrencyFamily, dollar: String) -> String? {
        family == .dollar ? dollar : familyDefaults[family]
    }
}
