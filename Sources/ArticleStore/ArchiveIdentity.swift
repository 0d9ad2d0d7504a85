import EntityExtraction
import Synchronization

/// How entities of different articles become one archive entity: same type and key, or a
/// surname-only person joined to the one full name the archive knows for it.
public enum ArchiveIdentity {
    /// A surname joins the most mentioned person with that last word when that person has
    /// at least this many times the mentions of the next one: `Trump` joins `donald trump`
    /// (900 mentions) over `ivanka trump` (200), but `Johnson` stays apart when `boris
    /// johnson` and `lyndon johnson` are mentioned alike.
    public static let surnameDominance = 4

    /// `ent_` and the first 16 hex digits of SHA-256 of type, U+001F, key: the same on every node.
    /// Remembered for the entities seen lately: the same people and places come back in
    /// article after article, and the hash was the costliest step of storing one.
    public static func id(type: EntityType, key: String) -> String {
        // Remembered by type and key as they are: joining them first cost an allocation a lookup.
        let remembered = RecentKey(type: type, key: key)
        if let known = recentIDs.withLock({ $0[remembered] }) { return known }
        let id = "ent_" + SHA256.hex(type.rawValue + "\u{1F}" + key).prefix(16)
        recentIDs.withLock { cache in
            if cache.count >= recentIDLimit { cache.removeAll(keepingCapacity: true) }
            cache[remembered] = id
        }
        return id
    }

    /// At most this many ids are remembered (about 2 MB); then the memory starts afresh.
    static let recentIDLimit = 20_000
    private struct RecentKey: Hashable {
        let type: EntityType
        let key: String
    }
    private static let recentIDs = Mutex<[RecentKey: String]>([:])

    static func isNameType(_ type: EntityType) -> Bool {
        type == .person || type == .organisation || type == .place
    }

    /// The last word of a name key of two words or more: a person's is what a surname
    /// joins; for every name type it is what `q` on `/v1/entities` also matches.
    public static func surname(type: EntityType, key: String) -> String? {
        guard isNameType(type), let space = lastSpace(of: key) else { return nil }
        let last = key[key.index(after: space)...]
        return last.isEmpty ? nil : String(last)
    }

    /// A person key of one word: a surname, once titles are gone.
    public static func isSurnameOnly(type: EntityType, key: String) -> Bool {
        type == .person && !key.isEmpty && lastSpace(of: key) == nil
    }

    /// Where the last Character that is a space starts. In ASCII text every Character is
    /// one byte (CR LF aside, which holds no space), so there it is the last space byte:
    /// found without grapheme breaking, which cost ~1,500 instructions a key.
    private static func lastSpace(of key: String) -> String.Index? {
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else { return key.lastIndex(of: " ") }
        return key.utf8.lastIndex(of: UInt8(ascii: " "))
    }

    /// A mention's text as a name seen: without a trailing possessive (`Trump's` is `Trump`)
    /// and with runs of white space as one space.
    public static func seenName(_ text: String) -> String {
        if isSeenNameAlready(text) { return text }
        if let fast = fastSeenName(text) { return fast }
        return seenNameOfCharacters(text)
    }

    /// Whether `seenName` gives the text back as it is, for most names: ASCII with no white
    /// space but single spaces inside it, and not ending in `s`, `S` or an apostrophe (the
    /// only endings the possessive rules change). Answering so spares a copy of every mention.
    static func isSeenNameAlready(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            if first == 0x20 || last == 0x20 || last == 0x73 || last == 0x53 || last == 0x27 { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                if byte >= 0x80 || (byte >= 0x09 && byte <= 0x0D) || (byte == 0x20 && previous == 0x20) { return false }
                previous = byte
            }
            return true
        }
    }

    /// `seenName` over UTF-8 bytes: the same answer without grapheme breaking, which made
    /// it thousands of instructions a mention. It holds where every Character is one scalar
    /// that cannot join its neighbours in a grapheme: ASCII (CR LF aside, white space either
    /// way; the white space is TAB to CR and SPACE) and, beyond it, cased letters,
    /// punctuation and currency signs (`Macron’s`, `Zürich`, `€`). Nil for any other text
    /// (a combining mark, other white space, scripts without case), which takes the
    /// Character rules.
    static func fastSeenName(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    i += 1
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = !out.isEmpty
                        continue
                    }
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(byte)
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard i + length <= bytes.count, isSingleScalarCharacter(bytes, at: i, length: length) else { return nil }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: bytes[i..<(i + length)])
                i += length
            }
            // A possessive `'s` / `’s` (either case) after at least one Character; then a
            // plural's `s'` / `s’` (both, in that order: `Reuters''s` is `Reuters`).
            if let last = out.last, last == 0x73 || last == 0x53 {
                let mark = apostropheLength(out, endingAt: out.count - 1)
                if mark > 0, out.count - 1 - mark > 0 { out.removeLast(1 + mark) }
            }
            let mark = apostropheLength(out, endingAt: out.count)
            if mark > 0, out.count > mark, out[out.count - mark - 1] == 0x73 { out.removeLast(mark) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The bytes of an apostrophe (`'` 1, `’` 3) ending at `end`, or 0.
    private static func apostropheLength(_ bytes: [UInt8], endingAt end: Int) -> Int {
        if end >= 1, bytes[end - 1] == 0x27 { return 1 }
        if end >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, bytes[end - 1] == 0x99 { return 3 }
        return 0
    }

    /// Whether the non-ASCII scalar of `length` bytes at `at` is a Character alone whatever
    /// surrounds it: a cased letter, punctuation or a currency sign (none of which is white
    /// space, a mark, a joiner or a prepended sign).
    private static func isSingleScalarCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> Bool {
        var value = UInt32(bytes[i]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter,
             .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
             .otherPunctuation, .currencySymbol:
            return true
        default:
            return false
        }
    }

    /// `seenName` of any text, Character by Character.
    static func seenNameOfCharacters(_ text: String) -> String {
        var words = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        for suffix in ["'s", "’s", "'S", "’S"] where words.hasSuffix(suffix) && words.count > suffix.count {
            words.removeLast(suffix.count)
            break
        }
        for suffix in ["'", "’"] where words.hasSuffix(suffix) && words.count > 1 && words.dropLast().last == "s" {
            words.removeLast()  // `Reuters'`
            break
        }
        return words
    }

    /// An article's entity as the figures' sentences see it: its archive row, type and mentions.
    /// (This and `DatedEntity` are structs, not tuples: arrays of tuples are copied and freed
    /// element by element through runtime metadata.)
    public struct SentenceEntity: Sendable {
        public var ref: Int64
        public var type: EntityType
        public var mentions: [Mention]

        public init(ref: Int64, type: EntityType, mentions: [Mention]) {
            (self.ref, self.type, self.mentions) = (ref, type, mentions)
        }
    }

    /// A date entity of an article that names a period: its position among the article's
    /// entities, value, the day number the period starts on, and mentions.
    public struct DatedEntity: Sendable {
        public var position: Int
        public var value: DateValue
        public var firstDay: Int
        public var mentions: [Mention]

        public init(position: Int, value: DateValue, firstDay: Int, mentions: [Mention]) {
            (self.position, self.value, self.firstDay, self.mentions) = (position, value, firstDay, mentions)
        }
    }

    /// Sentence entities: the archive refs of name entities with a mention wholly inside the span.
    public static func entities(in span: Range<Int>, of rows: [SentenceEntity]) -> [Int64] {
        var refs: [Int64] = []
        for row in rows where isNameType(row.type) && !refs.contains(row.ref) {
            if row.mentions.contains(where: { $0.start >= span.lowerBound && $0.end <= span.upperBound }) { refs.append(row.ref) }
        }
        return refs
    }

    /// The date a figure refers to: the date entity with a mention inside its sentence that
    /// names a calendar period, nearest the figure (ties: the earlier); nil when none does.
    /// `dates` are the article's dates that name a period, with the day number they start on.
    public static func sentenceDate(for figure: Figure, among dates: [DatedEntity])
        -> (position: Int, mention: Mention, firstDay: Int)? {
        var best: (position: Int, mention: Mention, firstDay: Int, distance: Int)?
        for d in dates {
            for m in d.mentions where m.start >= figure.sentenceStart && m.end <= figure.sentenceEnd {
                let distance = m.end <= figure.mention.start ? figure.mention.start - m.end : max(0, m.start - figure.mention.end)
                if best == nil || distance < best!.distance { best = (d.position, m, d.firstDay, distance) }
            }
        }
        return best.map { ($0.position, $0.mention, $0.firstDay) }
    }

    /// The first day of a date value (`2024-03` is 1 March), nil for a length of time.
    public static func firstDay(of value: DateValue) -> CivilDate? {
        guard let text = value.date ?? value.from else { return nil }
        return firstDay(text)
    }

    public static func firstDay(_ text: String) -> CivilDate? {
        if let fields = plainDateFields(text) { return CivilDate(year: fields.year, month: fields.month, day: fields.day) }
        let parts = text.split(separator: "-")
        guard let year = Int(parts.first ?? "") else { return nil }
        let month = parts.count > 1 ? Int(parts[1]) : 1
        let day = parts.count > 2 ? Int(parts[2]) : 1
        guard let month, let day else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// The fields of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in ASCII digits (what date values
    /// almost always are), read without splitting the text; nil for any other shape, which
    /// `firstDay` reads by its general rule (the two agree wherever this answers).
    private static func plainDateFields(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var text = text
        return text.withUTF8 { b -> (year: Int, month: Int, day: Int)? in
            guard b.count == 4 || b.count == 7 || b.count == 10 else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                    value = value * 10 + Int(b[i] - 0x30)
                }
                return value
            }
            guard let year = number(0..<4) else { return nil }
            guard b.count > 4 else { return (year, 1, 1) }
            guard b[4] == UInt8(ascii: "-"), let month = number(5..<7) else { return nil }
            guard b.count > 7 else { return (year, month, 1) }
            guard b[7] == UInt8(ascii: "-"), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
    }
}
