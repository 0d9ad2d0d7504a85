import CPrefetch

/// The tagger's run-time weight layout: each feature's Int8 rows for both stages
/// interleaved in 32 bytes (tag t of stage one at byte 2t, of stage two at 2t + 1), so one
/// pass over a token's features yields both stages' emission scores from one memory read
/// per feature (the reads, not arithmetic, bound tagging speed; 2^18 rows make an 8 MB
/// table). Read as 16 Int16 lanes, a shift sign-extends stage two and stage one (stored
/// offset by 128, see `stageOneBias`) comes from the lanes' sum, each already in tag order.
/// The Int8 values are the model file's own quantised weights.
final class InterleavedWeights: @unchecked Sendable {
    let rowBits: Int
    let stageCount: Int
    let rowCount: Int
    private let rows: UnsafeMutablePointer<SIMD32<Int8>>
    /// Per stage: weight = Int8 value × scale.
    private let scales: [Float]
    /// Per stage, the 13 transition rows (score of tag t after tag p in lane t), in Float,
    /// forbidden transitions at -inf.
    private let transitions: [[SIMD16<Float>]]

    /// From Float tables (the trainer's), quantised exactly as the model file stores them.
    convenience init(stages: [NameWeights]) {
        // Encoding cannot fail to decode; the fallback only satisfies the type checker.
        let quantised = (try? NameModelFile.decodeQuantised(NameModelFile.encode(stages))) ?? []
        self.init(quantised: quantised)
    }

    init(quantised stages: [NameModelFile.QuantisedStage]) {
        precondition((1...2).contains(stages.count), "a model has one or two stages")
        let stageCount = stages.count, rowCount = 1 << stages[0].rowBits
        rowBits = stages[0].rowBits
        self.stageCount = stageCount
        self.rowCount = rowCount
        let raw = UnsafeMutableRawPointer.allocate(byteCount: rowCount * MemoryLayout<SIMD32<Int8>>.stride, alignment: 64)
        let rows = raw.bindMemory(to: SIMD32<Int8>.self, capacity: rowCount)
        // Stage one's bytes hold value + 128 (see `stageOneBias`): a zero is 0x80.
        var empty = SIMD32<Int8>()
        for t in 0..<16 { empty[2 * t] = Self.stageOneBias }
        rows.initialize(repeating: empty, count: rowCount)
        self.rows = rows
        let tags = NameTagSet.count
        for (s, stage) in stages.enumerated() {
            let bytes = raw.assumingMemoryBound(to: Int8.self)
            stage.values.withUnsafeBufferPointer { v in
                for r in 0..<rowCount {
                    for t in 0..<tags { bytes[r * 32 + 2 * t + s] = s == 0 ? v[r * tags + t] ^ Self.stageOneBias : v[r * tags + t] }
                }
            }
        }
        scales = stages.map { 1 / $0.scale }
        transitions = stages.map { stage in
            ViterbiNameDecoder.allowedTransitions((0..<UInt8(tags)).map { p in
                let r = ViterbiNameDecoder.transitionRow(previous: p, rowBits: stage.rowBits)
                var row = SIMD16<Float>()
                for t in 0..<tags { row[t] = Float(stage.values[r * tags + t]) * (1 / stage.scale) }
                return row
            })
        }
    }

    deinit { rows.deallocate() }

    /// The stages as separate Float tables again (for saving: the same Int8 values result).
    func stages() -> [NameWeights] {
        (0..<stageCount).map { s in
            let weights = NameWeights(rowBits: rowBits)
            for r in 0..<rowCount {
                var row = SIMD16<Float>()
                for t in 0..<NameTagSet.count { row[t] = Float(s == 0 ? rows[r][2 * t] ^ Self.stageOneBias : rows[r][2 * t + s]) }
                weights.rows[r] = row * scales[s]
            }
            return weights
        }
    }

    /// Stage one's bytes store value + 128 (the top bit flipped), so each Int16 lane is
    /// exactly 256 · stage two + (stage one + 128): a sum of whole lanes less 256 times the
    /// stage-two sum and 128 per row is stage one's sum, exact in Int16 for ~60 rows of ±128,
    /// one shift per row fewer than sign-extending the low bytes.
    static let stageOneBias: Int8 = -128

    /// A row as 16 Int16 lanes, each holding both stages' value for one tag.
    @inline(__always) private func pairs(_ row: Int32) -> SIMD16<Int16> {
        UnsafeRawPointer(rows + Int(row)).load(as: SIMD16<Int16>.self)
    }

    /// - Parameter stop: asked every `stopCheckInterval` sentences; when it says yes, decoding
    ///   ends early and the tags are incomplete (the caller must not use them).
    func tag(_ features: NameFeatures, sentences: [Range<Int>], stop: () -> Bool = { false }) -> [UInt8] {
        let n = features.count
        let k = features.staticRows.width
        // Filled below before any read (zero-filling them first showed in profiles).
        var first = [SIMD16<Float>](unsafeUninitializedCapacity: n) { _, count in count = n }
        // Stage two's sums of the static rows, kept for adding its own rows later. Int16
        // cannot overflow: at most ~60 rows of ±127 are added.
        let sumCount = stageCount > 1 ? n : 0
        var sums = [SIMD16<Int16>](unsafeUninitializedCapacity: sumCount) { _, count in count = sumCount }
        let bias = SIMD16<Int16>(repeating: 128 &* Int16(truncatingIfNeeded: k))
        features.staticRows.rows.withUnsafeBufferPointer { f in
            for i in 0..<n {
                // The rows of the token `prefetchDistance` ahead are asked for now: their
                // reads, mostly misses in the 8 MB table, overlap this token's sums.
                if i + Self.prefetchDistance < n {
                    let ahead = (i + Self.prefetchDistance) * k
                    for j in ahead..<(ahead + k) { ae_prefetch(rows + Int(f[j])) }
                }
                // Stage two in the high bytes (sign-extended by one shift); stage one from
                // the sum of whole lanes, less the high sums and the low bytes' bias.
                var total = SIMD16<Int16>(), high = SIMD16<Int16>()
                for j in (i * k)..<(i * k + k) {
                    let p = pairs(f[j])
                    total &+= p
                    high &+= p &>> 8
                }
                let low = total &- (high &<< 8) &- bias
                first[i] = SIMD16<Float>(low) * scales[0]
                if stageCount > 1 { sums[i] = high }
            }
        }
        let tags = decodeSentences(first, sentences, transitions[0], stop)
        guard stageCount > 1, !stop() else { return tags }
        let extra = features.stacked(on: tags)
        let w = extra.width
        var second = first
        extra.rows.withUnsafeBufferPointer { f in
            for i in 0..<n {
                var high = sums[i]
                for j in (i * w)..<(i * w + w) { high &+= pairs(f[j]) &>> 8 }
                second[i] = SIMD16<Float>(high) * scales[1]
            }
        }
        return decodeSentences(second, sentences, transitions[1], stop)
    }

    /// Sentences decoded between two asks of `stop`: often enough to end a 1 MiB text
    /// promptly, rarely enough that reading the clock costs nothing measurable.
    static let stopCheckInterval = 64

    /// How many tokens ahead the stage-one loop prefetches rows (4 measured best of 4 and 8;
    /// stage two's six rows a token gained nothing measurable from it).
    static let prefetchDistance = 4

    private func decodeSentences(_ scores: [SIMD16<Float>], _ sentences: [Range<Int>], _ allowed: [SIMD16<Float>],
                                 _ stop: () -> Bool) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(scores.count)
        var tags: [UInt8] = []
        var back: [SIMD16<UInt8>] = []
        for (i, sentence) in sentences.enumerated() {
            if i % Self.stopCheckInterval == Self.stopCheckInterval - 1, stop() { break }
            ViterbiNameDecoder.decode(scores[sentence], allowed: allowed, into: &tags, scratch: &back)
            result.append(contentsOf: tags)
        }
        return result
    }
}
