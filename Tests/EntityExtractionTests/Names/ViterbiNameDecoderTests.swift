import XCTest
@testable import EntityExtraction

/// The vectorised Viterbi against a brute-force search over every tag sequence.
final class ViterbiNameDecoderTests: XCTestCase {
    /// Score of a tag sequence, or nil when BILOU forbids it (an open name at the end included).
    func score(_ tags: [UInt8], _ scores: [SIMD16<Float>], _ transitions: [SIMD16<Float>]) -> Float? {
        var previous = NameTagSet.outside
        var total: Float = 0
        for (i, t) in tags.enumerated() {
            guard NameTagSet.isAllowed(t, after: previous, isLast: i == tags.count - 1) else { return nil }
            total += transitions[Int(previous)][Int(t)] + scores[i][Int(t)]
            previous = t
        }
        return total
    }

    func testDecodeFindsTheBestAllowedSequence() {
        var rng = SplitMix64(seed: 42)
        func random() -> Float { Float(rng.next() % 2001) / 100 - 10 }
        for length in 1...4 {
            for _ in 0..<5 {
                let transitions = (0..<NameTagSet.count).map { _ in SIMD16<Float>((0..<16).map { _ in random() }) }
                let scores = (0..<length).map { _ in SIMD16<Float>((0..<16).map { _ in random() }) }
                var best = -Float.infinity
                var sequence = [UInt8](repeating: 0, count: length)
                func search(_ i: Int) {
                    if i == length {
                        if let s = score(sequence, scores, transitions) { best = max(best, s) }
                        return
                    }
                    for t in 0..<UInt8(NameTagSet.count) { sequence[i] = t; search(i + 1) }
                }
                search(0)
                var tags: [UInt8] = []
                ViterbiNameDecoder.decode(scores, transitions: transitions, into: &tags)
                XCTAssertEqual(tags.count, length)
                let found = score(tags, scores, transitions)
                XCTAssertNotNil(found, "decoded an impossible sequence \(tags)")
                XCTAssertEqual(found ?? .nan, best, accuracy: 1e-3, "length \(length): \(tags)")
            }
        }
    }
}
