/// Numbers as dates use them: counts (`two`, `a few`, `3`), days of the month (`14`,
/// `14th`, `fourteenth`, `twenty-first`) and years (`2024`, `'97`, `nineteen ninety six`).
extension DateGrammar {
    /// A cardinal 1…99 in words: `seven`, `twenty one`, `twenty-one`.
    func wordCardinal(_ i: Int) -> (value: Int, end: Int)? {
        guard let v = lex(i).cardinals else { return nil }
        if lex(i).tens {
            var j = i + 1
            if isDash(j), joined(j) { j += 1 }
            if let u = lex(j).cardinals, u >= 1, u <= 9 { return (v + u, j + 1) }
        }
        return (v, i + 1)
    }

    /// An ordinal 1…39 in words: `first`, `twenty first`, `thirty-first`.
    func wordOrdinal(_ i: Int) -> (value: Int, end: Int)? {
        if let v = lex(i).ordinals { return (v, i + 1) }
        if lex(i).tens, let tensValue = lex(i).cardinals {
            var j = i + 1
            if isDash(j), joined(j) { j += 1 }
            if let u = lex(j).ordinals, u <= 9 { return (tensValue + u, j + 1) }
        }
        return nil
    }

    /// A count of units: digits, words, `a`/`an`, `a few`, `several`, `a couple of`.
    func count(_ i: Int) -> (value: Int, end: Int)? {
        if let d = digits(i), d > 0, d < 1000, digitCount(i) <= 3 { return (d, i + 1) }
        let k = key(i)
        if k == "a" || k == "an" {
            if let v = lex(i + 1).vagueCounts {
                return (v, key(i + 2) == "of" ? i + 3 : i + 2)
            }
            return (1, i + 1)
        }
        if let v = lex(i).vagueCounts { return (v, key(i + 1) == "of" ? i + 2 : i + 1) }
        if let w = wordCardinal(i), w.value > 0 { return w }
        return nil
    }

    /// A day of the month: `14`, `14th`, `04th`, `fourteenth`, `twenty-first`, and when
    /// `allowCardinalWords`, `twenty two`.
    func dayOfMonth(_ i: Int, allowCardinalWords: Bool = false) -> (day: Int, end: Int, ordinal: Bool)? {
        if let d = digits(i), digitCount(i) <= 2, d >= 1, d <= 31 {
            if joined(i + 1), lex(i + 1).ordinalSuffixes { return (d, i + 2, true) }
            return (d, i + 1, false)
        }
        if let w = wordOrdinal(i), w.value >= 1, w.value <= 31 { return (w.value, w.end, true) }
        if allowCardinalWords, let w = wordCardinal(i), w.value >= 1, w.value <= 31 { return (w.value, w.end, false) }
        return nil
    }

    /// A year: four digits 1000…2999, `'97`, or a year in words (`nineteen ninety six`,
    /// `two thousand and fifteen`).
    func year(_ i: Int, allowTwoDigit: Bool = false) -> (year: Int, end: Int)? {
        if let d = digits(i), digitCount(i) == 4, d >= 1000, d <= 2999 { return (d, i + 1) }
        if (isPunct(i, "'") || isPunct(i, "’")), joined(i + 1), let d = digits(i + 1), digitCount(i + 1) == 2 {
            return (twoDigitYear(d), i + 2)
        }
        if allowTwoDigit, let d = digits(i), digitCount(i) == 2 { return (twoDigitYear(d), i + 1) }
        return wordYear(i)
    }

    /// Two-digit years: 00…(this year + 20) are this century, the rest the last.
    func twoDigitYear(_ d: Int) -> Int {
        let century = (reference.year / 100) * 100
        return d <= (reference.year % 100) + 20 ? century + d : century - 100 + d
    }

    /// `nineteen ninety six`, `nineteen zero one`, `nineteen hundred ninety three`,
    /// `two thousand`, `two thousand and fifteen`, `one thousand seven hundred and eighty nine`.
    func wordYear(_ i: Int) -> (year: Int, end: Int)? {
        guard let first = lex(i).cardinals else { return nil }
        if key(i + 1) == "thousand", first >= 1, first <= 2 {
            var j = i + 2
            var total = first * 1000
            if let h = lex(j).cardinals, h <= 9, key(j + 1) == "hundred" { total += h * 100; j += 2 }
            var k2 = j
            if key(k2) == "and" { k2 += 1 }
            if let rest = wordCardinal(k2) { return (total + rest.value, rest.end) }
            return (total, j)
        }
        // nineteen ninety six, seventeen hundred thirty three, twenty twenty
        guard first >= 10, first <= 29 || lex(i).tens else { return nil }
        var j = i + 1
        var high = first
        if lex(i).tens, let w = wordCardinal(i), w.value > first { high = w.value; j = w.end }
        guard high >= 10, high <= 29 else { return nil }
        if key(j) == "hundred" {
            var m = j + 1
            if key(m) == "and" { m += 1 }
            if let rest = wordCardinal(m) { return (high * 100 + rest.value, rest.end) }
            return (high * 100, j + 1)
        }
        if key(j) == "zero" || key(j) == "oh", let u = lex(j + 1).cardinals, u <= 9 { return (high * 100 + u, j + 2) }
        if let rest = wordCardinal(j), rest.value >= 10, high * 100 + rest.value <= 2100 { return (high * 100 + rest.value, rest.end) }
        return nil
    }
}
