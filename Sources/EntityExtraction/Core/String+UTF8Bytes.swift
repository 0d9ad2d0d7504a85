extension String {
    /// The string's UTF-8 bytes as a buffer (a small string's are copied to the stack).
    /// Per-token loops read bytes through this: iterating `utf8` element by element cost
    /// about twenty instructions a byte in profiles of the extractor.
    @inline(__always) func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Whether the UTF-8 bytes contain `byte`.
    @inline(__always) func containsUTF8Byte(_ byte: UInt8) -> Bool {
        withUTF8Bytes { bytes in
            for b in bytes where b == byte { return true }
            return false
        }
    }
}

extension String {
    /// `hasSuffix(suffix)` for an ASCII suffix without line breaks: on an ASCII string the
    /// bytes say the same (each byte one Character, none canonically equal to another), so
    /// they are compared; any other string takes `hasSuffix`. The Character-based
    /// `hasSuffix` walked graphemes backwards on every call in profiles of the date rules.
    ///
    /// Most calls end at the first test: when the bytes do not end with the suffix's, neither
    /// do the Characters, unless the suffix holds one of the three ASCII characters that some
    /// other code point is canonically equal to (`K` Kelvin sign, `;` Greek question mark,
    /// `` ` `` Greek varia), for which the full test runs.
    func hasASCIISuffix(_ suffix: StaticString) -> Bool {
        let answer: Bool? = withUTF8Bytes { bytes in
            let s = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
            let n = bytes.count, m = s.count
            if n < m || !(0..<m).allSatisfy({ bytes[n - m + $0] == s[$0] }),
               !s.contains(where: { $0 == UInt8(ascii: "K") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "`") }) {
                return false
            }
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard n >= m else { return false }
            for k in 0..<m where bytes[n - m + k] != s[k] { return false }
            return true
        }
        return answer ?? hasSuffix(String(describing: suffix))
    }
}

extension String {
    /// `hasSuffix(suffix)` for a suffix of quotes and letters that no character's canonical
    /// decomposition ends with (`’s`, `’ll`): a string whose UTF-8 does not end with the
    /// suffix's bytes cannot end with its Characters either, so only one that does is asked
    /// `hasSuffix` (which also checks the grapheme boundary). Walking graphemes backwards
    /// for every name and every word of a sentence showed in profiles.
    func hasSuffixOfBytes(_ suffix: StaticString) -> Bool {
        let bytesEnd: Bool = withUTF8Bytes { bytes in
            let s = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
            let n = bytes.count, m = s.count
            guard n >= m else { return false }
            for k in 0..<m where bytes[n - m + k] != s[k] { return false }
            return true
        }
        return bytesEnd && hasSuffix(String(describing: suffix))
    }
}

extension String {
    /// `count` (Characters) without grapheme breaking for ASCII text without CR, where each
    /// byte is one Character; any other string is counted by `count`.
    var characterCount: Int {
        let ascii: Int? = withUTF8Bytes { bytes in
            for b in bytes where b >= 0x80 || b == 0x0D { return nil }
            return bytes.count
        }
        return ascii ?? count
    }
}

extension String {
    /// `unicodeScalars.count`, from the bytes: every byte that does not continue a scalar starts one.
    var scalarCount: Int {
        withUTF8Bytes { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }
}
