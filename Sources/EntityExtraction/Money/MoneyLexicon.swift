import Foundation

/// Currencies that share a bare sign or name: `$` and `dollars` may be US, Canadian or
/// Hong Kong dollars. A bare member is resolved per article (see `MoneyRecognizer`).
enum CurrencyFamily: UInt8, Sendable, CaseIterable {
    case dollar, yen, pound, franc, mark, peso, rupee, krone, krona, lira, dinar, rial, riyal, dirham, shilling
}

/// What a currency word, code or sign denotes. `code` is nil for a bare family member
/// (`$`, `dollars`, `cents`), decided later from the article or the configured default.
struct CurrencyUnit: Sendable, Equatable {
    var code: String?
    var family: CurrencyFamily?
    /// 1 for major units; 0.01 for cents and pence; 1e-8 for satoshis.
    var factor: Decimal = 1
    /// Also a non-money word after a number (`25 pounds` of weight, `1957 Rand`):
    /// money only with a scale word or a two-digit decimal part.
    var cautious = false
    /// An ISO-style code (`USD`, `rmb`) rather than a name: it may take a scale after it (`75 USD million`).
    var isCode = false

    var isMinor: Bool { factor != 1 }

    static func explicit(_ code: String, factor: Decimal = 1) -> CurrencyUnit {
        CurrencyUnit(code: code, family: MoneyLexicon.familyOfCode[code], factor: factor)
    }

    static func generic(_ family: CurrencyFamily, factor: Decimal = 1, cautious: Bool = false) -> CurrencyUnit {
        CurrencyUnit(code: nil, family: family, factor: factor, cautious: cautious)
    }

    /// Two units can name the same sum (`$ 10 dollars`, a range `30 cents to $25`).
    func isCompatible(with other: CurrencyUnit) -> Bool {
        if let a = code, let b = other.code { return a == b }
        if let f = family { return f == other.family }
        return false
    }
}

/// English currency words, signs, codes, scale words and qualifiers, as data.
/// ISO 4217 names come from `ISO4217Table`; the rest is written by hand.
enum MoneyLexicon {
    /// Codes that are also English words (`ALL 5 solutions`): never read as currencies.
    static let codeStoplist: Set<String> = ["ALL", "CUP", "TOP", "MOP", "PEN", "BOB", "MAD", "SOS", "GEL", "TRY",
                                             "AMD", "CUC", "STN", "MDL", "BAM", "LSL", "SVC", "XXX", "XTS", "XAU",
                                             "XAG", "XPD", "XPT", "XDR", "XSU", "XUA", "BOV", "CHE", "CHW", "CLF",
                                             "COU", "MXV", "USN", "UYI", "UYW", "VED"]
    /// Codes also accepted in lower case (`20 usd`, `rmb 10`): frequent and never English words.
    static let lowercaseCodes: Set<String> = ["usd", "eur", "gbp", "jpy", "cny", "rmb", "chf", "cad", "aud", "hkd",
                                              "inr", "nzd", "sgd", "sek", "nok", "dkk", "rub", "krw", "brl", "mxn",
                                              "zar", "btc", "twd", "uah", "pln", "huf", "czk", "ils", "myr", "idr"]
    /// Codes outside ISO 4217 that news and markets use.
    static let extraCodes: [String: String] = ["RMB": "CNY", "BTC": "BTC", "XBT": "BTC", "NIS": "ILS", "CNH": "CNY"]

    /// Every currency code read in the text (upper case) → the ISO code it means.
    static let codes: [String: String] = {
        var m: [String: String] = [:]
        for c in ISO4217Table.currencies where !codeStoplist.contains(c.code) { m[c.code] = c.code }
        for (k, v) in extraCodes { m[k] = v }
        for (k, v) in historicCodes { m[k] = v }
        return m
    }()

    /// Withdrawn currencies that archive news still quotes (not in iso-codes).
    static let historicCodes: [String: String] = ["DEM": "DEM", "FRF": "FRF", "ITL": "ITL", "ESP": "ESP", "NLG": "NLG",
                                                  "FIM": "FIM", "BEF": "BEF", "ATS": "ATS", "PTE": "PTE", "GRD": "GRD",
                                                  "IEP": "IEP", "XEU": "XEU", "HRK": "HRK"]

    /// The family of each explicit code, from the last word of its ISO name.
    static let familyOfCode: [String: CurrencyFamily] = {
        let byWord: [String: CurrencyFamily] = ["dollar": .dollar, "pound": .pound, "franc": .franc, "peso": .peso,
                                                "rupee": .rupee, "krone": .krone, "krona": .krona, "lira": .lira,
                                                "dinar": .dinar, "rial": .rial, "riyal": .riyal, "dirham": .dirham,
                                                "shilling": .shilling, "mark": .mark]
        var m: [String: CurrencyFamily] = [:]
        for c in ISO4217Table.currencies {
            let last = c.name.split(separator: " ").last.map { $0.lowercased() } ?? ""
            if let f = byWord[last] { m[c.code] = f }
        }
        m["OMR"] = .rial; m["UYU"] = .peso; m["GBP"] = .pound
        m["JPY"] = .yen; m["CNY"] = .yen
        m["DEM"] = .mark; m["FIM"] = .mark; m["FRF"] = .franc; m["BEF"] = .franc; m["ITL"] = .lira
        return m
    }()

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

    /// Letters joined to or just before a number that name its currency (`SKr205`, `Rs 500`).
    /// `joinedOnly` forms are too common as words to accept with a space (`DM` = direct message).
    static let prefixWords: [String: (unit: CurrencyUnit, joinedOnly: Bool)] = [
        "rs": (.generic(.rupee), false), "skr": (.explicit("SEK"), false), "nkr": (.explicit("NOK"), false),
        "dkr": (.explicit("DKK"), false), "ffr": (.explicit("FRF"), false), "sfr": (.explicit("CHF"), false),
        "dm": (.explicit("DEM"), true), "rm": (.explicit("MYR"), true), "rp": (.explicit("IDR"), true),
        "ksh": (.explicit("KES"), false), "kr": (.generic(.krone), true), "dollar": (.generic(.dollar), false),
        "zł": (.explicit("PLN"), true),
    ]

    /// Currency names read after a number, as lower-case words joined by single spaces.
    static let names: [String: CurrencyUnit] = {
        var m: [String: CurrencyUnit] = [:]
        let irregular: [String: String] = ["krone": "kroner", "krona": "kronor", "real": "reais", "lira": "lire",
                                           "koruna": "koruny", "yen": "yen", "yuan": "yuan", "won": "won",
                                           "rand": "rand", "naira": "naira", "baht": "baht", "rupiah": "rupiah",
                                           "dong": "dong", "kip": "kip", "riel": "riel", "taka": "taka",
                                           "tenge": "tenge", "lek": "lekë", "som": "som", "manat": "manat",
                                           "ringgit": "ringgit", "sterling": "sterling"]
        for c in ISO4217Table.currencies where !c.name.contains("(") {
            let words = c.name.lowercased().split(separator: " ")
            guard words.count >= 2, words.count <= 4, let last = words.last else { continue }
            let singular = words.joined(separator: " ")
            let plural = words.dropLast().joined(separator: " ") + " " + (irregular[String(last)] ?? last + "s")
            let unit = CurrencyUnit.explicit(c.code)
            m[singular] = unit
            m[plural] = unit
        }
        func add(_ forms: [String], _ unit: CurrencyUnit) { for f in forms { m[f] = unit } }
        // Bare family names: resolved from the article.
        add(["dollar", "dollars", "buck", "bucks"], .generic(.dollar))
        add(["cent", "cents"], .generic(.dollar, factor: Decimal(string: "0.01")!))
        add(["pound", "pounds"], .generic(.pound, cautious: true))
        add(["franc", "francs"], .generic(.franc))
        add(["mark", "marks"], .generic(.mark))
        add(["peso", "pesos"], .generic(.peso))
        add(["rupee", "rupees"], .generic(.rupee))
        add(["krone", "kroner", "kr"], .generic(.krone))
        add(["krona", "kronor"], .generic(.krona))
        add(["lira", "liras"], .generic(.lira))
        add(["dinar", "dinars"], .generic(.dinar))
        add(["rial", "rials"], .generic(.rial))
        add(["riyal", "riyals"], .generic(.riyal))
        add(["dirham", "dirhams"], .generic(.dirham))
        add(["shilling", "shillings"], .generic(.shilling))
        // Single-currency names.
        let one: [(String, [String])] = [
            ("EUR", ["euro", "euros", "eur", "€"]), ("CNY", ["yuan", "renminbi", "rmb", "yuan renminbi", "yuan rmb",
             "yuan in rmb", "chinese yuan", "元", "kuai"]),
            ("JPY", ["yen", "japanese yen", "円"]), ("KRW", ["south korean won", "korean won"]),
            ("RUB", ["rouble", "roubles", "ruble", "rubles", "russian roubles", "russian rubles"]),
            ("GBP", ["sterling", "pounds sterling", "pound sterling", "british pounds", "british pound", "quid",
                     "uk pounds", "stg"]),
            ("GBP_minor", ["penny", "pence", "p", "pennies"]),
            ("USD", ["us dollars", "us dollar", "american dollars", "usd"]),
            ("TWD", ["taiwan dollars", "taiwan dollar", "nt dollars", "new taiwan dollars"]),
            ("HKD", ["hk dollars", "hong kong dollars"]), ("SGD", ["singapore dollars", "singapore dollar"]),
            ("CHF", ["swiss francs", "swiss franc"]), ("FRF", ["french francs", "french franc"]),
            ("BEF", ["belgian francs", "belgian franc"]), ("LUF", ["luxembourg francs"]),
            ("DEM", ["german marks", "german mark", "deutsche marks", "deutsche mark", "deutschmarks"]),
            ("FIM", ["finnish markka", "finnish markkaa", "markka", "markkaa", "finnish marks", "finland marks",
                     "finland mark"]),
            ("ITL", ["lire", "italian lire", "italian lira"]), ("ESP", ["peseta", "pesetas", "pesatas", "spanish pesetas"]),
            ("NLG", ["guilder", "guilders", "dutch guilders", "dutch guilder"]),
            ("GRD", ["drachma", "drachmas", "drachmae", "greek drachmas"]),
            ("PTE", ["escudo", "escudos", "portuguese escudos"]), ("ATS", ["schilling", "schillings", "austrian schillings"]),
            ("IEP", ["punt", "punts", "irish punts", "irish pounds"]), ("XEU", ["ecu", "ecus"]),
            ("NOK", ["norwegian kroner", "norwegian krone", "norwegian crowns"]),
            ("DKK", ["danish kroner", "danish krone", "danish crowns"]),
            ("SEK", ["swedish kronor", "swedish krona", "swedish crowns"]),
            ("CZK", ["koruna", "koruny", "czech crowns"]), ("ZAR", ["rand", "south african rand"]),
            ("BRL", ["reais", "brazilian reais"]), ("PLN", ["zloty", "zlotys", "zlotych", "polish zlotys"]),
            ("HUF", ["forint", "forints"]), ("UAH", ["hryvnia", "hryvnias", "hryvnyas"]), ("NGN", ["naira"]),
            ("GHS", ["cedi", "cedis"]), ("THB", ["baht"]), ("MYR", ["ringgit"]), ("IDR", ["rupiah"]),
            ("ILS", ["shekel", "shekels", "new shekels", "sheqel", "sheqels"]), ("BGN", ["lev", "leva"]),
            ("RON", ["lei", "leu"]), ("KZT", ["tenge"]), ("AZN", ["manat"]), ("BDT", ["taka"]),
            ("VND", ["dong"]), ("GEL", ["lari"]), ("LKR", ["sri lankan rupees", "ரூ"]),
            ("PKR", ["pakistani rupees"]), ("INR", ["indian rupees", "indian rupee"]),
            ("MXN", ["mexican pesos"]), ("AUD", ["australian dollars"]), ("CAD", ["canadian dollars"]),
            ("TRY", ["turkish lira", "turkish liras"]), ("EGP", ["egyptian pounds"]), ("KRW_won", ["won"]),
            ("BTC", ["bitcoin", "bitcoins", "btc"]), ("BTC_satoshi", ["satoshi", "satoshis"]),
        ]
        for (key, forms) in one {
            switch key {
            case "GBP_minor": add(forms, .explicit("GBP", factor: Decimal(string: "0.01")!))
            case "KRW_won": add(forms, CurrencyUnit(code: "KRW", family: nil, cautious: true))
            case "BTC_satoshi": add(forms, .explicit("BTC", factor: Decimal(string: "0.00000001")!))
            default: add(forms, .explicit(key))
            }
        }
        for w in ["rand", "dong", "lei", "lev", "kip", "real"] { m[w]?.cautious = true }
        m["canadian cents"] = .explicit("CAD", factor: Decimal(string: "0.01")!)
        m["euro cents"] = .explicit("EUR", factor: Decimal(string: "0.01")!)
        return m
    }()

    /// The longest currency name, in words, so phrase lookups stop early.
    static let longestName: Int = names.keys.map { $0.split(separator: " ").count }.max() ?? 1

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

    /// The family a bare sign falls back to when the article names no member of it.
    static func familyDefault(_ family: CurrencyFamily, dollar: String) -> String? {
        switch family {
        case .dollar: return dollar
        case .yen: return "JPY"
        case .pound: return "GBP"
        case .franc: return "CHF"
        case .mark: return "DEM"
        case .peso: return "MXN"
        case .rupee: return "INR"
        case .krone: return "NOK"
        case .krona: return "SEK"
        case .lira: return "TRY"
        case .riyal: return "SAR"
        case .rial: return "IRR"
        case .dirham: return "AED"
        case .shilling: return "KES"
        case .dinar: return nil
        }
    }
}
