import Foundation

/// The currency rules: signs, prefixed dollars, codes and names, before or after a number.
extension MoneyGrammar {
    /// Currency before the number, the number, scale words, currency after it.
    func parseCore(at i: Int) -> MoneyCore? {
        var j = i
        var unit: CurrencyUnit? = nil
        var prefixScale: Decimal? = nil
        var prefixIsSign = false
        var prefixNeedsScale = false
        if let p = parsePrefix(at: i) {
            unit = p.unit
            prefixScale = p.scale
            prefixIsSign = p.isSign
            prefixNeedsScale = p.needsScale
            j = p.end
            guard j < tokens.count, !breakBefore(j) else { return nil }
        }
        // `.500 mark`, `1 . 8500 marks`, `one point four`: the tail of another number.
        if unit == nil, j > 1, tokens[j - 1].text == "." || norms[j - 1] == "point",
           tokens[j].joinedToPrevious || (!tokens[j - 1].joinedToPrevious
                && (tokens[j - 2].kind == .number || MoneyNumbers.units[norms[j - 2]] != nil)) {
            return nil
        }
        guard let (number, written, numberEnd) = parseNumber(at: j) else { return nil }
        var core = MoneyCore(start: i, end: numberEnd, numberStart: j, number: number, written: written,
                             scale: prefixScale, unit: unit, prefixed: unit != nil, prefixIsSign: prefixIsSign, unitStart: i, unitEnd: j)
        core.numberStart = j
        if core.scale == nil, let (scale, end) = parseScale(at: numberEnd, afterSign: unit != nil, words: written == nil) {
            core.scale = scale
            core.end = end
            // `1 billion 300 million dollars`: a smaller scaled part adds to the first.
            if end < tokens.count, tokens[end].kind == .number, !breakBefore(end),
               let (n2, w2, e2) = parseNumber(at: end), w2 != nil,
               let (s2, e3) = parseScale(at: e2, afterSign: false, words: false), s2 < scale, n2 * s2 < scale {
                core.number = number + n2 * s2 / scale
                core.end = e3
            }
        }
        if prefixNeedsScale && core.scale == nil { return nil }
        if let s = parseSuffix(at: core.end, core: core) {
            if let u = unit {
                // `$ 10 dollars`: the same currency twice; anything else is two things. A sign
                // that a number follows at once starts the next sum: `€1 €2` is two sums.
                let startsNext = tokens[s.end - 1].kind == .symbol && s.end < tokens.count && tokens[s.end].kind == .number
                if u.isCompatible(with: s.unit) && !s.unit.isMinor && !startsNext {
                    core.end = s.end
                    core.suffixed = true
                }
            } else {
                core.unit = s.unit
                core.unitStart = s.start
                core.unitEnd = s.end
                core.end = s.end
                core.suffixed = true
                if let sc = s.scale { core.scale = (core.scale ?? 1) * sc }
                if core.scale == nil, s.unit.isCode, let (scale, end) = parseScale(at: s.end, afterSign: false, words: false) {
                    core.scale = scale   // `75 USD million`
                    core.end = end
                }
            }
        }
        // A word that is also a weight or a verb (`pounds`, `won`) is money with a scale, in
        // number words too (`a trillion pounds`), or with two decimals (`1.85 pounds`).
        if let u = core.unit, u.cautious, core.scale == nil, (written?.fractionDigits ?? 0) != 2,
           written != nil || core.number < 1_000_000 { return nil }
        return core
    }

    /// Nouns that make a currency's name a region: `euro zone`, `sterling area`, `dollar bloc`.
    static let currencyRegions: Set<String> = ["zone", "area", "bloc"]

    /// A currency written before its number: `$`, `US$`, `c $`, `EUR`, `MUSD`, `SKr`, `Rs.`.
    func parsePrefix(at i: Int) -> (unit: CurrencyUnit, end: Int, scale: Decimal?, isSign: Bool, needsScale: Bool)? {
        let t = tokens[i]
        if t.kind == .symbol {
            guard let c = t.text.unicodeScalars.first, t.text.scalarCount == 1,
                  let unit = MoneyLexicon.symbols[c] else { return nil }
            // `$US5 billion`, `$A2m`: Australian papers put the country after the sign.
            if c == "$", i + 2 < tokens.count, tokens[i + 1].kind == .word, tokens[i + 1].joinedToPrevious,
               tokens[i + 2].kind == .number, tokens[i + 1].text == tokens[i + 1].text.uppercased(),
               let code = MoneyLexicon.dollarPrefixes[norms[i + 1]] {
                return (.explicit(code), i + 2, nil, true, false)
            }
            return (unit, i + 1, nil, true, false)
        }
        guard t.kind == .word else { return nil }
        // Letters before a dollar sign: `US$`, `HK $`, `u.s $`.
        let (letters, afterLetters) = mergedLetters(at: i)
        if afterLetters < tokens.count, tokens[afterLetters].text == "$", let code = MoneyLexicon.dollarPrefixes[letters] {
            let joined = tokens[afterLetters].joinedToPrevious
            let merged = afterLetters > i + 1
            let lowerSpaced = !joined && !merged && t.text == t.text.lowercased()
            let allowed = joined || merged || (letters.count > 1 && !(lowerSpaced && letters == "us")) || letters == "c"
            if allowed { return (.explicit(code), afterLetters + 1, nil, true, false) }
        }
        guard i + 1 < tokens.count else { return nil }
        let next = tokens[i + 1]
        if let unit = code(at: i) {
            guard next.kind == .number || next.kind == .word else { return nil }
            // `USD/JPY 150.20` is an exchange rate.
            if i > 0, tokens[i].joinedToPrevious, tokens[i - 1].text == "/" { return nil }
            return (unit, i + 1, nil, false, false)
        }
        if let unit = millionCode(at: i) {
            return (unit, i + 1, 1_000_000, false, false)
        }
        if lexicon.flags[i] & MoneyTokenFlags.prefixWord != 0, let p = MoneyLexicon.prefixWords[norms[i]] {
            var k = i + 1
            if tokens[k].text == ".", k + 1 < tokens.count, tokens[k].joinedToPrevious { k += 1 }  // `Rs. 500`
            guard k < tokens.count, tokens[k].kind == .number else { return nil }
            if p.joinedOnly && !tokens[k].joinedToPrevious { return nil }
            return (p.unit, k, nil, false, p.needsScale)
        }
        return nil
    }

    /// An ISO-style code in this token: upper case, or a frequent code in lower case.
    func code(at i: Int) -> CurrencyUnit? {
        let t = tokens[i]
        guard t.kind == .word else { return nil }
        let text = t.text
        let count = text.scalarCount
        guard count == 3 || count == 4 else { return nil }
        // lower-case letters: only a listed lower-case code can match (no case mapping needed)
        if MoneyTokenFlags.hasASCIILowercase(text), lexicon.flags[i] & MoneyTokenFlags.lowercaseCode == 0 { return nil }
        if text == text.uppercased() {
            if let c = MoneyLexicon.codes[text] { return codeUnit(c) }
        } else if MoneyLexicon.lowercaseCodes.contains(text), let c = MoneyLexicon.codes[text.uppercased()] {
            return codeUnit(c)
        }
        return nil
    }

    /// `MUSD`, `MEUR`: millions of a currency, as Nordic and German reports write them.
    func millionCode(at i: Int) -> CurrencyUnit? {
        let text = tokens[i].text
        guard tokens[i].kind == .word, text.scalarCount == 4, text.first == "M", !MoneyTokenFlags.hasASCIILowercase(text), text == text.uppercased(),
              let c = MoneyLexicon.codes[String(text.dropFirst())] else { return nil }
        return codeUnit(c)
    }

    func codeUnit(_ code: String) -> CurrencyUnit {
        var u = CurrencyUnit.explicit(code)
        u.isCode = true
        return u
    }

    /// A currency written after its number: a name (`Canadian dollars`), a code, a sign (`10 €`).
    func parseSuffix(at start: Int, core: MoneyCore) -> (unit: CurrencyUnit, start: Int, end: Int, scale: Decimal?)? {
        var i = start
        guard i < tokens.count, !breakBefore(i) else { return nil }
        var hyphenated = false
        if tokens[i].text == "-", tokens[i].joinedToPrevious, i + 1 < tokens.count, tokens[i + 1].joinedToPrevious {
            hyphenated = true   // `five-cent`, `100 million-mark`
            i += 1
        }
        let t = tokens[i]
        if t.kind == .symbol {
            guard !hyphenated, let c = t.text.unicodeScalars.first, let unit = MoneyLexicon.symbols[c] else { return nil }
            // A sign before another number is that number's prefix (`2023 €5bn`), unless cents follow (`10 $ 30 cent`).
            // `10 $ 30 $` writes every sign after its number.
            if i + 1 < tokens.count, tokens[i + 1].kind == .number {
                let after = i + 2
                guard after < tokens.count, ["cent", "cents"].contains(norms[after]) || norms[after] == t.text else { return nil }
            }
            return (unit, i, i + 1, nil)
        }
        guard t.kind == .word else { return nil }
        if !hyphenated, let unit = code(at: i) {
            // `3 USD50 cards`: a code joined to the next number belongs to that number.
            if i + 1 < tokens.count, tokens[i + 1].kind == .number, tokens[i + 1].joinedToPrevious { return nil }
            return (unit, i, i + 1, nil)
        }
        if !hyphenated, let unit = millionCode(at: i) { return (unit, i, i + 1, 1_000_000) }
        // `75p`: pence only when joined, and not a video resolution.
        if norms[i] == "p" {
            guard t.joinedToPrevious, let w = core.written, w.fractionDigits == 0, ![480, 720, 1080, 1440, 2160].contains(core.number),
                  i + 1 >= tokens.count || !tokens[i + 1].joinedToPrevious || tokens[i + 1].kind == .punctuation else { return nil }
            return (.explicit("GBP", factor: Decimal(string: "0.01")!), i, i + 1, nil)
        }
        guard let (unit, end) = matchName(at: i) else { return nil }
        // `Euro 96`, `Euro 2024`: the football championship.
        if end == i + 1, norms[i] == "euro", t.text == "Euro", end < tokens.count, tokens[end].kind == .number { return nil }
        // `2 Mark Brooks`: a capitalised bare `Mark` is a name.
        if end == i + 1, norms[i] == "mark", t.text != "mark" { return nil }
        // `the 12 euro zone countries`, `19 euro-area states`, `CFA franc zone`: a currency's
        // region names places, and the number counts them.
        if end < tokens.count, Self.currencyRegions.contains(norms[end]) || (tokens[end].text == "-"
            && end + 1 < tokens.count && tokens[end + 1].joinedToPrevious && Self.currencyRegions.contains(norms[end + 1])) {
            return nil
        }
        if unit.cautious {
            if end < tokens.count, norms[end] == "of" { return nil }   // `1.6 million pounds of food`
            if hyphenated && core.scale == nil { return nil }
        }
        // `in 1989 dollars` is a price level, not a sum.
        if let w = core.written, w.yearLike, core.scale == nil, core.numberStart > 0, norms[core.numberStart - 1] == "in" { return nil }
        return (unit, i, end, nil)
    }

    /// The longest currency name at token `i`, in words; dotted initials merge (`u . s . dollars`).
    func matchName(at i: Int) -> (CurrencyUnit, Int)? {
        var words: [String] = []
        var ends: [Int] = []
        var k = i
        // Most words after a number begin no name (`million`, `shares`): one lookup says so.
        let (first, _) = mergedLetters(at: i)
        guard let longest = MoneyLexicon.nameLengthByFirstWord[first] else { return nil }
        while words.count < longest, k < tokens.count {
            if k > i && breakBefore(k) { break }
            // Names hold words, a joined hyphen and `&` (`Bosnia-Herzegovina`, `Trinidad & Tobago`).
            if tokens[k].kind != .word {
                let joinedHyphen = tokens[k].text == "-" && tokens[k].joinedToPrevious && k + 1 < tokens.count && tokens[k + 1].joinedToPrevious
                guard k > i, joinedHyphen || tokens[k].text == "&" else { break }
                words.append(tokens[k].text)
                ends.append(k + 1)
                k += 1
                continue
            }
            let (w, next) = mergedLetters(at: k)
            words.append(w)
            ends.append(next)
            k = next
        }
        var n = words.count
        while n > 0 {
            let key = n == 1 ? words[0] : words[0..<n].joined(separator: " ")
            if let unit = MoneyLexicon.names[key] { return (unit, ends[n - 1]) }
            n -= 1
        }
        return nil
    }

    /// Single letters written with dots or spaces as one word (`u . s .`, `u.` `s`); else the token's norm.
    func mergedLetters(at i: Int) -> (String, Int) {
        guard norms[i].count == 1, tokens[i].kind == .word else { return (norms[i], i + 1) }
        var letters = norms[i]
        var k = i + 1
        if k < tokens.count, tokens[k].text == "." { k += 1 }
        var merged = false
        while k < tokens.count, k < i + 8, tokens[k].kind == .word, norms[k].count == 1, !breakBefore(k) {
            letters += norms[k]
            merged = true
            k += 1
            if k < tokens.count, tokens[k].text == "." { k += 1 }
        }
        return merged ? (letters, k) : (norms[i], i + 1)
    }
}
