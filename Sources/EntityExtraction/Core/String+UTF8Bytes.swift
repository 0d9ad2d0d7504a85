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
