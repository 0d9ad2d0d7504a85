import Foundation

/// Sums named only by their order of magnitude: `billions of dollars`, `several billion
/// dollars`, `a multibillion-dollar dam`, `hundreds of millions of yuan`. The amount is the
/// least the words allow (two of the unit named) with qualifier `at_least`, so a query for
/// figures above a threshold finds them without overstating them.
extension MoneyGrammar {
    static let pluralScales: [String: Decimal] = [
        "tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000,
        "trillions": 1_000_000_000_000,
    ]
    static let adjectiveScales: [String: Decimal] = ["million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000]
    static let unitDeclarers: Set<String> = ["(", "given", "expressed", "stated", "shown", "reported", "figures"]
    static let multiScales: [String: Decimal] = [
        "multimillion": 1_000_000, "multibillion": 1_000_000_000, "multitrillion": 1_000_000_000_000,
    ]

    func readVague(at i: Int) -> MoneyReading? {
        guard i < tokens.count, tokens[i].kind == .word else { return nil }
        let w = norms[i]
        // no table below holds the word: only `a few` is left to try
        guard lexicon.flags[i] & MoneyTokenFlags.vagueWord != 0 || w == "a" else { return nil }
        var k = i + 1
        var magnitude: Decimal
        if let m = Self.adjectiveScales[w] {
            // `a million-dollar job`: about that much; only hyphenated to a singular name.
            guard k + 1 < tokens.count, tokens[k].text == "-", tokens[k].joinedToPrevious, tokens[k + 1].joinedToPrevious,
                  let (unit, end) = matchName(at: k + 1), !unit.isMinor,
                  ["dollar", "pound", "euro"].contains(norms[end - 1]) else { return nil }
            return MoneyReading(startToken: i, endToken: end, numberStartToken: i, valueStartToken: i, amount: m, min: nil, max: nil,
                                unit: unit, qualifier: "about", isBareSignAndNumber: false, unitStartToken: k + 1, unitEndToken: end, isVague: true)
        } else if let m = Self.multiScales[w] {
            // `multibillion-dollar`, `multimillion dollar`
            magnitude = m
            if k < tokens.count, tokens[k].text == "-" { k += 1 }
        } else if w == "several" || (w == "a" && k < tokens.count && norms[k] == "few") {
            if w == "a" { k += 1 }
            magnitude = 1
            if k < tokens.count, norms[k] == "hundred" { magnitude = 100; k += 1 }
            guard k < tokens.count, let s = MoneyLexicon.scales[norms[k]], s >= 1000 else { return nil }
            magnitude *= s
            k += 1
        } else if let p = Self.pluralScales[w] {
            // `billions of dollars`, `tens of thousands of dollars`
            magnitude = p
            guard k + 1 < tokens.count, norms[k] == "of" else { return nil }
            k += 1
            if let p2 = Self.pluralScales[norms[k]], k + 1 < tokens.count, norms[k + 1] == "of" {
                magnitude *= p2
                k += 2
            }
            guard magnitude >= 1000 else { return nil }
        } else {
            return nil
        }
        guard k < tokens.count, !breakBefore(k), let (unit, end) = matchName(at: k), !unit.isMinor else { return nil }
        // `(in millions of guilders unless stated)` declares a table's unit; it is no sum.
        if Self.pluralScales[w] != nil, i > 0, norms[i - 1] == "in",
           (i > 1 && Self.unitDeclarers.contains(norms[i - 2])) || (end < tokens.count && [")", "unless", "except"].contains(norms[end])) {
            return nil
        }
        let amount = 2 * magnitude
        return MoneyReading(startToken: i, endToken: end, numberStartToken: i, valueStartToken: i, amount: amount, min: amount, max: nil,
                            unit: unit, qualifier: "at_least", isBareSignAndNumber: false, unitStartToken: k, unitEndToken: end, isVague: true)
    }
}
