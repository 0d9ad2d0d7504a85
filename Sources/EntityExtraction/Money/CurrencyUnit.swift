import Foundation

/// Currencies that share a bare name or sign: `dollars` may be US, Canadian or Hong Kong
/// dollars. A family is the last word of its members' English names in CLDR (`dollar`,
/// `franc`, `krone`); a bare member is resolved per article (see `CurrencyContext`).
struct CurrencyFamily: Hashable, Sendable {
    let word: String

    init(_ word: String) { self.word = word }

    static let dollar = CurrencyFamily("dollar")
    /// `¥`: Japanese yen or Chinese yuan.
    static let yen = CurrencyFamily("yen")
    static let pound = CurrencyFamily("pound")
    static let franc = CurrencyFamily("franc")
    static let rupee = CurrencyFamily("rupee")
    static let krone = CurrencyFamily("krone")
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
    /// Named by a territory (`Turkish lira`, `N.Z. dlrs`): `code` is the territory's newest member
    /// of the family, and the article's date picks the one it used then.
    var territory: String? = nil

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
