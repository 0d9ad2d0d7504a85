import Foundation

/// Writes JSON straight into a byte buffer: deterministic key order, exact decimals,
/// and none of JSONEncoder's per-value boxing on the hot path of `extract --jsonl`.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the innermost open container already holds a value, and the same for the
    /// containers around it: the innermost kept apart so most writes touch no array.
    private var needsComma = false
    private var outerNeedsComma: [Bool] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Before any value: a comma unless it is the first in its container or follows a key.
    @inline(__always)
    private mutating func valuePrefix() {
        if pendingKey {
            pendingKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
        needsComma = true
    }

    private var pendingKey = false

    public mutating func beginObject() { valuePrefix(); bytes.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { close(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { valuePrefix(); bytes.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { close(); bytes.append(UInt8(ascii: "]")) }

    @inline(__always) private mutating func open() { outerNeedsComma.append(needsComma); needsComma = false }
    @inline(__always) private mutating func close() { needsComma = outerNeedsComma.removeLast() }

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ k: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        appendString(k)
        bytes.append(UInt8(ascii: ":"))
        pendingKey = true
    }

    public mutating func value(_ s: String) { valuePrefix(); appendString(s) }
    public mutating func value(_ i: Int) { valuePrefix(); appendInteger(Int64(i)) }
    public mutating func value(_ i: Int64) { valuePrefix(); appendInteger(i) }
    public mutating func value(_ b: Bool) { valuePrefix(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func null() { valuePrefix(); bytes.append(contentsOf: "null".utf8) }
    /// Exact: a Decimal's plain description is a valid JSON number (`276000000`, `0.5`).
    public mutating func value(_ d: Decimal) { valuePrefix(); bytes.append(contentsOf: d.plainDescription.utf8) }
    public mutating func value(_ d: Double) {
        valuePrefix()
        bytes.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
    }

    public mutating func value(_ s: String?) { if let s { value(s) } else { null() } }

    /// A value already written as JSON (by another JSONWriter), copied as it is.
    public mutating func rawValue<Bytes: Collection>(_ json: Bytes) where Bytes.Element == UInt8 {
        valuePrefix()
        bytes.append(contentsOf: json)
    }

    /// Key and value together; nil values are left out.
    public mutating func field(_ k: String, _ v: String?) { if let v { key(k); value(v) } }
    public mutating func field(_ k: String, _ v: Int) { key(k); value(v) }
    public mutating func field(_ k: String, _ v: Decimal?) { if let v { key(k); value(v) } }
    public mutating func field(_ k: String, _ v: Bool) { key(k); value(v) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// The decimal digits of `n`, as `String(n)` writes them, without making the String.
    private mutating func appendInteger(_ n: Int64) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    /// Runs of bytes that need no escape are copied whole: appending byte by byte was most
    /// of the cost of writing entities.
    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var s = s
            s.withUTF8 { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for i in 0..<utf8.count {
            let b = utf8[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
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
}
