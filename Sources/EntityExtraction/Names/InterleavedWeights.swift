/// The tagger's run-time weight layout: each feature's Int8 rows for both stages side by
/// side in 32 bytes (stage one in lanes 0–15, stage two in 16–31), so one pass over a
/// token's features yields both stages' emission scores from one memory read per feature
/// (the reads, not arithmetic, bound tagging speed; 2^18 rows make an 8 MB table). The
/// Int8 values are the model file's own quantised weights.
final class InterleavedWeights: @unchecked Sendable {
    let rowBits: Int
    let stageCount: Int
    let rowCount: Int
    private let rows: UnsafeMutablePointer<SIMD32<Int8>>
    /// Per stage: weight = Int8 value × scale.
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
        precondition((1...2).contains(stages.count), "a model has one or two stages")
        let stageCount = stages.count, rowCount = 1 << stages[0].rowBits
        rowBits = stages[0].rowBits
        self.stageCount = stageCount
        self.rowCount = rowCount
        let raw = UnsafeMutableRawPointer.allocate(byteCount: rowCount * MemoryLayout<SIMD32<Int8>>.stride, alignment: 64)
        let rows = raw.bindMemory(to: SIMD32<Int8>.self, capacity: rowCount)
        rows.initialize(repeating: SIMD32<Int8>(), count: rowCount)
        self.rows = rows
        let tags = NameTagSet.count
        for (s, stage) in stages.enumerated() {
            // A row's 13 values are contiguous in the file: one small copy per row.
            stage.values.withUnsafeBytes { v in
                for r in 0..<rowCount {
                    (raw + r * 32 + s * 16).copyMemory(from: v.baseAddress! + r * tags, byteCount: tags)
                }
            }
        }
        scales = stages.map { 1 / $0.scale }
        transitions = stages.map { stage in
            (0..<UInt8(tags)).map { p in
                let r = ViterbiNameDecoder.transitionRow(previous: p, rowBits: stage.rowBits)
                var row = SIMD16<Float>()
                for t in 0..<tags { row[t] = Float(stage.values[r * tags + t]) * (1 / stage.scale) }
                return row
            }
        }
    }

    deinit { rows.deallocate() }

    /// The stages as separate Float tables again (for saving: the same Int8 values result).
    func stages() -> [NameWeights] {
        (0..<stageCount).map { s in
            let weights = NameWeights(rowBits: rowBits)
            for r in 0..<rowCount {
                var row = SIMD16<Float>()
                for t in 0..<NameTagSet.count { row[t] = Float(rows[r][s * 16 + t]) }
                weights.rows[r] = row * scales[s]
            }
            return weights
        }
    }

    /// A row as 16 Int16 lanes, each holding two neighbouring Int8 values: sign-extended
    /// with two shifts (generic SIMD widening conversions compile to lane-by-lane code).
    @inline(__always) private func widened(_ row: Int) -> (even: SIMD16<Int16>, odd: SIMD16<Int16>) {
        let pairs = UnsafeRawPointer(rows + row).load(as: SIMD16<Int16>.self)
        return ((pairs &<< 8) &>> 8, pairs &>> 8)
    }

    /// Stage `s`'s 13 scores from even/odd pair sums (lane t of the stage is lane t/2 of
    /// `even` or `odd`, offset by 8 for stage two).
    @inline(__always) private func scores(_ even: SIMD16<Int16>, _ odd: SIMD16<Int16>, stage s: Int) -> SIMD16<Float> {
        var result = SIMD16<Float>()
        let base = s * 8
        for t in 0..<NameTagSet.count { result[t] = Float(t & 1 == 0 ? even[base + t >> 1] : odd[base + t >> 1]) }
        return result * scales[s]
    }

    func tag(_ features: NameFeatures, sentences: [Range<Int>]) -> [UInt8] {
        let n = features.count
        let k = features.staticRows.width
        var first = [SIMD16<Float>](repeating: SIMD16<Float>(), count: n)
        // Sums of the static rows (both stages), kept for stage two to add its own rows.
        // Int16 cannot overflow: at most ~60 rows of ±127 are added.
        var evenSums = [SIMD16<Int16>](repeating: SIMD16<Int16>(), count: stageCount > 1 ? n : 0)
        var oddSums = evenSums
        features.staticRows.rows.withUnsafeBufferPointer { f in
            for i in 0..<n {
                var even = SIMD16<Int16>(), odd = SIMD16<Int16>()
                for j in (i * k)..<(i * k + k) {
                    let w = widened(Int(f[j]))
                    even &+= w.even
                    odd &+= w.odd
                }
                first[i] = scores(even, odd, stage: 0)
                if stageCount > 1 {
                    evenSums[i] = even
                    oddSums[i] = odd
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
                var even = evenSums[i], odd = oddSums[i]
                for j in (i * w)..<(i * w + w) {
                    let r = widened(Int(f[j]))
                    even &+= r.even
                    odd &+= r.odd
                }
                second[i] = scores(even, odd, stage: 1)
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
