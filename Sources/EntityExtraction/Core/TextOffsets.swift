/// Converts between the offsets a client may index text by. The API speaks Unicode
/// code points (Python's `str` indices); JavaScript clients want UTF-16 units and
/// byte-oriented tools UTF-8. This is the one place that knows how they relate.
public enum OffsetUnit: String, Sendable, CaseIterable {
    case codePoints = "codepoints"
    case utf16
    case utf8
}

public struct TextOffsets: Sendable {
    private let utf16Prefix: [Int]
    private let utf8Prefix: [Int]

    /// Prefix sums over the text's code points: O(n) once, O(1) per conversion.
    public init(_ text: String) {
        var u16 = [0]
        var u8 = [0]
        u16.reserveCapacity(text.unicodeScalars.count + 1)
        u8.reserveCapacity(text.unicodeScalars.count + 1)
        for s in text.unicodeScalars {
            u16.append(u16.last! + UTF16.width(s))
            u8.append(u8.last! + UTF8.width(s))
        }
        utf16Prefix = u16
        utf8Prefix = u8
    }

    public var codePointCount: Int { utf16Prefix.count - 1 }

    /// Converts a code point offset (0...count) into the given unit.
    public func convert(_ codePointOffset: Int, to unit: OffsetUnit) -> Int {
        switch unit {
        case .codePoints: return codePointOffset
        case .utf16: return utf16Prefix[codePointOffset]
        case .utf8: return utf8Prefix[codePointOffset]
        }
    }
}
