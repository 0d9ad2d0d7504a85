import Foundation

/// The number rules: digits with their grouping, English number words, scale words.
extension MoneyGrammar {
    /// Digits (with space-separated groups, `1 000 000`) or number words (`two million`, `a half`).
    func parseNumber(at i: Int) -> (Decimal, WrittenNumber?, Int)? {
        let t = tokens[i]
        if t.kind == .number {
            guard var w = MoneyNumbers.parse(t.text) else { return nil }
            var end = i + 1
            // `1 000 000`: groups of three after a space, read only as part of a sum.
            if !w.grouped, w.fractionDigits == 0, t.text.utf8.count <= 3 {
                var text = t.text
                var k = i + 1
                while k < tokens.count, k < i + 8, tokens[k].kind == .number, tokens[k].text.utf8.count == 3,
                      tokens[k].start == tokens[k - 1].end + 1, Self.isGroupSpace(scalars[tokens[k].start - 1]) {
                    text += tokens[k].text
                    k += 1
                }
                if k > i + 1, let merged = MoneyNumbers.parse(text) {
                    w = merged
                    w.grouped = true
                    w.yearLike = false
                    end = k
                }
            }
            // `62-1/2 cts`, `8 3/4`: a whole number and a binary fraction, as wire prices are written.
            if w.fractionDigits == 0, !w.grouped, let (fraction, fractionEnd) = binaryFraction(after: end) {
                w.value += fraction
                w.fractionDigits = 2
                w.yearLike = false
                end = fractionEnd
            }
            return (w.value, w, end)
        }
        guard t.kind == .word, lexicon.flags[i] & MoneyTokenFlags.numberWord != 0 else { return nil }
        return parseNumberWords(at: i).map { ($0.0, nil, $0.1) }
    }

    /// `-1/2` or ` 3/4` right after a whole number: eighths, quarters, halves and finer.
    func binaryFraction(after k: Int) -> (Decimal, Int)? {
        var j = k
        guard j < tokens.count else { return nil }
        if tokens[j].text == "-" {
            guard tokens[j].joinedToPrevious, j + 1 < tokens.count, tokens[j + 1].joinedToPrevious else { return nil }
            j += 1
        }
        guard j + 2 < tokens.count, tokens[j].kind == .number, !breakBefore(j), tokens[j + 1].text == "/",
              tokens[j + 1].joinedToPrevious, tokens[j + 2].joinedToPrevious, tokens[j + 2].kind == .number,
              let a = Int(tokens[j].text), let b = Int(tokens[j + 2].text), [2, 4, 8, 16, 32, 64].contains(b), a > 0, a < b else { return nil }
        return (Decimal(a) / Decimal(b), j + 3)
    }

    static func isGroupSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c.value == 0xA0 || c.value == 0x202F || c.value == 0x2009
    }

    /// English number words, scale words included: `three hundred and five`, `a half-million`,
    /// `three quarters billion`, `one and a half million`.
    func parseNumberWords(at i: Int) -> (Decimal, Int)? {
        var total: Decimal = 0
        var current: Decimal = 0
        var sawNumber = false
        var last: Character = " "   // u: unit, t: tens, h: hundred, s: scale, f: fraction
        var k = i
        var end = i
        // Bounded so a run of number words cannot make the scan quadratic.
        let limit = min(tokens.count, i + 16)
        while k < limit {
            let w = norms[k]
            if tokens[k].kind == .punctuation && w == "-" && tokens[k].joinedToPrevious && sawNumber {
                k += 1
                continue
            }
            guard tokens[k].kind == .word else { break }
            // units, tens, scales and fractions are all number words: skip their lookups otherwise
            let numberWord = lexicon.flags[k] & MoneyTokenFlags.numberWord != 0
            if numberWord, let v = MoneyNumbers.units[w] {
                if last == "u" || (last == "t" && v >= 10) { break }
                current += Decimal(v)
                last = "u"
            } else if numberWord, let v = MoneyNumbers.tens[w] {
                if last == "u" || last == "t" { break }
                current += Decimal(v)
                last = "t"
            } else if w == "hundred" {
                if last == "h" { break }
                current = (current == 0 ? 1 : current) * 100
                last = "h"
            } else if w == "dozen" {
                current = (current == 0 ? 1 : current) * 12
                last = "h"
            } else if numberWord, let scale = MoneyLexicon.scales[w] {
                if !sawNumber && last != "a" { break }   // `million dollars` alone names no sum
                total += (current == 0 ? 1 : current) * scale
                current = 0
                last = "s"
            } else if (w == "a" || w == "an") && !sawNumber {
                // `a billion`, `a half-million`, `a quarter million`, `a penny`.
                guard k + 1 < tokens.count else { break }
                let nx = norms[k + 1]
                guard MoneyLexicon.scales[nx] != nil || nx == "hundred" || nx == "dozen" || MoneyNumbers.fractions[nx] != nil
                        || nx == "penny" || nx == "cent" else { break }
                current = 1
                last = "a"
                k += 1
                if nx == "penny" || nx == "cent" {
                    // `a penny-stock peddler` is no sum.
                    if k + 1 < tokens.count, tokens[k + 1].text == "-", tokens[k + 1].joinedToPrevious { break }
                    sawNumber = true
                    end = k
                }
                continue
            } else if numberWord, let f = MoneyNumbers.fractions[w] {
                // `half a million`, `three quarters billion`: a fraction needs a scale after it.
                var m = k + 1
                if m < tokens.count, tokens[m].text == "-" { m += 1 }
                if m < tokens.count, norms[m] == "a" { m += 1 }
                guard m < tokens.count, let scale = MoneyLexicon.scales[norms[m]] else { break }
                let base: Decimal = (w == "quarters" && last == "u") ? current * f : (last == "u" && current > 0 ? current + f : f)
                total += base * scale
                current = 0
                last = "s"
                k = m + 1
                end = k
                sawNumber = true
                continue
            } else if w == "point", sawNumber, last == "u" || last == "t", current < 1000 {
                // `one point four million`: spoken decimals, one digit word each.
                var m = k + 1
                var fraction: Decimal = 0
                var scaleOfDigit: Decimal = 1
                while m < tokens.count, m < k + 9, let d = MoneyNumbers.units[norms[m]], d < 10 {
                    scaleOfDigit /= 10
                    fraction += Decimal(d) * scaleOfDigit
                    m += 1
                }
                guard m > k + 1 else { break }
                current += fraction
                last = "u"
                k = m
                end = k
                continue
            } else if w == "and", sawNumber, k + 1 < tokens.count {
                // `one hundred and five`, `one and a half million`; a bare `and` ends the number.
                let nx = norms[k + 1]
                if last == "h" || last == "s", MoneyNumbers.units[nx] != nil || MoneyNumbers.tens[nx] != nil {
                    k += 1
                    continue
                }
                if last == "u", nx == "a", k + 2 < tokens.count, norms[k + 2] == "half" {
                    var m = k + 3
                    if m < tokens.count, tokens[m].text == "-" { m += 1 }
                    guard m < tokens.count, let scale = MoneyLexicon.scales[norms[m]] else { break }
                    total += (current + Decimal(string: "0.5")!) * scale
                    current = 0
                    last = "s"
                    k = m + 1
                    end = k
                    continue
                }
                break
            } else {
                break
            }
            sawNumber = true
            k += 1
            end = k
        }
        guard sawNumber, end > i else { return nil }
        return (total + current, end)
    }

    /// Scale words after digits: `million`, `bn`, `crore`, and after a sign also `m`, `k`, `b`.
    func parseScale(at start: Int, afterSign: Bool, words: Bool) -> (Decimal, Int)? {
        guard !words else { return nil }   // number words already took their scale words
        var k = start
        var scale: Decimal = 1
        var found = false
        // `$100-million`: a hyphenated scale word.
        if k + 1 < tokens.count, tokens[k].text == "-", tokens[k].joinedToPrevious, tokens[k + 1].joinedToPrevious,
           MoneyLexicon.scales[norms[k + 1]] != nil {
            k += 1
        }
        while k < tokens.count, k < start + 4, tokens[k].kind == .word, !breakBefore(k) {
            let w = norms[k]
            if let s = MoneyLexicon.scales[w] {
                scale *= s
            } else if !found, let s = MoneyLexicon.shortScales[w],
                      afterSign || (k == start && tokens[k].joinedToPrevious && k + 1 < tokens.count && !breakBefore(k + 1)
                                    && (matchName(at: k + 1) != nil || code(at: k + 1) != nil)) {
                // `$5m`, `€5 m`: after a sign these letters can only be scales; so can a letter
                // glued to the number when a currency follows (`120m euros`, not `100m sprint`).
                scale *= s
            } else {
                break
            }
            found = true
            k += 1
        }
        return found ? (scale, k) : nil
    }
}
