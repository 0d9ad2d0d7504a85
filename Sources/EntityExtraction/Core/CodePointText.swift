/// A text cut by Unicode code point offsets (the offsets the API and every stage of
/// extraction speak): its UTF-8 bytes and where each code point starts in them, so that
/// a slice costs one copy. `Document` cuts its tokens' text with it; the store decodes
/// mention texts kept by reference to the article text with it.
public struct CodePointText: Sendable {
    private let utf8: [UInt8]
    /// Where each code point starts in `utf8`, and one more entry for the end.
    private let offsets: [Int32]

    public init(_ text: String) {
        let utf8 = Array(text.utf8)
        var offsets: [Int32] = []
        offsets.reserveCapacity(utf8.count + 1)
        utf8.withUnsafeBufferPointer { b in
            for (i, byte) in b.enumerated() where byte & 0xC0 != 0x80 { offsets.append(Int32(truncatingIfNeeded: i)) }
        }
        offsets.append(Int32(truncatingIfNeeded: utf8.count))
        self.init(utf8: utf8, offsets: offsets)
    }

    /// From bytes already decoded (a String's, so valid UTF-8) and their code point starts.
    init(utf8: [UInt8], offsets: [Int32]) {
        self.utf8 = utf8
        self.offsets = offsets
    }

    public var count: Int { offsets.count - 1 }

    /// The text between two code point offsets, which must lie in `0...count`, start first.
    public func text(from start: Int, to end: Int) -> String {
        let range = Int(offsets[start])..<Int(offsets[end])
        return utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The text between two offsets, or nil when they do not lie in the text.
    public func slice(_ start: Int, _ end: Int) -> String? {
        guard start >= 0, start <= end, end <= count else { return nil }
        return text(from: start, to: end)
    }

    /// True when the text between the offsets is exactly `expected` (compared byte by
    /// byte, as stored), without making a String.
    public func matches(_ start: Int, _ end: Int, _ expected: String) -> Bool {
        guard start >= 0, start <= end, end <= count else { return false }
        let lo = Int(offsets[start]), hi = Int(offsets[end])
        var e = expected
        return e.withUTF8 { want in
            want.count == hi - lo && utf8.withUnsafeBufferPointer { have in
                UnsafeBufferPointer(rebasing: have[lo..<hi]).elementsEqual(want)
            }
        }
    }
}
