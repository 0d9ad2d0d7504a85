/// What a date expression says before it is placed on the calendar.
enum DateMeaning: Sendable {
    /// Calendar fields as written (`March 14`, `Friday`, `2024`), resolved later so a
    /// range can lend one side's month or year to the other (`March 15-17`, `May to Oct 2020`).
    case parts(CalendarParts)
    /// A period already placed on the calendar (`last week`, `Q3 2023`).
    case period(DatePeriod)
    /// A date in OntoNotes' sense that names no period (`two years`, `annual`).
    case duration
    /// A date placed by the one the text stated just before (`the previous year`,
    /// `10 years earlier`, `that year`), resolved as the scan reaches it.
    indirect case anchored(AnchoredShift)
}

/// How an anchored date moves from the date stated before it.
struct AnchoredShift: Sendable {
    /// Signed number of units (`the previous year` -1, `10 years earlier` -10, `that year` 0).
    var count: Int
    var unit: TimeUnit
    /// True: the calendar unit holding the moved anchor (`the previous year` after `Q3 2004`
    /// is 2003), unless the anchor is itself one such unit, which then moves whole (a fiscal
    /// year, a statement week). False: the anchor moved whole (`a year earlier` after
    /// `December` is the December before).
    var asUnit: Bool
    /// Only anchors of these grains count (`a year ago` moves only a quarter or half).
    var anchorGrains: Set<DateGrain>? = nil
    /// The reading when nothing stated anchors it: a period relative to publication, or
    /// nil when the expression then names no calendar date (`nine days later`, `that year`).
    var fallback: DatePeriod?
    /// With no `fallback`: the period counted from the reference date, which only the
    /// Recognizers convention reports (`a fortnight later`, see `DateConvention`).
    var countedFromReference: DatePeriod?
    /// An anaphor (`the year`, `the day after`): refers back to whatever the text dated
    /// before it, naming nothing new, so it is a date only when nothing came before.
    var anaphor = false

    static func anaphor(_ period: DatePeriod) -> AnchoredShift {
        AnchoredShift(count: 0, unit: .day, asUnit: false, fallback: period, anaphor: true)
    }
}

struct CalendarParts: Sendable {
    var year: Int?
    var month: Int?
    var day: Int?
    var weekday: Int?
}

/// One parse of the tokens from a start index up to `end` (exclusive).
struct DateParse {
    var end: Int
    var meaning: DateMeaning
    /// A length or anaphor that carries a period only for the rules built on it (`the past
    /// five years`, `the year`): not a calendar reference of its own.
    var isLength = false

    /// Whether part-of-day words end the span (`Thursday morning`) or are all of it (`this
    /// afternoon`): OntoNotes calls them TIME.
    var dayPart = DayPart.none

    enum DayPart { case none, suffix, whole }

    /// A range's two ends as token ranges, when each is a date of its own (`June 1 1987`
    /// … `May 31 1994`; not the bare `17` of `March 15-17`).
    var sides: (Range<Int>, Range<Int>)?

    /// The same parse marked as a length.
    var asLength: DateParse { var p = self; p.isLength = true; return p }
}

/// Which way a bare weekday, month or day falls from the reference date.
enum DateDirection {
    case past, future, nearest
}

/// A word that says which way a sentence looks: its token, its direction, and whether it
/// is a present tense of something scheduled, which counts only when no tensed word does.
struct TenseCue {
    var token: Int
    var direction: DateDirection
    var weak = false
}

/// Per-document memo of `DateGrammar.single`, by token index.
final class ParseMemo {
    /// By token index: -1 until computed, then the reading's place in `readings`. Arrays,
    /// not a dictionary: hashing and growing one showed in profiles of the date rules (and
    /// an array of optional parses is costly to fill).
    var singleIndex: [Int32]
    var readings: [DateParse?] = []
    /// Tense cues of a sentence (token index, direction), by sentence index, found when
    /// a date in that sentence first needs them.
    var cues: [Int: [TenseCue]] = [:]
    /// The last calendar date reported, and the sentence it is in: what `the previous
    /// year` or `a year earlier` moves from.
    var anchor: (period: DatePeriod, sentence: Int)?
    /// The month the article's fiscal year ends in, once it says so (`the year ending
    /// March 31`): it bounds `1986/87` and a bare `fourth quarter`.
    var fiscalYearEnd: Int?
    /// The last day of a week the article stated (`the week ended Wednesday`): the bare
    /// weekdays of a past-tense story fall in that week.
    var weekFrameEnd: CivilDate?
    /// The document's sentences with wrapped lines joined (`DateGrammar.sentences`).
    var sentences: [Range<Int>]?

    init(tokenCount: Int) {
        singleIndex = [Int32](repeating: -1, count: tokenCount)
    }
}

/// The date grammar over one document: each `parse…` method tries one family of rules at a
/// token index and returns where it ends and what it means. Lookups only; no regexes.
struct DateGrammar {
    let document: Document
    let tokens: [Token]
    /// Lower-cased token text without an abbreviation's final dot (`Oct.` → `oct`).
    let keys: [String]
    /// Each token's entry in `DateWord.table`: lexicon facts by index, no hashing in the rules.
    let wordIDs: [UInt16]
    /// The byte of each punctuation token that is one ASCII byte (1...127), else 0.
    let punctuationBytes: [UInt8]
    let words: [DateWord]
    let reference: CivilDate
    let numericOrder: NumericDateOrder
    /// Rules call each other at the same tokens (a range tries its sides, a modifier its
    /// head): each token's longest single reading is computed once.
    let memo: ParseMemo

    init(document: Document, reference: CivilDate, numericOrder: NumericDateOrder) {
        self.document = document
        self.tokens = document.tokens
        self.reference = reference
        self.numericOrder = numericOrder
        self.memo = ParseMemo(tokenCount: document.tokens.count)
        // By index: a closure over each Token copied it (two Strings retained and released).
        let keys = document.tokens.indices.map { i in
            // `k.count > 1` (characters) only when the text ends in a dot: most tokens do not
            var k = document.tokens[i].lower
            if k.withUTF8Bytes({ $0.last }) == UInt8(ascii: "."), k.count > 1, k.hasASCIISuffix(".") { k.removeLast() }
            return k
        }
        self.keys = keys
        self.wordIDs = DateWord.ids(of: document.tokens, keys: keys)
        self.punctuationBytes = document.tokens.indices.map { i in
            guard document.tokens[i].kind == .punctuation else { return 0 }
            return document.tokens[i].text.withUTF8Bytes { $0.count == 1 && $0[0] < 0x80 ? $0[0] : 0 }
        }
        self.words = DateWord.table.entries
    }

    // MARK: token helpers

    @inline(__always) func key(_ i: Int) -> String { i >= 0 && i < keys.count ? keys[i] : "" }
    /// What the lexicon says about token `i` (the empty word off either end).
    @inline(__always) func lex(_ i: Int) -> DateWord { i >= 0 && i < wordIDs.count ? words[Int(wordIDs[i])] : words[0] }

    /// `more than`, `at least`, `up to`… at token `i`.
    func isTwoWordQualifier(_ i: Int) -> Bool {
        guard let second = lex(i).qualifierSecondWord else { return false }
        return key(i + 1) == second
    }

    @inline(__always) func exists(_ i: Int) -> Bool { i >= 0 && i < tokens.count }
    @inline(__always) func joined(_ i: Int) -> Bool { exists(i) && tokens[i].joinedToPrevious }

    /// A plain run of digits (no grouping or decimal separators) as an integer.
    func digits(_ i: Int) -> Int? {
        guard exists(i), tokens[i].kind == .number else { return nil }
        let t = tokens[i].text
        // At most nine ASCII digits, read from the bytes (each digit one byte, one scalar, one Character).
        guard t.withUTF8Bytes({ $0.count <= 9 && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return nil }
        return Int(t)
    }

    func digitCount(_ i: Int) -> Int { exists(i) ? tokens[i].text.characterCount : 0 }

    /// `tokens[i].text == String(c)` for a punctuation token, without String's slow path for
    /// the common case: an ASCII token (`punctuationBytes`) equals an ASCII `c` exactly when
    /// they are the same byte, and a non-ASCII `c` only when `c` is one of the three code
    /// points canonically equal to an ASCII one (Kelvin sign, Greek question mark, Greek varia).
    func isPunct(_ i: Int, _ c: Unicode.Scalar) -> Bool {
        guard exists(i), tokens[i].kind == .punctuation else { return false }
        let b = punctuationBytes[i]
        if b != 0, c.value < 0x80 { return UInt32(b) == c.value }
        if b != 0, c.value != 0x212A, c.value != 0x037E, c.value != 0x1FEF { return false }
        return tokens[i].text == String(c)
    }

    func isDash(_ i: Int) -> Bool {
        guard exists(i), tokens[i].kind == .punctuation else { return false }
        let b = punctuationBytes[i]
        if b != 0 { return b == UInt8(ascii: "-") || b == UInt8(ascii: "~") }
        let t = tokens[i].text
        return t == "-" || t == "–" || t == "—" || t == "~"
    }

    /// Where a date ends before an optional `'s` (`last year's`).
    /// OntoNotes (newswire dev) leaves the possessive outside the span: `Friday`'s.
    func skipPossessive(_ i: Int) -> Int { i }

    /// Skips an optional comma.
    func skipComma(_ i: Int) -> Int { isPunct(i, ",") ? i + 1 : i }
}
