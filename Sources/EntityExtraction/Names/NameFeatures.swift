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
        let n = tokens.count
        count = n
        self.rowBits = rowBits
        precondition(Gazetteer.Kind.allCases.count == 8, "NameFeatureInputs writes one template per gazetteer kind, 8")
        let words = NameTokenHashes(tokens: tokens, scalars: document.scalars)
        lower = words.lower
        shape = words.shape
        capitalised = words.capitalised
        let isWord = words.isWord
        var newlineBefore = [Bool](repeating: false, count: n), joinedToPrevious = [Bool](repeating: false, count: n)
        tokens.withUnsafeBufferPointer { tb in
            for i in 0..<n {
                newlineBefore[i] = tb[i].newlineBefore
                joinedToPrevious[i] = tb[i].joinedToPrevious
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
            if words.startsLowercase[i] { lowerSeen.insert(lower[i]) }
            if capitalised[i], position[i] == 2 { capitalSeenInside.insert(lower[i]) }
        }
        let gaz = gazetteer.marks(lowerHashes: lower, isWord: isWord)
        let runCode = NameFeatures.runCodes(lower: lower, capitalised: capitalised)
        // Headlines and captions in capitals: case says nothing there.
        var sentenceAllCaps = [Bool](repeating: false, count: n)
        for sentence in document.sentences {
            var letters = 0, upper = 0
            for k in sentence where isWord[k] {
                letters += 1
                if words.hasNoLowercase[k] { upper += 1 }
            }
            if letters >= 2, upper == letters { for k in sentence { sentenceAllCaps[k] = true } }
        }
        var cluster = [UInt64](repeating: 0, count: n)
        for i in 0..<n where isWord[i] { cluster[i] = gazetteer.cluster(lower[i]) }
        var token = NameFeatureInputs(count: n)
        for i in 0..<n {
            token.set(i, lower: lower[i], shape: shape[i], suffix3: words.suffix3[i], cluster: cluster[i], gaz: UInt64(gaz[i]))
            var doc = (lowerSeen.contains(lower[i]) ? 1 : 0) | (capitalSeenInside.contains(lower[i]) ? 2 : 0)
            doc |= (position[i] == 2 ? 0 : 4) | (capitalised[i] ? 8 : 0)
            let newlineAfter = i + 1 < n ? newlineBefore[i + 1] : true
            let joinedAfter = i + 1 < n ? joinedToPrevious[i + 1] : false
            token.code.append(NameFeatureInputs.Codes(
                exact: words.exact[i], suffix2: words.suffix2[i], suffix4: words.suffix4[i], prefix3: words.prefix3[i],
                position: UInt64(position[i]), doc: UInt64(doc),
                line: UInt64((newlineBefore[i] ? 1 : 0) | (newlineAfter ? 2 : 0)),
                joined: UInt64((joinedToPrevious[i] ? 1 : 0) | (joinedAfter ? 2 : 0)),
                run: runCode[i], cap: capitalised[i] ? 1 : 0, allCaps: sentenceAllCaps[i] ? 1 : 0))
        }
        staticRows = FeatureRows(rows: token.rows(rowBits: rowBits), width: NameFeatures.staticCount)
    }

    /// Runs of capitalised words (`Institute for the Study of War` counts as one run: short
    /// lower-case links inside are kept), as (length capped at 5, place in run) per token.
    static func runCodes(lower: [UInt64], capitalised: [Bool]) -> [UInt64] {
        let n = lower.count
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
        return runCode
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
        // Bits of what the word was at other positions, and its most frequent reading: once
        // per token (three rows read it, at the token and at each neighbour).
        let elsewhereCodes = (0..<n).map { i -> UInt64 in
            guard category[i] >= 0 else { return 0xFFF }
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
        @inline(__always) func elsewhere(_ i: Int) -> UInt64 { i >= 0 && i < n ? elsewhereCodes[i] : 0xFFF }
        let shift = UInt64(64 - rowBits)
        @inline(__always) func row(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> Int32 {
            Int32(truncatingIfNeeded: TokenHashing.featureHash(template, a, b) >> shift)
        }
        @inline(__always) func tag(_ i: Int) -> UInt64 { i >= 0 && i < n ? UInt64(firstStage[i]) : 99 }
        // Every entry written below before it is read: no zero fill first.
        let rows = [Int32](unsafeUninitializedCapacity: n * width) { out, initialised in
            for i in 0..<n {
                let here = elsewhere(i)
                let s = i * width
                out[s] = row(201, tag(i))
                out[s + 1] = row(202, tag(i - 1), tag(i + 1))
                out[s + 2] = row(203, here, capitalised[i] ? 1 : 0)
                out[s + 3] = row(204, here, tag(i))
                out[s + 4] = row(205, elsewhere(i + 1), tag(i + 1))
                out[s + 5] = row(206, elsewhere(i - 1), tag(i - 1))
            }
            initialised = n * width
        }
        return FeatureRows(rows: rows, width: width)
    }
}

/// Feature row indices for a document: `width` per token.
struct FeatureRows: Sendable {
    var rows: [Int32]
    var width: Int
}
