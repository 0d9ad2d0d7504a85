/// A fixed list of ASCII words, written as one literal of words separated by single spaces
/// (`WordList("period quarter month")`), that answers `contains` as `[String].contains`
/// would, without building an array. The rules test a token's key against such lists at
/// every token a date can start at: an array literal there was allocated, filled and
/// released on every call (about a tenth of the date rules' instructions in profiles).
///
/// An ASCII key equals a word exactly when their bytes are equal (two ASCII strings are
/// canonically equal only when they are the same), so those are compared as bytes. A key
/// with any other byte is compared as Strings, word by word, so the answer never differs
/// from `String` equality.
struct WordList: Sendable {
    let words: StaticString

    init(_ words: StaticString) {
        self.words = words
    }

    func contains(_ key: String) -> Bool {
        let list = UnsafeBufferPointer(start: words.utf8Start, count: words.utf8CodeUnitCount)
        let answer: Bool? = key.withUTF8Bytes { k in
            guard k.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = 0
            for end in 0...list.count where end == list.count || list[end] == UInt8(ascii: " ") {
                if end - start == k.count, (0..<k.count).allSatisfy({ list[start + $0] == k[$0] }) { return true }
                start = end + 1
            }
            return false
        }
        if let answer { return answer }
        return entries.contains(key)
    }

    /// The words as Strings (for keys that are not ASCII, and for tests).
    var entries: [String] {
        "\(words)".split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }
}
