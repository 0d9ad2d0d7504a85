import CSHA256

/// SHA-256 (FIPS 180-4), for the text hash that deduplicates articles. Written here
/// because Foundation on Linux has no digest API and the package takes no dependencies.
/// On processors with the x86 SHA extensions the blocks go through them (`CSHA256`, about
/// a tenth of the instructions of the rounds below, which a POST spent ~6% of its
/// instructions in); the rounds below are the fallback and the reference the tests hold
/// both to.
enum SHA256 {
    /// Whether `CSHA256` may run here: asked of the processor once.
    static let hardware = csha256_hardware_available() != 0
    /// The round constants, from `CSHA256` (one table for both implementations).
    private static let k: [UInt32] = withUnsafeBytes(of: csha256_round_constants) { Array($0.bindMemory(to: UInt32.self)) }

    /// The 32-byte digest of `bytes`.
    static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes { digest($0) }
    }

    /// Whole blocks are read in place; only the last one or two, with the padding (a 1 bit,
    /// zeros to 56 mod 64 bytes, then the bit length big-endian), are copied. No array is
    /// touched inside the rounds: the copies and bounds checks cost more than the rounds.
    static func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        digest(message, hardware: hardware)
    }

    /// `hardware: false` runs the Swift rounds whatever the processor (for the tests).
    static func digest(_ message: UnsafeRawBufferPointer, hardware: Bool) -> [UInt8] {
        if hardware { return hardwareDigest(message) }
        var h = State()
        let whole = message.count / 64
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            k.withUnsafeBufferPointer { k in
                if let base = message.baseAddress {
                    for block in 0..<whole { compress(&h, base + block * 64, w.baseAddress!, k.baseAddress!) }
                }
                let tail = paddedTail(message)
                tail.withUnsafeBytes { t in
                    for block in 0..<(tail.count / 64) { compress(&h, t.baseAddress! + block * 64, w.baseAddress!, k.baseAddress!) }
                }
            }
        }
        return bigEndianBytes([h.a, h.b, h.c, h.d, h.e, h.f, h.g, h.h])
    }

    /// The last one or two blocks: the bytes after the whole blocks, a 1 bit, zeros to 56
    /// mod 64 bytes, then the message's length in bits, big-endian.
    private static func paddedTail(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        let whole = message.count / 64, rest = message.count - whole * 64
        let count = rest < 56 ? 64 : 128
        var tail = [UInt8](repeating: 0, count: count)
        for i in 0..<rest { tail[i] = message[whole * 64 + i] }
        tail[rest] = 0x80
        let bitLength = UInt64(message.count) &* 8
        for i in 0..<8 { tail[count - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
        return tail
    }

    /// The digest's bytes: each state word big-endian.
    private static func bigEndianBytes(_ words: [UInt32]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 4 * words.count)
        for (i, word) in words.enumerated() {
            for j in 0..<4 { out[4 * i + j] = UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * j)) }
        }
        return out
    }

    /// The same digest, the blocks compressed by `csha256_compress_blocks`.
    private static func hardwareDigest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        let whole = message.count / 64
        let tail = paddedTail(message)
        h.withUnsafeMutableBufferPointer { state in
            if whole > 0, let base = message.baseAddress {
                csha256_compress_blocks(state.baseAddress!, base.assumingMemoryBound(to: UInt8.self), whole)
            }
            tail.withUnsafeBufferPointer { csha256_compress_blocks(state.baseAddress!, $0.baseAddress!, tail.count / 64) }
        }
        return bigEndianBytes(h)
    }

    private struct State {
        var a: UInt32 = 0x6a09e667, b: UInt32 = 0xbb67ae85, c: UInt32 = 0x3c6ef372, d: UInt32 = 0xa54ff53a
        var e: UInt32 = 0x510e527f, f: UInt32 = 0x9b05688c, g: UInt32 = 0x1f83d9ab, h: UInt32 = 0x5be0cd19
    }

    @inline(__always)
    private static func compress(_ state: inout State, _ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>,
                                 _ k: UnsafePointer<UInt32>) {
        for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, hh) = (state.a, state.b, state.c, state.d, state.e, state.f, state.g, state.h)
        for i in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ choice &+ k[i] &+ w[i]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        state.a &+= a; state.b &+= b; state.c &+= c; state.d &+= d
        state.e &+= e; state.f &+= f; state.g &+= g; state.h &+= hh
    }

    /// Lower-case hex digest of the UTF-8 encoding of `text`.
    static func hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        var text = text
        for byte in text.withUTF8({ digest(UnsafeRawBufferPointer($0)) }) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Masking shifts: `>>` and `<<` by a variable amount check for over-long shifts, which
    /// made the rotations most of the cost of a round.
    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }
}
