/// Turns a document into hashed feature rows for the tagger: `count` rows per token, all
/// computed once per document (word, shape, affixes, context words, gazetteer, how the
/// word is capitalised elsewhere in the article). Tag transitions are scored by the decoder.
struct NameFeatures {
    static let staticCount = 31

    let count: Int
    let rowBits: Int
    /// `count × staticCount` row indices.
    private(set) var staticRows: [Int32]
    private(set) var lower: [UInt64]
    private(set) var shape: [UInt64]
    /// Whether the token is a word with an upper-case first letter (history is kept for these).
    private(set) var capitalised: [Bool]

    init(document: Document, gazetteer: Gazetteer, rowBits: Int) {
        let tokens = document.tokens
        let s = document.scalars
        let n = tokens.count
        count = n
        self.rowBits = rowBits
        lower = [UInt64](repeating: 0, count: n)
        shape = [UInt64](repeating: 0, count: n)
        capitalised = [Bool](repeating: false, count: n)
        var exact = [UInt64](repeating: 0, count: n)
        var isWord = [Bool](repeating: false, count: n)
        var startsLowercase = [Bool](repeating: false, count: n)
        for (i, t) in tokens.enumerated() {
            lower[i] = TokenHashing.lowerHash(s, t.start, t.end)
            shape[i] = TokenHashing.shapeHash(s, t.start, t.end)
            exact[i] = TokenHashing.exactHash(s, t.start, t.end)
            isWord[i] = t.kind == .word
            if isWord[i] {
                let p = s[t.start].properties
                capitalised[i] = p.isUppercase
                startsLowercase[i] = p.isLowercase
            }
        }
        // Position in sentence: 0 first token, 1 first after an opening quote or bracket, 2 later.
        var position = [UInt8](repeating: 2, count: n)
        for sentence in document.sentences where !sentence.isEmpty {
            position[sentence.lowerBound] = 0
            if sentence.count > 1, tokens[sentence.lowerBound].kind == .punctuation {
                position[sentence.lowerBound + 1] = 1
            }
        }
        for i in 0..<n where tokens[i].newlineBefore { position[i] = 0 }
        // Article-wide evidence: is this word also written in lower case, or capitalised
        // where capitals are not forced, somewhere in the article?
        var lowerSeen = Set<UInt64>()
        var capitalSeenInside = Set<UInt64>()
        for i in 0..<n where isWord[i] {
            if startsLowercase[i] { lowerSeen.insert(lower[i]) }
            if capitalised[i], position[i] == 2 { capitalSeenInside.insert(lower[i]) }
        }
        let gaz = gazetteer.marks(lowerHashes: lower, isWord: isWord)

        let none: UInt64 = 0x1234_5678_9abc_def0
        @inline(__always) func at(_ a: [UInt64], _ i: Int) -> UInt64 { i >= 0 && i < n ? a[i] : none &+ UInt64(i < 0 ? 1 : 2) }
        var rows = [Int32](repeating: 0, count: n * NameFeatures.staticCount)
        let shift = UInt64(64 - rowBits)
        @inline(__always) func row(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> Int32 {
            Int32(truncatingIfNeeded: TokenHashing.combine(TokenHashing.combine(template &* 0x2545_f491_4f6c_dd1d, a), b) >> shift)
        }
        for i in 0..<n {
            let t = tokens[i]
            let b = i * NameFeatures.staticCount
            let cap: UInt64 = capitalised[i] ? 1 : 0
            let sh = shape[i]
            rows[b + 0] = row(1, 0)
            rows[b + 1] = row(2, lower[i])
            rows[b + 2] = row(3, exact[i])
            rows[b + 3] = row(4, sh)
            rows[b + 4] = row(5, TokenHashing.suffixHash(s, t.start, t.end, 2))
            rows[b + 5] = row(6, TokenHashing.suffixHash(s, t.start, t.end, 3))
            rows[b + 6] = row(7, TokenHashing.suffixHash(s, t.start, t.end, 4))
            rows[b + 7] = row(8, TokenHashing.prefixHash(s, t.start, t.end, 3))
            rows[b + 8] = row(9, at(lower, i - 1))
            rows[b + 9] = row(10, at(lower, i + 1))
            rows[b + 10] = row(11, at(lower, i - 2))
            rows[b + 11] = row(12, at(lower, i + 2))
            rows[b + 12] = row(13, at(shape, i - 1))
            rows[b + 13] = row(14, at(shape, i + 1))
            rows[b + 14] = row(15, at(lower, i - 1), lower[i])
            rows[b + 15] = row(16, lower[i], at(lower, i + 1))
            rows[b + 16] = row(17, at(lower, i - 1), sh)
            rows[b + 17] = row(18, sh, at(lower, i + 1))
            rows[b + 18] = row(19, TokenHashing.combine(at(shape, i - 1), sh), at(shape, i + 1))
            rows[b + 19] = row(20, UInt64(position[i]), sh)
            rows[b + 20] = row(21, UInt64(gaz[i]), cap)
            rows[b + 21] = row(22, i > 0 ? UInt64(gaz[i - 1]) : 1 << 40)
            rows[b + 22] = row(23, i + 1 < n ? UInt64(gaz[i + 1]) : 1 << 40)
            let doc = (lowerSeen.contains(lower[i]) ? 1 : 0) | (capitalSeenInside.contains(lower[i]) ? 2 : 0)
                | (position[i] == 2 ? 0 : 4) | (capitalised[i] ? 8 : 0)
            rows[b + 23] = row(24, UInt64(doc))
            let newlineAfter = i + 1 < n ? tokens[i + 1].newlineBefore : true
            let line = (t.newlineBefore ? 1 : 0) | (newlineAfter ? 2 : 0)
            rows[b + 24] = row(25, UInt64(line), sh)
            let joinedAfter = i + 1 < n ? tokens[i + 1].joinedToPrevious : false
            let joined = (t.joinedToPrevious ? 1 : 0) | (joinedAfter ? 2 : 0)
            rows[b + 25] = row(26, UInt64(joined), at(lower, i + 1) ^ at(lower, i - 1))
            for kind in 0..<5 {
                rows[b + 26 + kind] = row(27 + UInt64(kind), UInt64((gaz[i] >> UInt32(kind * 4)) & 0xF), cap)
            }
        }
        staticRows = rows
    }
}
