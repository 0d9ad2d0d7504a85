import Foundation

/// A number read from digits: its exact value and how it was written.
struct WrittenNumber: Sendable {
    var value: Decimal
    /// Digits after the decimal separator (0 for integers).
    var fractionDigits: Int
    /// Written with grouping separators (`1,000`, `1 000`, `12,34,567`).
    var grouped: Bool
    /// Digits only, no separators, four long: could be a year.
    var yearLike: Bool
}

/// Exact parsing of written numbers: digit strings with their grouping conventions, and
/// English number words. Nothing here goes through Double.
enum MoneyNumbers {
    /// Parses `1,000,000`, `3.4`, `1.000.000,50`, `12,34,567.89`; nil when the separators
    /// fit no convention (`1,00,0`), so a malformed figure is never guessed at.
    static func parse(_ text: String) -> WrittenNumber? {
        var digits: [UInt8] = []
        var seps: [(char: UInt8, at: Int)] = []  // separator and the count of digits before it
        for b in text.utf8 {
            if b >= 48 && b <= 57 { digits.append(b - 48) } else if b == 44 || b == 46 { seps.append((b, digits.count)) } else { return nil }
        }
        // No sum of money has more digits than this; longer runs are identifiers.
        guard !digits.isEmpty, digits.count <= 24 else { return nil }
        var decimalAt: Int? = nil      // digits before the decimal separator
        var groupChar: UInt8? = nil
        if let last = seps.last {
            let others = seps.dropLast()
            let mixed = others.contains { $0.char != last.char }
            if mixed {
                // 1,234.56 or 1.234,56: the last separator is the decimal one, the others group.
                guard others.allSatisfy({ $0.char != last.char }) else { return nil }
                decimalAt = last.at
                groupChar = others.first?.char
            } else if seps.count == 1 {
                let after = digits.count - last.at
                // One separator: `,` before exactly three digits groups (1,000); `.` is a decimal
                // point (news is English); `,` before one or two digits is a decimal comma (3,5).
                if last.char == 44 {
                    if after == 3 { groupChar = 44 } else if after <= 2 { decimalAt = last.at } else { return nil }
                } else {
                    decimalAt = last.at
                }
            } else {
                groupChar = last.char
            }
        }
        if let g = groupChar {
            let groupSeps = seps.filter { $0.char == g }.map(\.at)
            let intDigits = decimalAt ?? digits.count
            guard validGrouping(groupSeps, integerDigits: intDigits) else { return nil }
        }
        let fraction = decimalAt.map { digits.count - $0 } ?? 0
        if decimalAt != nil && fraction == 0 { return nil }
        guard let value = decimal(digits, fractionDigits: fraction) else { return nil }
        return WrittenNumber(value: value, fractionDigits: fraction, grouped: groupChar != nil,
                             yearLike: seps.isEmpty && digits.count == 4)
    }

    /// Western groups of three (1,234,567) or Indian lakh/crore groups (12,34,567).
    static func validGrouping(_ positions: [Int], integerDigits: Int) -> Bool {
        guard let first = positions.first, first >= 1, first <= 3 else { return false }
        var bounds = positions
        bounds.append(integerDigits)
        var gaps: [Int] = []
        for k in 1..<bounds.count { gaps.append(bounds[k] - bounds[k - 1]) }
        if gaps.allSatisfy({ $0 == 3 }) { return true }
        // Indian: last group three, the ones before it two.
        return gaps.last == 3 && gaps.dropLast().allSatisfy { $0 == 2 } && first <= 2
    }

    static func decimal(_ digits: [UInt8], fractionDigits: Int) -> Decimal? {
        // Strip leading zeros so long zero-padded figures still fit.
        var start = 0
        while start < digits.count - 1 - fractionDigits, digits[start] == 0 { start += 1 }
        let used = digits[start...]
        if used.count <= 19 {
            var n: UInt64 = 0
            for d in used { n = n * 10 + UInt64(d) }
            return Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(n))
        }
        var s = String(used.map { Character(Unicode.Scalar($0 + 48)) })
        if fractionDigits > 0 { s.insert(".", at: s.index(s.endIndex, offsetBy: -fractionDigits)) }
        return Decimal(string: s)
    }

    /// English number words below a hundred.
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    ]
    /// Fractions that may stand before a scale word (`half a million`, `three quarters billion`).
    static let fractions: [String: Decimal] = ["half": Decimal(string: "0.5")!, "quarter": Decimal(string: "0.25")!,
                                               "quarters": Decimal(string: "0.25")!]

    static func isNumberWord(_ w: String) -> Bool {
        units[w] != nil || tens[w] != nil || w == "hundred" || w == "a" || w == "an" || fractions[w] != nil
            || w == "dozen" || MoneyLexicon.scales[w] != nil
    }
}
