import Foundation

/// Currency codes and names as the money grammar reads them, built from the CLDR facts
/// (`CurrencyFacts`) plus the news forms CLDR lacks (`dlrs`, `cts`, `stg`).
extension MoneyLexicon {
    /// Codes that are also English words (`ALL 5 solutions`): never read as currencies.
    static let codeStoplist: Set<String> = ["ALL", "CUP", "TOP", "MOP", "PEN", "BOB", "MAD", "SOS", "GEL", "TRY",
                                             "AMD", "CUC", "STN", "MDL", "BAM", "LSL", "SVC", "XXX", "XTS", "XAU",
                                             "XAG", "XPD", "XPT", "XDR", "XSU", "XUA", "BOV", "CHE", "CHW", "CLF",
                                             "COU", "MXV", "USN", "UYI", "UYW", "VED", "SIT", "YUM", "BOP", "ARA",
                                             "BEL", "BEC", "LUC", "LUL", "ECV", "USS", "XRE", "XFU", "XFO", "XBA",
                                             "XBB", "XBC", "XBD", "BUK", "MVP", "ROL", "ZAL", "ESA", "ESB"]
    /// Funds, metals and test codes: not money a story quotes, so their names are not read either.
    static func isMoney(_ code: String) -> Bool {
        !(code.hasPrefix("X") && !["XAF", "XOF", "XPF", "XCD", "XEU"].contains(code))
            && !["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "USS", "UYI", "UYW"].contains(code)
    }
    /// Codes also accepted in lower case (`20 usd`, `rmb 10`): frequent and never English words.
    static let lowercaseCodes: Set<String> = ["usd", "eur", "gbp", "jpy", "cny", "rmb", "chf", "cad", "aud", "hkd",
                                              "inr", "nzd", "sgd", "sek", "nok", "dkk", "rub", "krw", "brl", "mxn",
                                              "zar", "btc", "twd", "uah", "pln", "huf", "czk", "ils", "myr", "idr"]
    /// Codes outside ISO 4217 that news and markets use.
    static let extraCodes: [String: String] = ["RMB": "CNY", "BTC": "BTC", "XBT": "BTC", "NIS": "ILS", "CNH": "CNY"]

    /// Every currency code read in the text (upper case) → the ISO code it means: CLDR's
    /// current and historic codes (`DEM`, `FRF`), less the stoplist.
    static let codes: [String: String] = {
        var m: [String: String] = [:]
        for code in CurrencyFacts.bundled.currencies.keys where !codeStoplist.contains(code) { m[code] = code }
        for (k, v) in extraCodes { m[k] = v }
        return m
    }()

    /// Currencies that are money (not funds or metals), grouped by the unit word of their name.
    static let membersOfFamily: [String: [String]] = {
        var m: [String: [String]] = [:]
        for c in CurrencyFacts.bundled.currencies.values.sorted(by: { $0.code < $1.code }) where isMoney(c.code) {
            if let w = CurrencyFacts.unitWord(of: c.singular) { m[w, default: []].append(c.code) }
        }
        // English news calls kroner, kronor and koruny all `crowns`.
        m["crown"] = ["krone", "krona", "koruna"].flatMap { m[$0] ?? [] }.sorted()
        return m
    }()

    /// Families English gives a name of its own to that is no CLDR unit word; their members keep
    /// their CLDR family.
    static let synonymFamilies: Set<String> = ["crown"]

    /// Whether a code belongs to a family (`SEK` to `krona` and to `crown`; `CNY` to `¥`'s `yen`).
    static func isMember(_ code: String, of family: CurrencyFamily) -> Bool {
        familyOfCode[code] == family || membersOfFamily[family.word]?.contains(code) == true
    }

    /// The family of each code whose unit word more than one currency shares.
    static let familyOfCode: [String: CurrencyFamily] = {
        var m: [String: CurrencyFamily] = [:]
        for (word, members) in membersOfFamily where members.count > 1 && !synonymFamilies.contains(word) {
            for code in members { m[code] = CurrencyFamily(word) }
        }
        // `¥` stands for yen and yuan alike.
        m["JPY"] = .yen
        m["CNY"] = .yen
        return m
    }()

    /// Last words of CLDR names that are no unit of money (`European Currency Unit`, `Special
    /// Drawing Rights`): `5.8 million units` are cars.
    static let notUnits: Set<String> = ["account", "code", "currency", "funds", "gold", "mvdol", "palladium", "platinum",
                                        "rights", "silver", "unit", "value", "cupon", "uic-franc"]

    /// Forms of a unit word that news writes and CLDR does not give.
    static let newsForms: [String: [String]] = [
        "dollar": ["dlr", "dlrs", "buck", "bucks"], "ruble": ["rouble", "roubles"], "real": ["reais"],
        "lira": ["lire", "liras"], "zloty": ["zlotys", "zlotych"], "hryvnia": ["hryvnias", "hryvnyas"],
        "drachma": ["drachmae", "drachmas"], "markka": ["markkaa"], "krone": ["kr"], "crown": ["crowns"], "shekel": ["shekels", "sheqel", "sheqels"],
        "guilder": ["guilders"], "escudo": ["escudos"], "peseta": ["pesetas"], "ringgit": ["ringgits"],
    ]
    static let cent = Decimal(string: "0.01")!
    /// Minor units of a family: `cents` are hundredths of whichever dollar the article uses.
    static let minorForms: [String: (family: CurrencyFamily, forms: [String])] = [
        "cent": (.dollar, ["cent", "cents", "ct", "cts"]), "paisa": (.rupee, ["paisa", "paise"]),
        "centime": (.franc, ["centime", "centimes"]),
    ]

    /// The words of a unit: singular, CLDR plurals of its members, and news forms.
    static func forms(of word: String) -> [String] {
        var forms = [word]
        for code in synonymFamilies.contains(word) ? [] : membersOfFamily[word] ?? [] {
            if let c = CurrencyFacts.bundled.currencies[code], let p = CurrencyFacts.unitWord(of: c.plural), !forms.contains(p) {
                forms.append(p)
            }
        }
        forms += newsForms[word] ?? []
        return forms
    }

    /// A name as the grammar compares it: lower case, no dots, single spaces.
    /// Hyphens stand apart, as the tokenizer splits them (`bosnia - herzegovina convertible marks`).
    static func key(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        func word(_ c: Unicode.Scalar) {
            if space, !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        for c in name.lowercased().unicodeScalars {
            switch c {
            case ".": continue
            case " ": space = true
            case "-": space = true; word("-"); space = true
            default: word(c)
            }
        }
        return String(out)
    }

    /// Currency names read after a number, as lower-case words joined by single spaces.
    static let names: [String: CurrencyUnit] = {
        let facts = CurrencyFacts.bundled
        var m: [String: CurrencyUnit] = [:]
        /// Adds a name as keyed and, when it has diacritics, folded (`krona` for `króna`).
        func setKeys(_ k: String, _ folded: String, _ unit: CurrencyUnit, override: Bool) {
            if override || m[k] == nil { m[k] = unit }
            if folded != k, override || m[folded] == nil { m[folded] = unit }
        }
        func set(_ name: String, _ unit: CurrencyUnit, override: Bool = false) {
            let k = key(name)
            setKeys(k, k.utf8.allSatisfy { $0 < 0x80 } ? k : CurrencyFacts.fold(k), unit, override: override)
        }
        let formsByFamily = Dictionary(uniqueKeysWithValues: membersOfFamily.keys.map { ($0, forms(of: $0).map(key)) })
        var familiesOfCode: [String: [String]] = [:]
        for (word, members) in membersOfFamily.sorted(by: { $0.key < $1.key }) {
            for code in members { familiesOfCode[code, default: []].append(word) }
        }
        let centForms = minorForms["cent"]!.forms
        // Full CLDR names, current currencies before historic ones (`Russian ruble` is RUB).
        let all = facts.currencies.values.filter { isMoney($0.code) && !$0.singular.contains("(") }
        for c in all.sorted(by: { ($0.historic ? 1 : 0, $0.code) < ($1.historic ? 1 : 0, $1.code) }) {
            var unit = CurrencyUnit.explicit(c.code)
            // ISO 4217 forms a code from its territory's: on the article's date that territory's
            // member of the family is meant (`Turkish lira` in 2004 is TRL).
            let territory = String(c.code.prefix(2))
            if facts.everUsed(by: territory).contains(c.code) { unit.territory = territory }
            set(c.singular, unit)
            set(c.plural, unit)
        }
        // A territory's name or adjective before a unit it used: `N.Z. dlrs`, `Hong Kong cents`,
        // `West German marks`.
        for (place, territory) in facts.places.sorted(by: { $0.key < $1.key }) {
            let placeKey = key(place)
            let foldedPlace = placeKey.utf8.allSatisfy { $0 < 0x80 } ? placeKey : CurrencyFacts.fold(placeKey)
            var seen = Set<String>()
            // Newest first: a family takes the newest currency of it the territory used.
            for code in facts.everUsed(by: territory) {
                for word in familiesOfCode[code] ?? [] where seen.insert(word).inserted {
                    var unit = CurrencyUnit.explicit(code)
                    unit.territory = territory
                    for form in formsByFamily[word] ?? [] {
                        setKeys(placeKey + " " + form, foldedPlace + " " + form, unit, override: false)
                    }
                    if word == "dollar" || word == "euro" {
                        var minor = unit
                        minor.factor = cent
                        for form in centForms { setKeys(placeKey + " " + form, foldedPlace + " " + form, minor, override: false) }
                    }
                }
            }
        }
        // Bare unit words: a family when several currencies share the word, else that currency.
        // Sorted, so a form two families share (`crowns`) goes to the same one every run.
        for (word, members) in membersOfFamily.sorted(by: { $0.key < $1.key }) where !notUnits.contains(word) {
            let cautious = facts.homographs.contains(word)
            var unit = members.count > 1 ? CurrencyUnit.generic(CurrencyFamily(word)) : .explicit(members[0])
            unit.cautious = cautious
            for form in forms(of: word) { set(form, unit) }
        }
        for (_, minor) in minorForms {
            for form in minor.forms { set(form, .generic(minor.family, factor: cent)) }
        }
        // Names CLDR does not give.
        let aliases: [(String, [String])] = [
            ("GBP", ["sterling", "pounds sterling", "pound sterling", "quid", "stg"]),
            ("CNY", ["yuan", "renminbi", "rmb", "yuan renminbi", "yuan rmb", "yuan in rmb", "元", "kuai"]),
            ("JPY", ["yen", "円"]), ("BTC", ["bitcoin", "bitcoins", "btc"]), ("XEU", ["ecu", "ecus"]),
            ("IEP", ["punt", "punts", "irish punts"]), ("LKR", ["ரூ"]), ("USD", ["usd"]),
        ]
        for (code, forms) in aliases { for f in forms { set(f, .explicit(code), override: true) } }
        for f in ["penny", "pence", "p", "pennies"] { set(f, .explicit("GBP", factor: cent), override: true) }
        for f in ["satoshi", "satoshis"] { set(f, .explicit("BTC", factor: Decimal(string: "0.00000001")!), override: true) }
        set("euro cents", .explicit("EUR", factor: cent), override: true)
        // Dollars also come bare and as `buck`; pounds are also weights.
        set("pound", .generic(.pound, cautious: true), override: true)
        set("pounds", .generic(.pound, cautious: true), override: true)
        return m
    }()

    /// The longest currency name, in words, so phrase lookups stop early.
    static let longestName: Int = nameLengthByFirstWord.values.max() ?? 1

    /// The first word of every name → the most words (hyphens and `&` counted) a name starting with it has.
    static let nameLengthByFirstWord: [String: Int] = {
        var m: [String: Int] = [:]
        for name in names.keys {
            let (first, count) = CurrencyFacts.firstWord(name)
            m[first] = max(m[first] ?? 0, count)
        }
        return m
    }()
}
