import Foundation

/// Writes JSON straight into a byte buffer: deterministic key order, exact decimals,
/// and none of JSONEncoder's per-value boxing on the hot path of `extract --jsonl`.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Before any value: a comma unless it is the first in its container or follows a key.
    private mutating func valuePrefix() {
        if pendingKey {
            pendingKey = false
        } else if needsComma[needsComma.count - 1] {
            bytes.append(UInt8(ascii: ","))
        }
        needsComma[needsComma.count - 1] = true
    }

    private var pendingKey = false

    public mutating func beginObject() { valuePrefix(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { valuePrefix(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ k: String) {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        appendString(k)
        bytes.append(UInt8(ascii: ":"))
        pendingKey = true
    }

    public mutating func value(_ s: String) { valuePrefix(); appendString(s) }
    public mutating func value(_ i: Int) { valuePrefix(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func value(_ i: Int64) { valuePrefix(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func value(_ b: Bool) { valuePrefix(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func null() { valuePrefix(); bytes.append(contentsOf: "null".utf8) }
    /// Exact: a Decimal's plain description is a valid JSON number (`276000000`, `0.5`).
    public mutating func value(_ d: Decimal) { valuePrefix(); bytes.append(contentsOf: d.description.utf8) }
    public mutating func value(_ d: Double) {
        valuePrefix()
        bytes.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
    }

    public mutating func value(_ s: String?) { if let s { value(s) } else { null() } }

    /// Key and value together; nil values are left out.
    public mutating func field(_ k: String, _ v: String?) { if let v { key(k); value(v) } }
    public mutating func field(_ k: String, _ v: Int) { key(k); value(v) }
    public mutating func field(_ k: String, _ v: Decimal?) { if let v { key(k); value(v) } }
    public mutating func field(_ k: String, _ v: Bool) { key(k); value(v) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Runs of bytes that need no escape are copied whole: appending byte by byte was most
    /// of the cost of writing entities.
    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var run = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                run = i + 1
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(Self.hex[Int(b >> 4)])
                    bytes.append(Self.hex[Int(b & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
