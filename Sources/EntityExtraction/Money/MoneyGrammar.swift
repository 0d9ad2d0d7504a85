import Foundation

/// One sum of money read from tokens, before a bare sign's currency is resolved.
struct MoneyReading: Sendable {
    var startToken: Int
    var endToken: Int
    /// First token of the number: OntoNotes leaves a lone `$` out of `$89,500`.
    var numberStartToken: Int
    /// First token after a qualifier or `between` (`£5m` in `more than £5m`): where the sum's
    /// span begins, since the qualifier is said by `qualifier` and not by the span.
    var valueStartToken: Int
    var amount: Decimal
    var min: Decimal?
    var max: Decimal?
    var unit: CurrencyUnit
    var qualifier: String?
    /// Just a sign and digits (`$250`), nothing before or after.
    var isBareSignAndNumber: Bool
    /// First token after a qualifier that OntoNotes mostly leaves outside its spans (`up to`).
    var afterOuterQualifier: Int? = nil
    /// The currency's sign or name as tokens (`N.Z. Dlrs` in `30.07 billion N.Z. Dlrs`).
    var unitStartToken: Int = 0
    var unitEndToken: Int = 0
    /// Named only by an order of magnitude (`billions of dollars`): no figure.
    var isVague = false
}

/// The part of a sum around one number: `US$4.7 billion`, `five million yen`, `75 USD million`.
struct MoneyCore {
    var start: Int
    var end: Int
    var numberStart: Int
    var number: Decimal
    var written: WrittenNumber?
    var scale: Decimal?
    var unit: CurrencyUnit?
    var prefixed = false
    var prefixIsSign = false
    var suffixed = false
    /// Where the currency is written: the core's start when prefixed, else its suffix.
    var unitStart: Int = 0
    var unitEnd: Int = 0

    var value: Decimal { number * (scale ?? 1) * (unit?.factor ?? 1) }
}

/// The money rules over one document's tokens. Every rule looks a bounded number of tokens
/// ahead, so a scan is linear in the text; no regular expressions, no backtracking.
struct MoneyGrammar {
    let tokens: [Token]
    let scalars: [Unicode.Scalar]
    /// Word tokens lower-cased without dots (`U.S.` → `us`); other tokens as written.
    let norms: [String]
    let lexicon: MoneyTokenFlags

    init(document: Document) {
        tokens = document.tokens
        scalars = document.scalars
        // `normalize(text)` is the shared lower case minus dots: reuse it when it has no dot.
        // By index: a closure over each Token copied it (two Strings retained and released).
        let all = document.tokens
        norms = all.indices.map { i in
            guard all[i].kind == .word else { return all[i].text }
            return all[i].lower.containsUTF8Byte(UInt8(ascii: ".")) ? Self.normalize(all[i].text) : all[i].lower
        }
        lexicon = MoneyTokenFlags(tokens: tokens, norms: norms)
    }

    /// Lower case without dots. ASCII words (nearly all) skip Unicode case mapping: this
    /// runs on every word of every article.
    static func normalize(_ word: String) -> String {
        var ascii = true
        var hasUpperOrDot = false
        for b in word.utf8 {
            if b >= 0x80 { ascii = false; break }
            if (b >= 65 && b <= 90) || b == 46 { hasUpperOrDot = true }
        }
        if ascii {
            guard hasUpperOrDot else { return word }
            let bytes = word.utf8
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var n = 0
                for b in bytes where b != 46 {
                    buffer[n] = (b >= 65 && b <= 90) ? b + 32 : b
                    n += 1
                }
                return n
            }
        }
        var s = word.lowercased()
        if s.contains(".") { s.removeAll { $0 == "." } }
        return s
    }

    /// A paragraph starts at token `k` (a blank line, or a new line that is indented): no sum
    /// runs across it. A line the source merely wrapped (`1.2\nbillion dlrs`) may fall inside one.
    func breakBefore(_ k: Int) -> Bool {
        guard tokens[k].newlineBefore else { return false }
        guard k > 0 else { return true }
        var newlines = 0
        var indented = false
        var p = tokens[k - 1].end
        let end = tokens[k].start
        while p < end {
            let c = scalars[p]
            if c == "\n" || c == "\u{2028}" || c == "\u{2029}" || c == "\u{0B}" || c == "\u{0C}" || (c == "\r" && (p + 1 >= end || scalars[p + 1] != "\n")) {
                newlines += 1
                indented = false
            } else if newlines > 0, c == " " || c == "\t" || c.value == 0xA0 {
                indented = true
            }
            p += 1
        }
        return newlines != 1 || indented
    }

    // MARK: reading one sum

    /// The sum starting at token `i`, if one does.
    func read(at i: Int) -> MoneyReading? {
        var j = i
        var qualifier: String? = nil
        var qualified = false
        var between = false
        if norms[i] == "between" || (norms[i] == "from" && i > 0 && Self.rangeWords.contains(norms[i - 1])) {
            between = true   // `ranging from $7.65 to $8.02` reads like `between`
            j += 1
        } else if let q = matchQualifier(at: i) {
            qualifier = q.qualifier
            qualified = true
            j = q.end
        }
        guard j < tokens.count else { return nil }
        // `1996-08-28`, `12-1/2p`: no sum starts inside a date or a fraction.
        if j == i, j > 1, tokens[j].kind == .number, tokens[j].joinedToPrevious, tokens[j - 1].text == "-" || tokens[j - 1].text == "/",
           tokens[j - 1].joinedToPrevious, tokens[j - 2].kind == .number {
            return nil
        }
        let outer = qualified && MoneyLexicon.outerQualifiers.contains(norms[i..<j].joined(separator: " ")) ? j : nil
        if var vague = readVague(at: j) {
            vague.startToken = i
            vague.valueStartToken = j
            vague.afterOuterQualifier = outer
            return vague
        }
        guard let first = parseCore(at: j) else { return nil }
        if let range = readRangeTail(after: first, readingStart: i, between: between) {
            var r = range
            r.startToken = i
            r.valueStartToken = j
            r.qualifier = qualifier == "minus" ? nil : qualifier
            r.afterOuterQualifier = outer
            return r
        }
        guard !between, var unit = first.unit else { return nil }
        let core = first
        var amount = core.value
        var end = core.end
        if let (minor, minorEnd) = readMinorTail(after: core) {
            amount += minor * unit.factor
            end = minorEnd
        }
        if qualifier == "minus" { amount = -amount; qualifier = nil }
        unit.cautious = false
        let bare = (!qualified || outer != nil) && core.prefixIsSign && !core.suffixed && core.scale == nil && end == core.end
        return MoneyReading(startToken: i, endToken: end, numberStartToken: core.numberStart, valueStartToken: j, amount: amount,
                            min: nil, max: nil, unit: unit, qualifier: qualifier, isBareSignAndNumber: bare,
                            afterOuterQualifier: outer, unitStartToken: core.unitStart, unitEndToken: core.unitEnd)
    }

    /// `€5-6 billion`, `$1.2 million to $23.5 million`, `between 25 cents and 30 cents`.
    func readRangeTail(after first: MoneyCore, readingStart: Int, between: Bool) -> MoneyReading? {
        var k = first.end
        guard k < tokens.count else { return nil }
        let sep = norms[k]
        if between {
            guard sep == "and" || sep == "to" else { return nil }
        } else if sep == "to" {
            // `rose from $5 million to $6 million` is a change, not a range.
            if readingStart > 0, Self.changeWords.contains(norms[readingStart - 1]) { return nil }
        } else if sep == "or" {
            // `14 or 15 billion marks`: a bare first number shares the second's scale and unit;
            // `£10bn or £11bn` are two sums.
            guard first.unit == nil, first.scale == nil else { return nil }
        } else if !(sep == "-" || sep == "–") {
            return nil
        }
        k += 1
        guard k < tokens.count, !breakBefore(k), let second = parseCore(at: k) else { return nil }
        if second.end < tokens.count, norms[second.end] == "%" || norms[second.end] == "percent" { return nil }
        guard let unit = first.unit ?? second.unit else { return nil }
        // `4.10 guilders to 214.40` is a price move, not a range.
        if first.suffixed && second.unit == nil { return nil }
        if let u1 = first.unit, let u2 = second.unit, !u1.isCompatible(with: u2) { return nil }
        if first.unit == nil, first.written?.yearLike == true { return nil }
        var low = first
        low.unit = first.unit ?? unit
        var high = second
        high.unit = second.unit ?? unit
        // `€5-6 billion` shares its scale; `between $300,000 and $4 million` does not.
        if low.scale == nil, !low.suffixed, second.scale != nil {
            var scaled = low
            scaled.scale = second.scale
            if scaled.value < high.value { low = scaled }
        } else if let w1 = low.written, let w2 = high.written, low.scale == nil, high.scale == nil, !w1.grouped,
                  w1.fractionDigits == 0, w2.grouped, w2.fractionDigits == 0, low.number < 1000 {
            // `NT$20-30,000`: the thousands are written once, on the upper end.
            let thousands = low.number * 1000
            if thousands < high.number && thousands * 10 > high.number { low.number = thousands }
        }
        let lo = low.value, hi = high.value
        guard lo < hi else { return nil }
        var u = unit
        u.cautious = false
        return MoneyReading(startToken: readingStart, endToken: second.end, numberStartToken: first.numberStart,
                            valueStartToken: first.start,
                            amount: lo, min: lo, max: hi, unit: first.unit ?? u, qualifier: nil,
                            isBareSignAndNumber: false, unitStartToken: first.unit != nil ? first.unitStart : second.unitStart,
                            unitEndToken: first.unit != nil ? first.unitEnd : second.unitEnd)
    }

    static let contentionNouns: Set<String> = ["dispute", "disputes", "row", "rows", "fight", "battle", "concern", "concerns",
                                               "worries", "fears", "talks", "suit", "lawsuit", "clash", "tension", "tensions",
                                               "standoff", "feud", "argument", "controversy", "negotiations", "wrangling",
                                               "quarrel", "spat", "sued", "suing", "wrangle", "split", "divided"]
    static let movementVerbs: Set<String> = ["went", "go", "goes", "gone", "going", "moved", "climbed", "jumped", "rose",
                                             "shot", "crept", "came", "comes", "edged", "run", "ran", "runs"]

    /// Words before `from X to Y` that make it a range rather than a movement.
    static let rangeWords: Set<String> = ["range", "ranges", "ranged", "ranging", "vary", "varies", "varied", "varying"]

    /// Words before `X to Y` that make it a movement between two sums.
    static let changeWords: Set<String> = [
        "from", "rose", "fell", "increased", "grew", "dropped", "declined", "jumped", "climbed", "slipped", "slid",
        "gained", "lost", "raised", "cut", "reduced", "boosted", "lifted", "lowered", "widened", "narrowed",
        "surged", "plunged", "soared", "tumbled", "advanced", "eased", "rising", "falling", "increasing", "up",
        "down", "by", "firmed", "shed", "added", "rallied", "slumped", "sank", "dipped", "edged", "retreated",
        "rebounded", "recovered", "improved", "moved", "decreased", "doubled", "trimmed", "rose", "expanded",
    ]

    /// `3 dollars 50 cents`, `thirteen dollars and forty-five cents`, `15 USD 50`.
    func readMinorTail(after core: MoneyCore) -> (Decimal, Int)? {
        guard let unit = core.unit, !unit.isMinor, core.scale == nil, (core.written?.fractionDigits ?? 0) == 0 else { return nil }
        var k = core.end
        guard k < tokens.count, !breakBefore(k) else { return nil }
        let hasAnd = norms[k] == "and"
        if hasAnd { k += 1 }
        guard k < tokens.count, let (minor, written, end) = parseNumber(at: k), minor >= 1, minor < 100 else { return nil }
        if let w = written, w.fractionDigits > 0 || w.grouped { return nil }
        if end < tokens.count, ["cent", "cents", "penny", "pence", "p", "c", "¢"].contains(norms[end]) {
            return (minor / 100, end + 1)
        }
        guard core.suffixed || hasAnd else { return nil }
        // Without `cents` the tail must end the clause: `15 dollars and 50.` but not `$5 and 30 days`.
        if end < tokens.count {
            let t = tokens[end]
            guard t.kind == .punctuation, t.text != "-", t.text != "%", t.text != "/" else { return nil }
        }
        return (minor / 100, end)
    }

    func matchQualifier(at i: Int) -> (qualifier: String?, end: Int)? {
        guard tokens[i].kind == .word, lexicon.flags[i] & MoneyTokenFlags.qualifierWord != 0,
              let options = MoneyLexicon.qualifiers[norms[i]] else { return nil }
        outer: for option in options {
            guard i + option.words.count <= tokens.count else { continue }
            for (n, w) in option.words.enumerated() where norms[i + n] != w { continue outer }
            // `went up to 8.26 trillion lei` is a movement, not a ceiling.
            if option.qualifier == "up_to", option.words[0] == "up", i > 0, Self.movementVerbs.contains(norms[i - 1]) { continue }
            // `a dispute over $100,000` is about the sum, not more than it.
            if option.words == ["over"], i > 0, Self.contentionNouns.contains(norms[i - 1]) { continue }
            return (option.qualifier, i + option.words.count)
        }
        return nil
    }
}
