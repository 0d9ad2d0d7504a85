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

    /// From Float tables (the trainer's), quantised exactly as the model file stores them.
    convenience init(stages: [NameWeights]) {
        // Encoding cannot fail to decode; the fallback only satisfies the type checker.
        let quantised = (try? NameModelFile.decodeQuantised(NameModelFile.encode(stages))) ?? []
        self.init(quantised: quantised)
    }

    init(quantised stages: [NameModelFile.QuantisedStage]) {
        precondition(!stages.isEmpty, "a model has at least one stage")
        let stageCount = stages.count, rowCount = 1 << stages[0].rowBits
        rowBits = stages[0].rowBits
        self.stageCount = stageCount
        self.rowCount = rowCount
        raw = .allocate(byteCount: rowCount * stageCount * MemoryLayout<SIMD16<Int16>>.stride, alignment: 64)
        let rows = raw.bindMemory(to: SIMD16<Int16>.self, capacity: rowCount * stageCount)
        self.rows = rows
        let tags = NameTagSet.count
        rows.initialize(repeating: SIMD16<Int16>(), count: rowCount * stageCount)
        for (s, stage) in stages.enumerated() {
            // A row's 13 Int16s are contiguous in the file: one small copy per row.
            stage.values.withUnsafeBytes { v in
                for r in 0..<rowCount {
                    UnsafeMutableRawPointer(rows + r * stageCount + s)
                        .copyMemory(from: v.baseAddress! + r * tags * 2, byteCount: tags * 2)
                }
            }
        }
        let scales = stages.map { 1 / $0.scale }
        self.scales = scales
        transitions = stages.map { stage in
            (0..<UInt8(tags)).map { p in
                let r = ViterbiNameDecoder.transitionRow(previous: p, rowBits: stage.rowBits)
                var packed = SIMD16<Int16>()
                for t in 0..<tags { packed[t] = stage.values[r * tags + t] }
                return SIMD16<Float>(packed) * (1 / stage.scale)
            }
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
