/// One text as every stage of extraction sees it: its code points, tokens and sentences.
/// Built once per text; all offsets in the pipeline are indices into `scalars`.
public struct Document: Sendable {
    public let text: String
    public let scalars: [Unicode.Scalar]
    /// The text cut by code point offsets: cutting text out of the document costs one copy.
    private let slices: CodePointText
    public let tokens: [Token]
    /// Sentences as ranges of token indices, in order, covering every token.
    public let sentences: [Range<Int>]

    public init(text: String) {
        self.text = text
        let utf8 = Array(text.utf8)
        let (scalars, utf8Offsets) = Document.decode(utf8)
        self.scalars = scalars
        self.slices = CodePointText(utf8: utf8, offsets: utf8Offsets)
        self.tokens = Tokenizer.tokenize(scalars, utf8: utf8)
        self.sentences = Tokenizer.sentences(tokens)
    }

    /// Code points and where each starts in the bytes (one more entry for the end), in one
    /// pass over bytes that are valid UTF-8 (a String's): walking the scalar view to count
    /// and then to copy cost several times more.
    private static func decode(_ utf8: [UInt8]) -> ([Unicode.Scalar], [Int32]) {
        var count = 0
        utf8.withUnsafeBufferPointer { b in
            for byte in b where byte & 0xC0 != 0x80 { count += 1 }
        }
        var offsets = [Int32](repeating: 0, count: count + 1)
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: count) { out, initialized in
            utf8.withUnsafeBufferPointer { b in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    var i = 0, k = 0
                    let n = b.count
                    while i < n {
                        let lead = UInt32(b[i])
                        // ASCII, most of any news text: one byte, one scalar, always valid.
                        if lead < 0x80 {
                            offsets[k] = Int32(truncatingIfNeeded: i)
                            (out.baseAddress! + k).initialize(to: Unicode.Scalar(UInt8(truncatingIfNeeded: lead)))
                            k += 1
                            i += 1
                            continue
                        }
                        var value: UInt32
                        var width: Int
                        if lead < 0xE0 {
                            value = lead & 0x1F; width = 2
                        } else if lead < 0xF0 {
                            value = lead & 0x0F; width = 3
                        } else {
                            value = lead & 0x07; width = 4
                        }
                        for j in 1..<width { value = value << 6 | (UInt32(b[i + j]) & 0x3F) }
                        offsets[k] = Int32(truncatingIfNeeded: i)
                        (out.baseAddress! + k).initialize(to: Unicode.Scalar(value) ?? "\u{FFFD}")
                        k += 1
                        i += width
                    }
                    offsets[k] = Int32(truncatingIfNeeded: n)
                    initialized = k
                }
            }
        }
        return (scalars, offsets)
    }

    /// The text between two code point offsets.
    public func text(from start: Int, to end: Int) -> String {
        slices.text(from: start, to: end)
    }

    /// The text of a token range.
    public func text(ofTokens range: Range<Int>) -> String {
        text(from: tokens[range.lowerBound].start, to: tokens[range.upperBound - 1].end)
    }

    /// The index of the sentence holding a token (binary search).
    public func sentenceIndex(ofToken token: Int) -> Int {
        var lo = 0, hi = sentences.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sentences[mid].lowerBound <= token { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The index of the first token that starts at or after a code point offset.
    public func tokenIndex(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The sentence around a span, as code point offsets of its first and last token.
    public func sentenceSpan(containing offset: Int) -> Range<Int> {
        guard !tokens.isEmpty else { return 0..<0 }
        let t = min(tokenIndex(atOrAfter: offset), tokens.count - 1)
        let s = sentences[sentenceIndex(ofToken: t)]
        return tokens[s.lowerBound].start..<tokens[s.upperBound - 1].end
    }
}
