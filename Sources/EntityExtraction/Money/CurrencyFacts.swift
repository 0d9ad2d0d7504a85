import Foundation

/// The currency facts of `Resources/currencies.tsv`, generated from Unicode CLDR, ISO 3166
/// and GeoNames by `Money/Tools/make_currencies.py`: every ISO 4217 currency with its
/// English names and symbol, which currencies each territory used when, and the names and
/// adjectives that point at a territory. Loaded once; nothing here is written by hand.
struct CurrencyFacts: Sendable {
    struct Currency: Sendable {
        var code: String
        /// `New Zealand Dollar`, `New Zealand dollars`.
        var singular: String
        var plural: String
        /// The English symbol (`NZ$`, `CA$`, `$`), empty when CLDR gives only the code.
        var symbol: String
        /// No territory uses it any more (`DEM`, `FRF`).
        var historic: Bool
    }

    struct Tender: Sendable {
        var code: String
        var from: CivilDate?
        var to: CivilDate?

        func inForce(on date: CivilDate) -> Bool {
            (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
        }
    }

    var currencies: [String: Currency] = [:]
    /// Territory (ISO 3166 alpha-2) → the currencies it has used, oldest first.
    var tenders: [String: [Tender]] = [:]
    /// A place name or adjective as written (`New Zealand`, `Kiwi`, `Wellington`) → territory.
    var places: [String: String] = [:]
    /// A capital or large city (`Wellington`, `Zurich`) → its territory.
    var cities: [String: String] = [:]
    /// Unit words that are also common English words (`pound`, `won`, `rand`).
    var homographs: Set<String> = []

    static let bundled: CurrencyFacts = {
        guard let url = Bundle.module.url(forResource: "currencies", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "currencies", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("Resources/currencies.tsv is missing from the EntityExtraction bundle")
        }
        return CurrencyFacts(tsv: text)
    }()

    init(tsv: String) {
        // Split on bytes: splitting a String by Character breaks graphemes, ten times the cost.
        var bytes = Array(tsv.utf8)
        bytes.append(10)
        var lineStart = 0
        var fields: [[String]] = []
        for (i, b) in bytes.enumerated() where b == 10 {
            if i > lineStart {
                fields.append(bytes[lineStart..<i].split(separator: 9, omittingEmptySubsequences: false)
                    .map { String(decoding: $0, as: UTF8.self) })
            }
            lineStart = i + 1
        }
        for f in fields {
            switch f[0] {
            case "currency" where f.count >= 6:
                currencies[f[1]] = Currency(code: f[1], singular: f[2], plural: f[3], symbol: f[4], historic: f[5] == "1")
            case "tender" where f.count >= 5:
                tenders[f[1], default: []].append(Tender(code: f[2], from: CivilDate(iso: f[3]), to: CivilDate(iso: f[4])))
            case "place" where f.count >= 3:
                places[f[2]] = f[1]
            case "city" where f.count >= 3:
                cities[f[2]] = f[1]
            case "# homographs" where f.count >= 2:
                homographs = Set(f[1].split(separator: " ").map(String.init))
            default:
                continue
            }
        }
    }

    /// The currencies a territory used on a day; with no day, the ones it uses now.
    func currencies(of territory: String, on date: CivilDate?) -> [String] {
        guard let list = tenders[territory] else { return [] }
        if let d = date { return list.filter { $0.inForce(on: d) }.map(\.code) }
        return list.filter { $0.to == nil }.map(\.code)
    }

    /// Every currency the territory ever used, newest first.
    func everUsed(by territory: String) -> [String] {
        (tenders[territory] ?? []).reversed().map(\.code)
    }

    /// The last word of a currency's English name, folded (`Icelandic Króna` → `krona`):
    /// the bare word a story uses once the currency is clear (`kronor`, `dollars`).
    /// A dated name keeps its unit: `Turkish Lira (1922–2005)` → `lira`.
    static func unitWord(of name: String) -> String? {
        let undated = name.utf8.split(separator: UInt8(ascii: "("), maxSplits: 1, omittingEmptySubsequences: false).first ?? name.utf8[...]
        guard let last = undated.split(separator: 32).last else { return nil }
        let raw = String(decoding: last, as: UTF8.self)
        let word = last.allSatisfy({ $0 < 0x80 }) ? raw.lowercased() : fold(raw)
        return spellings[word] ?? word
    }

    /// The words of a key (lower case, single spaces), split on bytes rather than Characters.
    static func words(_ key: String) -> [Substring.UTF8View.SubSequence] {
        key.utf8.split(separator: 32)
    }

    /// The first word of a key and how many words it has.
    static func firstWord(_ key: String) -> (String, Int) {
        let w = words(key)
        return (w.first.map { String(decoding: $0, as: UTF8.self) } ?? "", w.count)
    }

    /// One unit spelt two ways in CLDR's names (`Soviet Rouble`, `Russian Ruble`) is one family.
    static let spellings = ["rouble": "ruble"]

    /// Lower case without diacritics.
    static func fold(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }
}
