/// One text as every stage of extraction sees it: its code points, tokens and sentences.
/// Built once per text; all offsets in the pipeline are indices into `scalars`.
public struct Document: Sendable {
    public let text: String
    public let scalars: [Unicode.Scalar]
    /// The text's UTF-8 bytes, and where each code point starts in them (one more entry
    /// for the end), so that cutting text out of the document costs one copy.
    private let utf8: [UInt8]
    private let utf8Offsets: [Int32]
    public let tokens: [Token]
    /// Sentences as ranges of token indices, in order, covering every token.
    public let sentences: [Range<Int>]

    public init(text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.utf8 = Array(text.utf8)
        var offsets = [Int32](repeating: 0, count: scalars.count + 1)
        var position: Int32 = 0
        for (i, s) in scalars.enumerated() {
            offsets[i] = position
            position += Int32(UTF8.width(s))
        }
        offsets[scalars.count] = position
        self.utf8Offsets = offsets
        self.tokens = Tokenizer.tokenize(scalars, utf8: utf8)
        self.sentences = Tokenizer.sentences(tokens)
    }

    /// The text between two code point offsets.
    public func text(from start: Int, to end: Int) -> String {
        let range = Int(utf8Offsets[start])..<Int(utf8Offsets[end])
        return utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
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
