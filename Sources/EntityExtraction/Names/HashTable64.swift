import Foundation

/// An open-addressing map from well-mixed 64-bit hashes to 32-bit values. The keys are
/// already hashes, so this skips Swift's per-lookup SipHash: the tagger makes several
/// lookups per token and they showed up in profiles.
struct HashTable64: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private var mask: Int
    private(set) var count = 0
    /// 0 marks an empty slot; a real key of 0 is remapped.
    private static let empty: UInt64 = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: HashTable64.empty, count: size)
        values = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private static func slotKey(_ key: UInt64) -> UInt64 { key == empty ? 1 : key }

    /// The value for a key, or nil.
    @inline(__always) func value(_ key: UInt64) -> UInt32? {
        let k = HashTable64.slotKey(key)
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            let found = keys[i]
            if found == k { return values[i] }
            if found == HashTable64.empty { return nil }
            i = (i + 1) & mask
        }
    }

    @inline(__always) func contains(_ key: UInt64) -> Bool { value(key) != nil }

    /// The key's value, inserting `make()` first when the key is absent.
    mutating func value(_ key: UInt64, orInsert make: () -> UInt32) -> UInt32 {
        if let v = value(key) { return v }
        let v = make()
        insert(key, orBits: v)
        return v
    }

    /// Sets bits in the key's value (inserting it with those bits when absent).
    mutating func insert(_ key: UInt64, orBits bits: UInt32 = 1) {
        if (count + 1) * 2 > keys.count { grow() }
        let k = HashTable64.slotKey(key)
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            if keys[i] == k { values[i] |= bits; return }
            if keys[i] == HashTable64.empty {
                keys[i] = k
                values[i] = bits
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: HashTable64.empty, count: oldKeys.count * 2)
        values = [UInt32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != HashTable64.empty { insert(k, orBits: v) }
    }

    /// The table's slots as bytes (slot count, entry count, keys, values; little-endian),
    /// so a saved table loads with two bulk copies instead of re-hashing its entries.
    func encode(into data: inout Data) {
        withUnsafeBytes(of: UInt32(keys.count).littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(count).littleEndian) { data.append(contentsOf: $0) }
        keys.withUnsafeBytes { data.append(contentsOf: $0) }
        values.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    /// Reads what `encode` wrote at `offset`, moving `offset` past it; nil when malformed.
    init?(decoding bytes: UnsafeRawBufferPointer, offset: inout Int) {
        guard bytes.count >= offset + 8 else { return nil }
        let size = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
        let start = offset + 8
        guard size >= 16, size & (size - 1) == 0, count * 2 <= size, bytes.count >= start + size * 12 else { return nil }
        keys = [UInt64](unsafeUninitializedCapacity: size) { buffer, initialised in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + size * 8)]))
            initialised = size
        }
        values = [UInt32](unsafeUninitializedCapacity: size) { buffer, initialised in
            let from = start + size * 8
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[from..<(from + size * 4)]))
            initialised = size
        }
        mask = size - 1
        self.count = count
        offset = start + size * 12
    }
}
