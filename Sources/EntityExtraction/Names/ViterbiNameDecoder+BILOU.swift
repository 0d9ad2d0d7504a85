extension ViterbiNameDecoder {
    /// The tags that close or never open a name (O, every L and U), ascending: under BILOU
    /// they are the predecessors of O, B and U; I and L of a type follow only its B and I.
    static let closedPredecessors: [Int] = [0, 3, 4, 7, 8, 11, 12]
    static let closedFollowers: [Int] = [0, 1, 4, 5, 8, 9, 12]

    /// Whether `NameTagSet` has the layout `bilouStep` is written for (13 tags, 1 + 4·type +
    /// position, and exactly the predecessors it visits); otherwise the general loop runs.
    static let hasBILOULayout: Bool = {
        guard NameTagSet.count == 13 else { return false }
        var expected: [UInt8] = []
        for t in 0..<13 {
            if closedFollowers.contains(t) {
                expected += closedPredecessors.map { UInt8($0) }
            } else {
                let b = 1 + 4 * ((t - 1) / 4)
                expected += [UInt8(b), UInt8(b + 1)]
            }
        }
        return expected == NameTagSet.predecessors
    }()

    /// One Viterbi step over the BILOU layout with each tag's predecessors unrolled: the same
    /// sums, visited in the same ascending order with the same strict comparison, as the
    /// general loop over `NameTagSet.predecessors` (ties to the lowest previous tag), without
    /// its per-pair index loads. `transitions` holds the masked rows, 16 Floats a row.
    @inline(__always)
    static func bilouStep(previous: UnsafePointer<Float>, current: UnsafeMutablePointer<Float>, score: UnsafePointer<Float>,
                          transitions tr: UnsafePointer<Float>, back: UnsafeMutablePointer<UInt8>) {
        let p0 = previous[0], p3 = previous[3], p4 = previous[4], p7 = previous[7]
        let p8 = previous[8], p11 = previous[11], p12 = previous[12]
        @inline(__always) func consider(_ candidate: Float, _ p: Int, _ best: inout Float, _ arg: inout Int) {
            if candidate > best { best = candidate; arg = p }
        }
        // Unrolled by hand: looping over arrays of the tags cost more than the sums.
        @inline(__always) func closed(_ t: Int) {
            var best = -Float.infinity, arg = 0
            consider(p0 + tr[t], 0, &best, &arg)
            consider(p3 + tr[3 * 16 + t], 3, &best, &arg)
            consider(p4 + tr[4 * 16 + t], 4, &best, &arg)
            consider(p7 + tr[7 * 16 + t], 7, &best, &arg)
            consider(p8 + tr[8 * 16 + t], 8, &best, &arg)
            consider(p11 + tr[11 * 16 + t], 11, &best, &arg)
            consider(p12 + tr[12 * 16 + t], 12, &best, &arg)
            current[t] = best + score[t]
            back[t] = UInt8(truncatingIfNeeded: arg)
        }
        closed(0); closed(1); closed(4); closed(5); closed(8); closed(9); closed(12)
        @inline(__always) func inside(_ b: Int, _ t: Int) {
            var best = -Float.infinity, arg = 0
            consider(previous[b] + tr[b * 16 + t], b, &best, &arg)
            consider(previous[b + 1] + tr[(b + 1) * 16 + t], b + 1, &best, &arg)
            current[t] = best + score[t]
            back[t] = UInt8(truncatingIfNeeded: arg)
        }
        inside(1, 2); inside(1, 3); inside(5, 6); inside(5, 7); inside(9, 10); inside(9, 11)
    }
}
