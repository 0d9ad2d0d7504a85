/// The tagger's run-time weight layout: each feature's Int16 rows for both stages side
/// by side in one 64-byte cache line, so one pass over a token's features yields both
/// stages' emission scores from one memory read per feature (the reads, not arithmetic,
/// bound tagging speed). The Int16 values are the model file's own quantised weights.
final class InterleavedWeights: @unchecked Sendable {
    let rowBits: Int
    let stageCount: Int
    let rowCount: Int
    private let raw: UnsafeMutableRawPointer
    private let rows: UnsafeMutablePointer<SIMD16<Int16>>
    /// Per stage: weight = Int16 value × scale.
    private let scales: [Float]
    /// Per stage, the 13 transition rows (score of tag t after tag p in lane t), in Float.
    private let transitions: [[SIMD16<Float>]]

    init(stages: [NameWeights]) {
        rowBits = stages[0].rowBits
        stageCount = stages.count
        rowCount = stages[0].rowCount
        raw = .allocate(byteCount: rowCount * stageCount * MemoryLayout<SIMD16<Int16>>.stride, alignment: 64)
        rows = raw.bindMemory(to: SIMD16<Int16>.self, capacity: rowCount * stageCount)
        var scales: [Float] = []
        for (s, weights) in stages.enumerated() {
            let q = NameModelFile.quantisation(weights)
            scales.append(1 / q)
            for r in 0..<rowCount {
                let row = weights.rows[r]
                var packed = SIMD16<Int16>()
                for t in 0..<NameTagSet.count { packed[t] = Int16((row[t] * q).rounded()) }
                (rows + r * stageCount + s).initialize(to: packed)
            }
        }
        self.scales = scales
        transitions = stages.map { weights in
            (0..<UInt8(NameTagSet.count)).map { weights.rows[ViterbiNameDecoder.transitionRow(previous: $0, rowBits: weights.rowBits)] }
        }
    }

    deinit { raw.deallocate() }

    /// The stages as separate Float tables again (for saving: the same Int16 values result).
    func stages() -> [NameWeights] {
        (0..<stageCount).map { s in
            let weights = NameWeights(rowBits: rowBits)
            for r in 0..<rowCount { weights.rows[r] = SIMD16<Float>(rows[r * stageCount + s]) * scales[s] }
            return weights
        }
    }

    func tag(_ features: NameFeatures, sentences: [Range<Int>]) -> [UInt8] {
        let n = features.count
        let k = features.staticRows.width
        var first = [SIMD16<Float>](repeating: SIMD16<Float>(), count: n)
        var sums = [SIMD16<Int32>](repeating: SIMD16<Int32>(), count: stageCount > 1 ? n : 0)
        features.staticRows.rows.withUnsafeBufferPointer { f in
            if stageCount == 1 {
                for i in 0..<n {
                    var a = SIMD16<Int32>()
                    for j in (i * k)..<(i * k + k) { a &+= SIMD16<Int32>(truncatingIfNeeded: rows[Int(f[j])]) }
                    first[i] = SIMD16<Float>(a) * scales[0]
                }
            } else {
                for i in 0..<n {
                    var a = SIMD16<Int32>(), b = SIMD16<Int32>()
                    for j in (i * k)..<(i * k + k) {
                        let r = rows + Int(f[j]) * 2
                        a &+= SIMD16<Int32>(truncatingIfNeeded: r[0])
                        b &+= SIMD16<Int32>(truncatingIfNeeded: r[1])
                    }
                    first[i] = SIMD16<Float>(a) * scales[0]
                    sums[i] = b
                }
            }
        }
        let tags = decodeSentences(first, sentences, transitions[0])
        guard stageCount > 1 else { return tags }
        let extra = features.stacked(on: tags)
        let w = extra.width
        var second = first
        extra.rows.withUnsafeBufferPointer { f in
            for i in 0..<n {
                var b = sums[i]
                for j in (i * w)..<(i * w + w) { b &+= SIMD16<Int32>(truncatingIfNeeded: rows[Int(f[j]) * 2 + 1]) }
                second[i] = SIMD16<Float>(b) * scales[1]
            }
        }
        return decodeSentences(second, sentences, transitions[1])
    }

    private func decodeSentences(_ scores: [SIMD16<Float>], _ sentences: [Range<Int>], _ transitions: [SIMD16<Float>]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(scores.count)
        var tags: [UInt8] = []
        for sentence in sentences {
            ViterbiNameDecoder.decode(scores[sentence], transitions: transitions, into: &tags)
            result.append(contentsOf: tags)
        }
        return result
    }
}
