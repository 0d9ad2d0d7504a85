import Foundation

/// Normalised keys shared across articles, and the stable ids derived from them.
public enum EntityKeys {
    /// Lower-cased words of a name, without dots, possessives or a leading `the`.
    public static func words(_ text: String) -> [String] {
        if let ascii = asciiWords(text) { return ascii }
        var words: [String] = []
        var current = ""
        // Composed (NFC) first, so `Zürich` keys alike however it was typed: the key is
        // compared byte for byte across articles in SQLite. A mark with no composed
        // form stays inside its word, as the tokenizer keeps it.
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            i += 1
            if (scalar == "'" || scalar == "’"), !current.isEmpty, i < scalars.count, scalars[i] == "s" || scalars[i] == "S",
               i + 1 == scalars.count || !scalars[i + 1].properties.isAlphabetic {
                i += 1
                continue
            }
            if scalar.properties.isAlphabetic || (scalar.value >= 48 && scalar.value <= 57)
                || (!current.isEmpty && scalar.properties.generalCategory == .nonspacingMark) {
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if scalar == "." || scalar == "'" || scalar == "’" {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        if words.first == "the", words.count > 1 { words.removeFirst() }
        return words
    }

    /// The same as `words` for ASCII text, over bytes: names are mostly ASCII and this
    /// runs for every name mention. Nil when the text is not ASCII.
    private static func asciiWords(_ text: String) -> [String]? {
        text.withUTF8Bytes { bytes -> [String]? in
            // The word being built, in a buffer on the stack (no word is longer than the text).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { current -> [String]? in
                var words: [String] = []
                var length = 0
                var skipPossessive = false
                func finishWord() {
                    words.append(String(decoding: UnsafeBufferPointer(rebasing: current[0..<length]), as: UTF8.self))
                    length = 0
                }
                for i in bytes.indices {
                    let b = bytes[i]
                    if b >= 0x80 { return nil }
                    if skipPossessive { skipPossessive = false; continue }
                    // A possessive `'s` leaves the key: `Russia's` is russia.
                    if b == UInt8(ascii: "'"), length > 0, i + 1 < bytes.count, bytes[i + 1] | 0x20 == UInt8(ascii: "s"),
                       i + 2 == bytes.count || !isASCIIWordByte(bytes[i + 2]) {
                        skipPossessive = true
                        continue
                    }
                    switch b {
                    case 65...90: current[length] = b | 0x20; length += 1
                    case 97...122, 48...57: current[length] = b; length += 1
                    case UInt8(ascii: "."), UInt8(ascii: "'"): continue
                    default: if length > 0 { finishWord() }
                    }
                }
                if length > 0 { finishWord() }
                if words.first == "the", words.count > 1 { words.removeFirst() }
                return words
            }
        }
    }

    private static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (65...90).contains(b) || (97...122).contains(b) || (48...57).contains(b)
    }

    /// The cross-article key of a person, organisation or place, with the bundled aliases
    /// (`U.S.` is united states). Titles stay: without a type, `General` may begin `General
    /// Motors`. `EntityIdentity.nameKey` also applies an operator's aliases.
    public static func nameKey(_ words: [String]) -> String {
        let joined = words.joined(separator: " ")
        return NameAliases.bundled.target(forKey: joined)?.key ?? joined
    }

    public static func nameKey(_ text: String) -> String { nameKey(words(text)) }

    public static func moneyKey(_ value: MoneyValue) -> String {
        var key = "\(value.amount.plainDescription) \(value.currency)"
        if let max = value.max { key += "-" + max.plainDescription }
        return key
    }

    public static func dateKey(_ value: DateValue, text: String) -> String {
        if let date = value.date { return date }
        if let from = value.from, let to = value.to { return "\(from)/\(to)" }
        return words(text).joined(separator: " ")
    }

    /// A short stable id: the type's initial and an FNV-1a hash of the key.
    public static func id(type: EntityType, key: String) -> String {
        let hash = key.withUTF8Bytes { bytes in
            var hash: UInt64 = 0xcbf29ce484222325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100000001b3
            }
            return hash
        }
        // `per_` and sixteen lower-case hex digits, zero-padded, written as bytes: formatting
        // with `String(radix:)` and interpolation cost several times more, once per entity.
        var prefix = type.rawValue
        return prefix.withUTF8 { name in
            String(unsafeUninitializedCapacity: 20) { out in
                for k in 0..<3 { out[k] = name[k] }
                out[3] = UInt8(ascii: "_")
                let digits: StaticString = "0123456789abcdef"
                for k in 0..<16 {
                    out[4 + k] = digits.utf8Start[Int(truncatingIfNeeded: (hash >> UInt64(60 - 4 * k)) & 0xF)]
                }
                return 20
            }
        }
    }
}
