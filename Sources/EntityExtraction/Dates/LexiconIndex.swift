/// A read-only map from words to small values, probed with FNV-1a over UTF-8 bytes: for the
/// one lookup per token of a scan, several times cheaper than `Dictionary<String, _>`, whose
/// seeded SipHash dominates short keys. Words with non-ASCII bytes go to the dictionary so
/// that canonically equivalent spellings still match exactly as `String ==` says.
struct LexiconIndex<Value: Sendable>: Sendable {
    private let slots: [Int32]
    private let keys: [String]
    private let hashes: [UInt64]
    private let values: [Value]
    private let mask: Int
    private let dictionary: [String: Value]

    init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        var size = 16
        while size < dictionary.count * 4 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        var keys: [String] = [], hashes: [UInt64] = [], values: [Value] = []
        for (k, v) in dictionary where k.utf8.allSatisfy({ $0 < 0x80 }) {
            let h = Self.hash(k)
            var s = Self.slot(h, size - 1)
            while slots[s] >= 0 { s = (s + 1) & (size - 1) }
            slots[s] = Int32(keys.count)
            keys.append(k); hashes.append(h); values.append(v)
        }
        self.slots = slots
        self.keys = keys
        self.hashes = hashes
        self.values = values
        self.mask = size - 1
    }

    @inline(__always) static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    @inline(__always) private static func slot(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: h ^ (h >> 32)) & mask
    }

    subscript(_ word: String) -> Value? {
        let (h, ascii) = word.withUTF8Bytes { bytes -> (UInt64, Bool) in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes {
                if b >= 0x80 { return (h, false) }
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            }
            return (h, true)
        }
        guard ascii else { return dictionary[word] }
        var s = Self.slot(h, mask)
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if hashes[e] == h, keys[e] == word { return values[e] }
            s = (s + 1) & mask
        }
    }
}
