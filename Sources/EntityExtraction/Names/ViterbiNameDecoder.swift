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

    /// Per previous tag p, lanes t where t may follow p inside a sentence (BILOU).
    static let allowedAfter: [SIMDMask<SIMD16<Int32>>] = (0..<UInt8(16)).map { p in
        var mask = SIMDMask<SIMD16<Int32>>()
        guard Int(p) < NameTagSet.count else { return mask }
        for t in 0..<UInt8(NameTagSet.count) { mask[Int(t)] = NameTagSet.isAllowed(t, after: p, isLast: false) }
        return mask
    }
    /// Lanes of tags that close or never open a name: the only ones allowed last.
    static let closedTags: SIMDMask<SIMD16<Int32>> = {
        var mask = SIMDMask<SIMD16<Int32>>()
        for t in 0..<UInt8(NameTagSet.count) { mask[Int(t)] = !NameTagSet.isOpen(t) }
        return mask
    }()

    /// Tags for one sentence given its emission scores; never leaves an entity open at the end.
    /// Forbidden transitions count as -inf; ties go to the lowest previous tag.
    static func decode<C: RandomAccessCollection>(_ scores: C, transitions: [SIMD16<Float>], into tags: inout [UInt8])
        where C.Element == SIMD16<Float>, C.Index == Int {
        var back: [SIMD16<UInt8>] = []
        decode(scores, allowed: allowedTransitions(transitions), into: &tags, scratch: &back)
    }

    /// Transition rows with forbidden transitions at -inf (computed once per model or document).
    static func allowedTransitions(_ transitions: [SIMD16<Float>]) -> [SIMD16<Float>] {
        let minusInfinity = SIMD16<Float>(repeating: -.infinity)
        return (0..<NameTagSet.count).map { p in minusInfinity.replacing(with: transitions[p], where: allowedAfter[p]) }
    }

    /// `decode` with transitions already masked by `allowedTransitions` and a reusable
    /// back-pointer buffer, for tagging many sentences.
    ///
    /// Each step visits, for every tag, only the tags allowed before it under BILOU
    /// (`NameTagSet.predecessors`: 61 of the 169 pairs), in ascending order with a strict
    /// comparison, so ties still go to the lowest previous tag and every score is the same
    /// sum as over the masked rows (a forbidden pair at -inf never wins). Scalar code over
    /// these pairs is cheaper than vector max-and-select over all 13 rows, most of whose
    /// lanes are -inf.
    static func decode<C: RandomAccessCollection>(_ scores: C, allowed: [SIMD16<Float>], into tags: inout [UInt8],
                                                  scratch back: inout [SIMD16<UInt8>])
        where C.Element == SIMD16<Float>, C.Index == Int {
        let n = scores.count
        let base = scores.startIndex
        let tagCount = NameTagSet.count
        tags.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        let minusInfinity = SIMD16<Float>(repeating: -.infinity)
        if back.count < n { back = [SIMD16<UInt8>](repeating: SIMD16<UInt8>(), count: n) }
        // The first token follows O: allowed[0] is that row, masked already.
        var first = allowed[0] + scores[base]
        if n == 1 { first = minusInfinity.replacing(with: first, where: closedTags) }
        // Each tag's allowed predecessors with their transition scores, side by side.
        let pairCount = NameTagSet.predecessors.count
        let last: UInt8 = withUnsafeTemporaryAllocation(of: SIMD16<Float>.self, capacity: 3) { buffer in
            buffer.initialize(repeating: first)
            var previous = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: Float.self)
            var current = previous + 16
            let score = current + 16
            withUnsafeTemporaryAllocation(of: Float.self, capacity: pairCount) { pairScores in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: pairCount) { pairTags in
                NameTagSet.predecessors.withUnsafeBufferPointer { predecessors in
                    NameTagSet.predecessorStart.withUnsafeBufferPointer { starts in
                        for t in 0..<tagCount {
                            for j in starts[t]..<starts[t + 1] {
                                let p = Int(predecessors[j])
                                pairTags[j] = p
                                pairScores[j] = allowed[p][t]
                            }
                        }
                        let bilou = hasBILOULayout
                        allowed.withUnsafeBytes { allowedBytes in
                        let flat = allowedBytes.baseAddress!.assumingMemoryBound(to: Float.self)
                        back.withUnsafeMutableBytes { backBytes in
                            let backs = backBytes.baseAddress!.assumingMemoryBound(to: UInt8.self)  // [i * 16 + t]
                            for i in 1..<max(n, 1) {
                                UnsafeMutableRawPointer(score).storeBytes(of: scores[base + i], as: SIMD16<Float>.self)
                                if bilou {
                                    bilouStep(previous: previous, current: current, score: score, transitions: flat,
                                              back: backs + i &* 16)
                                } else {
                                for t in 0..<tagCount {
                                    var best = -Float.infinity
                                    var arg = 0
                                    for j in starts[t]..<starts[t + 1] {
                                        let p = pairTags[j]
                                        let candidate = previous[p] + pairScores[j]
                                        if candidate > best { best = candidate; arg = p }
                                    }
                                    current[t] = best + score[t]
                                    backs[i &* 16 &+ t] = UInt8(truncatingIfNeeded: arg)
                                }
                                }
                                // Nothing may be left open at the sentence's end.
                                if i == n - 1 {
                                    for t in 0..<tagCount where !closedTags[t] { current[t] = -.infinity }
                                }
                                swap(&previous, &current)
                            }
                        }
                        }
                    }
                }
            }
            }
            var last: UInt8 = 0
            var bestScore = -Float.infinity
            for t in 0..<UInt8(tagCount) where previous[Int(t)] > bestScore {
                bestScore = previous[Int(t)]
                last = t
            }
            return last
        }
        tags.append(contentsOf: repeatElement(0, count: n))
        tags[n - 1] = last
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { tags[i - 1] = back[i][Int(tags[i])] }
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
