/// A text cut by Unicode code point offsets (the offsets the API and every stage of
/// extraction speak): its UTF-8 bytes and where each code point starts in them, so that
/// a slice costs one copy. `Document` cuts its tokens' text with it; the store decodes
/// mention texts kept by reference to the article text with it.
public struct CodePointText: Sendable {
    private let utf8: [UInt8]
    /// Where each code point starts in `utf8`, and one more entry for the end; empty when
    /// the text is ASCII (each code point one byte), which most news text is.
    private let offsets: [Int32]

    public init(_ text: String) {
        self.init(utf8: Array(text.utf8))
    }

    /// From the bytes of a String (valid UTF-8), as a database column gives them.
    public init(utf8: [UInt8]) {
        // Eight bytes at a time: figures' context builds one of these per article of a page.
        let ascii = utf8.withUnsafeBytes { raw -> Bool in
            var i = 0
            while i + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < raw.count {
                if raw[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
        guard !ascii else {
            self.init(utf8: utf8, offsets: [])
            return
        }
        let starts = utf8.withUnsafeBufferPointer { b -> Int in
            var n = 0
            for byte in b where byte & 0xC0 != 0x80 { n += 1 }
            return n
        }
        let offsets = [Int32](unsafeUninitializedCapacity: starts + 1) { out, initialized in
            utf8.withUnsafeBufferPointer { b in
                var k = 0
                for i in 0..<b.count where b[i] & 0xC0 != 0x80 {
                    out[k] = Int32(truncatingIfNeeded: i)
                    k += 1
                }
                out[k] = Int32(truncatingIfNeeded: b.count)
                initialized = k + 1
            }
        }
        self.init(utf8: utf8, offsets: offsets)
    }

    /// From bytes already decoded (a String's, so valid UTF-8) and their code point starts
    /// (or none: ASCII).
    init(utf8: [UInt8], offsets: [Int32]) {
        self.utf8 = utf8
        self.offsets = offsets
    }

    public var count: Int { offsets.isEmpty ? utf8.count : offsets.count - 1 }

    private func byteOffset(_ codePoint: Int) -> Int { offsets.isEmpty ? codePoint : Int(offsets[codePoint]) }

    /// The text between two code point offsets, which must lie in `0...count`, start first.
    public func text(from start: Int, to end: Int) -> String {
        let range = byteOffset(start)..<byteOffset(end)
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
        let lo = byteOffset(start), hi = byteOffset(end)
        var e = expected
        return e.withUTF8 { want in
            want.count == hi - lo && utf8.withUnsafeBufferPointer { have in
                UnsafeBufferPointer(rebasing: have[lo..<hi]).elementsEqual(want)
            }
        }
    }
}
