/// Splits text into tokens and sentences in one linear pass over its code points.
/// No regular expressions: every decision looks at most a few code points ahead.
public enum Tokenizer {
    /// Words that keep their trailing full stop (`Mr.`, `Corp.`), as news style writes them.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "jr", "sr", "st", "mt", "ft", "corp", "inc", "ltd", "co", "cos",
        "bros", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "prof",
        "rev", "hon", "pres", "supt", "messrs", "mme", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur",
        "thurs", "fri", "sat", "sun", "no", "nos", "vs", "etc", "approx", "dept", "univ", "assn",
        "est", "fig", "calif", "conn", "fla", "ill", "mass", "mich", "minn", "penn", "tenn",
        "tex", "va", "wash", "wis", "ariz", "colo", "ky", "md", "mo", "nev", "okla", "ore",
        "pa", "ga", "ala", "ark", "del", "kan", "neb", "ny", "nj",
    ]

    static let longestAbbreviation = abbreviations.map(\.count).max() ?? 0

    public static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return tokenize(scalars, utf8: Array(String(view).utf8))
    }

    /// - Parameter utf8: the same text as UTF-8 bytes, from which token texts are cut.
    public static func tokenize(_ scalars: [Unicode.Scalar], utf8: [UInt8]) -> [Token] {
        var byteStart = 0
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4)
        let n = scalars.count
        var i = 0
        var sawSpace = true
        var sawNewline = false
        while i < n {
            let c = scalars[i]
            if isSpace(c) {
                byteStart += UTF8.width(c)
                sawSpace = true
                if isNewline(c) { sawNewline = true }
                i += 1
                continue
            }
            let start = i
            var kind: TokenKind
            if isDigit(c) {
                kind = .number
                i = scanNumber(scalars, from: i)
            } else if isLetter(c) {
                kind = .word
                i = scanWord(scalars, from: i)
            } else {
                kind = isSymbol(c) ? .symbol : .punctuation
                i += 1
            }
            // Token text from the UTF-8 bytes: far cheaper than appending scalars one by one.
            var byteEnd = byteStart
            for k in start..<i { byteEnd += UTF8.width(scalars[k]) }
            let (text, lower) = Self.texts(utf8, byteStart..<byteEnd)
            byteStart = byteEnd
            tokens.append(Token(start: start, end: i, kind: kind, text: text, lower: lower,
                                joinedToPrevious: !sawSpace && !tokens.isEmpty, newlineBefore: sawNewline))
            sawSpace = false
            sawNewline = false
        }
        return tokens
    }

    /// The token's text and its lower-case form; ASCII takes a fast path that allocates
    /// nothing for tokens of up to 15 bytes.
    static func texts(_ utf8: [UInt8], _ range: Range<Int>) -> (String, String) {
        var ascii = true
        var upper = false
        for k in range {
            let b = utf8[k]
            if b >= 0x80 { ascii = false; break }
            if b >= 65 && b <= 90 { upper = true }
        }
        let text = utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        if !upper && ascii { return (text, text) }
        if !ascii { return (text, text.lowercased()) }
        let lower = utf8.withUnsafeBufferPointer { buffer in
            String(unsafeUninitializedCapacity: range.count) { out in
                for (j, k) in range.enumerated() {
                    let b = buffer[k]
                    out[j] = (b >= 65 && b <= 90) ? b | 0x20 : b
                }
                return range.count
            }
        }
        return (text, lower)
    }

    /// Digits with inner grouping or decimal separators followed by a digit: `1,000.50`.
    static func scanNumber(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        let n = s.count
        while i < n {
            if isDigit(s[i]) { i += 1; continue }
            if (s[i] == "," || s[i] == "."), i + 1 < n, isDigit(s[i + 1]) { i += 2; continue }
            break
        }
        return i
    }

    /// Letters, with inner apostrophes (`O'Brien`, not the possessive `'s`) and
    /// abbreviation dots (`U.S.`, `J.`, `Corp.`).
    static func scanWord(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        let n = s.count
        while i < n, isLetter(s[i]) { i += 1 }
        // Inner apostrophe: keep O'Brien and don't whole, split off the possessive 's.
        while i + 1 < n, isApostrophe(s[i]), isLetter(s[i + 1]) {
            var j = i + 1
            while j < n, isLetter(s[j]) { j += 1 }
            let suffixIsS = j - i == 2 && (s[i + 1] == "s" || s[i + 1] == "S")
            if suffixIsS { return i }
            i = j
        }
        guard i < n, s[i] == "." else { return i }
        let length = i - start
        // Initials and dotted abbreviations: U.S., U.S.A., J.
        // A lower-case letter only in a dotted run (`a.m.`), so the possessive `s` of
        // `Sotheby's.` does not swallow the full stop.
        let dottedRun = i + 2 < n && isLetter(s[i + 1]) && s[i + 2] == "."
        if length == 1, s[start].properties.isUppercase || dottedRun {
            var j = i + 1
            while j + 1 < n, isLetter(s[j]), s[j + 1] == ".", j + 2 >= n || !isLetter(s[j + 2]) { j += 2 }
            return j
        }
        // Only a word as short as an abbreviation can be one; building the lower-case
        // form of a 1 MB "word." took 12 s.
        guard length <= longestAbbreviation else { return i }
        return abbreviations.contains(lowercased(s, start..<i)) ? i + 1 : i
    }

    /// The scalars' lower-case mapping as a String; ASCII (every abbreviation) is mapped
    /// byte by byte: appending each scalar's mapping cost some 2,000 instructions a word.
    static func lowercased(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
        if s[range].allSatisfy({ $0.value < 0x80 }) {
            return String(unsafeUninitializedCapacity: range.count) { out in
                for (j, k) in range.enumerated() {
                    let b = UInt8(truncatingIfNeeded: s[k].value)
                    out[j] = (b >= 65 && b <= 90) ? b | 0x20 : b
                }
                return range.count
            }
        }
        var lower = ""
        for k in range { lower.unicodeScalars.append(contentsOf: s[k].properties.lowercaseMapping.unicodeScalars) }
        return lower
    }

    /// Sentences as ranges of token indices. A sentence ends at `.`, `!`, `?` or `…`
    /// (after any closing quotes) when the next token starts a new sentence, and at
    /// every line break: pasted news keeps captions and headlines on lines of their own.
    public static func sentences(_ tokens: [Token]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = tokens.count
        while i < n {
            if i > start, tokens[i].newlineBefore {
                result.append(start..<i)
                start = i
            }
            // Fields read in place: a copy of each Token retained and released its Strings.
            if tokens[i].kind == .punctuation, let c = tokens[i].text.unicodeScalars.first, c == "." || c == "!" || c == "?" || c == "…" {
                var j = i + 1
                while j < n, !tokens[j].newlineBefore, isClosing(tokens[j]) { j += 1 }
                if j >= n {
                    i = j
                    continue
                }
                if tokens[j].newlineBefore || tokens[j].isCapitalized || tokens[j].kind == .number || isOpening(tokens[j]) {
                    if !tokens[j].newlineBefore || j > i + 1 {
                        result.append(start..<j)
                        start = j
                    }
                }
                i = j
                continue
            }
            i += 1
        }
        if start < n { result.append(start..<n) }
        return result
    }

    /// A closing quote or bracket; a straight quote closes only when it touches the word before.
    /// A punctuation token is one code point, so its first one is all of it (and none of these
    /// marks has another code point canonically equal to it): no String comparisons.
    static func isClosing(_ t: Token) -> Bool {
        guard t.kind == .punctuation, let c = t.text.unicodeScalars.first else { return false }
        switch c {
        case "\"", "'": return t.joinedToPrevious
        case "”", "’", ")", "]", "»": return true
        default: return false
        }
    }

    static func isOpening(_ t: Token) -> Bool {
        guard t.kind == .punctuation, let c = t.text.unicodeScalars.first else { return false }
        switch c {
        case "\"", "'", "“", "‘", "(", "[", "«": return true
        default: return false
        }
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    /// Unicode category Sc or Sm; in ASCII exactly `$` (Sc) and `+ < = > | ~` (Sm), without
    /// the property lookup.
    @inline(__always) static func isSymbol(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 36, 43, 60, 61, 62, 124, 126: return true
        case 0..<128: return false
        default:
            let cat = c.properties.generalCategory
            return cat == .currencySymbol || cat == .mathSymbol
        }
    }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return (c.value | 0x20) >= 97 && (c.value | 0x20) <= 122 }
        let p = c.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark
    }

    @inline(__always) static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "’" }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c == " " || c == "\n" || c == "\t" || c == "\r" || c.value == 0x0B || c.value == 0x0C }
        return c.properties.isWhitespace || c.value == 0x200B || c.value == 0xFEFF
    }

    @inline(__always) static func isNewline(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c.value == 0x2028 || c.value == 0x2029 || c.value == 0x85
    }
}
