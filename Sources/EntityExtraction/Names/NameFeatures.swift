/// Turns a document into hashed feature rows for the tagger: `count` rows per token, all
/// computed once per document (word, shape, affixes, context words, gazetteer, how the
/// word is capitalised elsewhere in the article). Tag transitions are scored by the decoder.
struct NameFeatures {
    static let staticCount = 26 + Gazetteer.Kind.allCases.count + 15

    /// Lower-case words that link capitalised words inside one name.
    static let linkWords: Set<UInt64> = Set(["of", "for", "the", "and", "de", "du", "la", "on", "&"].map {
        let scalars = Array($0.unicodeScalars)
        return TokenHashing.lowerHash(scalars, 0, scalars.count)
    })

    @inline(__always) static func isLowercaseLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? c.value >= 97 && c.value <= 122 : c.properties.isLowercase
    }

    let count: Int
    let rowBits: Int
    /// `count × staticCount` row indices.
    private(set) var staticRows: FeatureRows
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
        // Token fields the feature loop reads, copied out once: reading them through
        // `tokens[i]` copied the whole token (two strings retained) for every feature.
        var starts = [Int](repeating: 0, count: n), ends = [Int](repeating: 0, count: n)
        var newlineBefore = [Bool](repeating: false, count: n), joinedToPrevious = [Bool](repeating: false, count: n)
        for (i, t) in tokens.enumerated() {
            starts[i] = t.start
            ends[i] = t.end
            newlineBefore[i] = t.newlineBefore
            joinedToPrevious[i] = t.joinedToPrevious
            lower[i] = TokenHashing.lowerHash(s, t.start, t.end)
            shape[i] = TokenHashing.shapeHash(s, t.start, t.end)
            exact[i] = TokenHashing.exactHash(s, t.start, t.end)
            isWord[i] = t.kind == .word
            if isWord[i] {
                let c = s[t.start]
                if c.value < 128 {
                    capitalised[i] = c.value >= 65 && c.value <= 90
                    startsLowercase[i] = c.value >= 97 && c.value <= 122
                } else {
                    capitalised[i] = c.properties.isUppercase
                    startsLowercase[i] = c.properties.isLowercase
                }
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
        for i in 0..<n where newlineBefore[i] { position[i] = 0 }
        // Article-wide evidence: is this word also written in lower case, or capitalised
        // where capitals are not forced, somewhere in the article?
        var lowerSeen = HashTable64(capacity: n)
        var capitalSeenInside = HashTable64(capacity: n)
        for i in 0..<n where isWord[i] {
            if startsLowercase[i] { lowerSeen.insert(lower[i]) }
            if capitalised[i], position[i] == 2 { capitalSeenInside.insert(lower[i]) }
        }
        let gaz = gazetteer.marks(lowerHashes: lower, isWord: isWord)

        let none: UInt64 = 0x1234_5678_9abc_def0
        @inline(__always) func at(_ a: [UInt64], _ i: Int) -> UInt64 { i >= 0 && i < n ? a[i] : none &+ UInt64(i < 0 ? 1 : 2) }
        // Filled through a raw pointer: array writes from the nested `put` paid for
        // uniqueness and exclusivity checks on every feature (seen in profiles).
        let out = UnsafeMutablePointer<Int32>.allocate(capacity: max(n * NameFeatures.staticCount, 1))
        defer { out.deallocate() }
        let shift = UInt64(64 - rowBits)
        @inline(__always) func row(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> Int32 {
            Int32(truncatingIfNeeded: TokenHashing.featureHash(template, a, b) >> shift)
        }
        var suffix3 = [UInt64](repeating: 0, count: n)
        for i in 0..<n { suffix3[i] = TokenHashing.suffixHash(s, starts[i], ends[i], 3) }
        // Runs of capitalised words (`Institute for the Study of War` counts as one run:
        // short lower-case links inside are kept), as (length capped at 5, place in run).
        var runCode = [UInt64](repeating: 0, count: n)
        var i0 = 0
        while i0 < n {
            guard capitalised[i0] else { i0 += 1; continue }
            var j = i0 + 1
            while j < n {
                if capitalised[j] { j += 1; continue }
                var k = j
                while k < n, k - j < 2, NameFeatures.linkWords.contains(lower[k]) { k += 1 }
                guard k > j, k < n, capitalised[k] else { break }
                j = k + 1
            }
            let length = min(j - i0, 5)
            for k in i0..<j where capitalised[k] {
                let place: UInt64 = j - i0 == 1 ? 0 : (k == i0 ? 1 : (k == j - 1 ? 3 : 2))
                runCode[k] = UInt64(length) << 4 | place
            }
            i0 = j
        }
        // Headlines and captions in capitals: case says nothing there.
        var sentenceAllCaps = [Bool](repeating: false, count: n)
        for sentence in document.sentences {
            var letters = 0, upper = 0
            for k in sentence where isWord[k] {
                letters += 1
                if !(starts[k]..<ends[k]).contains(where: { NameFeatures.isLowercaseLetter(s[$0]) }) { upper += 1 }
            }
            if letters >= 2, upper == letters { for k in sentence { sentenceAllCaps[k] = true } }
        }
        var cluster = [UInt64](repeating: 0, count: n)
        for i in 0..<n where isWord[i] { cluster[i] = gazetteer.cluster(lower[i]) }
        for i in 0..<n {
            let (start, end) = (starts[i], ends[i])
            var b = i * NameFeatures.staticCount
            @inline(__always) func put(_ value: Int32) { out[b] = value; b += 1 }
            let cap: UInt64 = capitalised[i] ? 1 : 0
            let sh = shape[i]
            put(row(1, 0))
            put(row(2, lower[i]))
            put(row(3, exact[i]))
            put(row(4, sh))
            put(row(5, TokenHashing.suffixHash(s, start, end, 2)))
            put(row(6, suffix3[i]))
            put(row(7, TokenHashing.suffixHash(s, start, end, 4)))
            put(row(8, TokenHashing.prefixHash(s, start, end, 3)))
            put(row(9, at(lower, i - 1)))
            put(row(10, at(lower, i + 1)))
            put(row(11, at(lower, i - 2)))
            put(row(12, at(lower, i + 2)))
            put(row(13, at(shape, i - 1)))
            put(row(14, at(shape, i + 1)))
            put(row(15, at(lower, i - 1), lower[i]))
            put(row(16, lower[i], at(lower, i + 1)))
            put(row(17, at(lower, i - 1), sh))
            put(row(18, sh, at(lower, i + 1)))
            put(row(19, TokenHashing.combine(at(shape, i - 1), sh), at(shape, i + 1)))
            put(row(20, UInt64(position[i]), sh))
            put(row(21, UInt64(gaz[i]), cap))
            put(row(22, i > 0 ? UInt64(gaz[i - 1]) : 1 << 40))
            put(row(23, i + 1 < n ? UInt64(gaz[i + 1]) : 1 << 40))
            let doc = (lowerSeen.contains(lower[i]) ? 1 : 0) | (capitalSeenInside.contains(lower[i]) ? 2 : 0)
                | (position[i] == 2 ? 0 : 4) | (capitalised[i] ? 8 : 0)
            put(row(24, UInt64(doc)))
            let newlineAfter = i + 1 < n ? newlineBefore[i + 1] : true
            let line = (newlineBefore[i] ? 1 : 0) | (newlineAfter ? 2 : 0)
            put(row(25, UInt64(line), sh))
            let joinedAfter = i + 1 < n ? joinedToPrevious[i + 1] : false
            let joined = (joinedToPrevious[i] ? 1 : 0) | (joinedAfter ? 2 : 0)
            put(row(26, UInt64(joined), at(lower, i + 1) ^ at(lower, i - 1)))
            for kind in 0..<Gazetteer.Kind.allCases.count {
                put(row(27 + UInt64(kind), UInt64((gaz[i] >> UInt32(kind * 4)) & 0xF), cap))
            }
            put(row(40, at(lower, i - 2), at(lower, i - 1)))
            put(row(41, at(lower, i + 1), at(lower, i + 2)))
            put(row(42, at(suffix3, i - 1)))
            put(row(43, at(suffix3, i + 1)))
            put(row(44, runCode[i], UInt64(position[i] == 2 ? 0 : 1)))
            put(row(45, at(shape, i - 2)))
            put(row(46, at(shape, i + 2)))
            put(row(47, TokenHashing.combine(at(lower, i - 1), lower[i]), at(lower, i + 1)))
            put(row(48, sentenceAllCaps[i] ? 1 : 0, sh))
            put(row(50, cluster[i]))
            put(row(51, cluster[i] == 0 ? 999 : (cluster[i] - 1) >> 3))
            put(row(52, at(cluster, i - 1)))
            put(row(53, at(cluster, i + 1)))
            put(row(54, cluster[i], cap))
            put(row(55, at(cluster, i - 1), at(cluster, i + 1)))
        }
        staticRows = FeatureRows(rows: Array(UnsafeBufferPointer(start: out, count: n * NameFeatures.staticCount)),
                                 width: NameFeatures.staticCount)
    }

    static let stackedCount = 6

    /// The second stage's extra rows (it reads the static rows too): features of the first stage's tags,
    /// here and for the same word elsewhere in the article (so `Stoltenberg` alone follows
    /// `Jens Stoltenberg`, and one spelling gets one type throughout).
    func stacked(on firstStage: [UInt8]) -> FeatureRows {
        let n = count
        let width = NameFeatures.stackedCount
        // Per capitalised word: how often stage one gave it each type, alone (U) or inside a
        // longer name (B, I, L): lanes 0 = O, 1...3 = alone as type, 4...6 = in a longer name.
        var slots = HashTable64(capacity: n)
        var counts: [SIMD8<UInt16>] = []
        var slot = [Int](repeating: -1, count: n)
        var category = [Int](repeating: -1, count: n)
        for i in 0..<n where capitalised[i] {
            let tag = firstStage[i]
            var c = 0
            if tag != NameTagSet.outside {
                c = 1 + NameTagSet.typeIndex(tag) + (NameTagSet.position(tag) == .unit ? 0 : 3)
            }
            category[i] = c
            let k = Int(slots.value(lower[i]) { counts.append(SIMD8<UInt16>()); return UInt32(counts.count - 1) })
            slot[i] = k
            counts[k][c] &+= 1
        }
        // Bits of what the word was at other positions, and its most frequent reading.
        func elsewhere(_ i: Int) -> UInt64 {
            guard i >= 0, i < n, category[i] >= 0 else { return 0xFFF }
            var c = counts[slot[i]]
            c[category[i]] &-= 1
            var bits: UInt64 = 0
            var best = 0
            for k in 0..<7 {
                if c[k] > 0 { bits |= 1 << UInt64(k) }
                if c[k] > c[best] { best = k }
            }
            return bits == 0 ? 0x800 : bits | UInt64(best) << 8
        }
        let shift = UInt64(64 - rowBits)
        @inline(__always) func row(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> Int32 {
            Int32(truncatingIfNeeded: TokenHashing.featureHash(template, a, b) >> shift)
        }
        @inline(__always) func tag(_ i: Int) -> UInt64 { i >= 0 && i < n ? UInt64(firstStage[i]) : 99 }
        var rows = [Int32](repeating: 0, count: n * width)
        for i in 0..<n {
            let here = elsewhere(i)
            let s = i * width
            rows[s] = row(201, tag(i))
            rows[s + 1] = row(202, tag(i - 1), tag(i + 1))
            rows[s + 2] = row(203, here, capitalised[i] ? 1 : 0)
            rows[s + 3] = row(204, here, tag(i))
            rows[s + 4] = row(205, elsewhere(i + 1), tag(i + 1))
            rows[s + 5] = row(206, elsewhere(i - 1), tag(i - 1))
        }
        return FeatureRows(rows: rows, width: width)
    }
}

/// Feature row indices for a document: `width` per token.
struct FeatureRows: Sendable {
    var rows: [Int32]
    var width: Int
}
