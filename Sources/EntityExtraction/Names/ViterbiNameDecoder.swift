/// Best BILOU tag sequence per sentence under first-order transition scores (Viterbi).
/// Transition weights live in the same hashed table as the features: the row for
/// "previous tag p" holds, in lane t, the score of tag t following p.
enum ViterbiNameDecoder {
    static func transitionRow(previous: UInt8, rowBits: Int) -> Int {
        Int(TokenHashing.combine(0x7472_616e_7369_7469, UInt64(previous) &+ 1) >> UInt64(64 - rowBits))
    }

    /// Emission scores of tokens `range` (each the sum of its feature rows).
    static func emissions(_ features: FeatureRows, extra: FeatureRows?, _ range: Range<Int>,
                          _ rows: UnsafeMutablePointer<SIMD16<Float>>, into out: inout [SIMD16<Float>]) {
        out.removeAll(keepingCapacity: true)
        let k = features.width
        features.rows.withUnsafeBufferPointer { f in
            for i in range {
                var s = SIMD16<Float>()
                for j in (i * k)..<(i * k + k) { s += rows[Int(f[j])] }
                out.append(s)
            }
        }
        guard let extra else { return }
        let w = extra.width
        extra.rows.withUnsafeBufferPointer { f in
            for (o, i) in range.enumerated() {
                var s = out[o]
                for j in (i * w)..<(i * w + w) { s += rows[Int(f[j])] }
                out[o] = s
            }
        }
    }

    /// Tags for one sentence given its emission scores; never leaves an entity open at the end.
    static func decode<C: RandomAccessCollection>(_ scores: C, transitions: [SIMD16<Float>], into tags: inout [UInt8])
        where C.Element == SIMD16<Float>, C.Index == Int {
        let n = scores.count
        let base = scores.startIndex
        @inline(__always) func emissions(_ i: Int) -> SIMD16<Float> { scores[base + i] }
        let tagCount = NameTagSet.count
        tags.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        var back = [UInt8](repeating: 0, count: n * 16)
        var previous = SIMD16<Float>(repeating: -.infinity)
        for t in 0..<UInt8(tagCount) where NameTagSet.isAllowed(t, after: NameTagSet.outside, isLast: n == 1) {
            previous[Int(t)] = transitions[0][Int(t)] + emissions(0)[Int(t)]
        }
        for i in 1..<max(n, 1) {
            var current = SIMD16<Float>(repeating: -.infinity)
            let isLast = i == n - 1
            NameTagSet.predecessors.withUnsafeBufferPointer { preds in
                NameTagSet.predecessorStart.withUnsafeBufferPointer { starts in
                    for t in 0..<tagCount {
                        // Nothing may be left open at the sentence's end.
                        if isLast, t != 0, (t - 1) % 4 < 2 { continue }
                        var best = -Float.infinity
                        var arg: UInt8 = 0
                        for k in starts[t]..<starts[t + 1] {
                            let p = Int(preds[k])
                            let s = previous[p] + transitions[p][t]
                            if s > best { best = s; arg = UInt8(p) }
                        }
                        current[t] = best + emissions(i)[t]
                        back[i * 16 + t] = arg
                    }
                }
            }
            previous = current
        }
        var last: UInt8 = 0
        var bestScore = -Float.infinity
        for t in 0..<UInt8(tagCount) where previous[Int(t)] > bestScore {
            bestScore = previous[Int(t)]
            last = t
        }
        tags = [UInt8](repeating: 0, count: n)
        tags[n - 1] = last
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { tags[i - 1] = back[i * 16 + Int(tags[i])] }
        }
    }

    /// The whole document's tags, sentence by sentence.
    static func tagDocument(_ features: FeatureRows, extra: FeatureRows? = nil, sentences: [Range<Int>], weights: NameWeights) -> [UInt8] {
        var transitions: [SIMD16<Float>] = []
        for p in 0..<UInt8(NameTagSet.count) {
            transitions.append(weights.rows[transitionRow(previous: p, rowBits: weights.rowBits)])
        }
        var result: [UInt8] = []
        result.reserveCapacity(features.rows.count / max(features.width, 1))
        var scores: [SIMD16<Float>] = []
        var tags: [UInt8] = []
        for sentence in sentences {
            emissions(features, extra: extra, sentence, weights.rows, into: &scores)
            decode(scores, transitions: transitions, into: &tags)
            result.append(contentsOf: tags)
        }
        return result
    }
}
