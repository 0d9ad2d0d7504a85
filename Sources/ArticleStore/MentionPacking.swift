import EntityExtraction

/// An entity's mentions in a few bytes each: start, length and which text (0: the entity's
/// name, i: the i-th of `texts`), as unsigned LEB128 varints. Most mentions repeat the
/// entity's name, so texts are stored once per entity rather than once per mention.
public enum MentionPacking {
    static let separator: Character = "\u{1F}"

    /// The blob and the texts other than `name`, in order of first use. Mentions are
    /// sorted by offset and a span listed twice is kept once, as the store returns them.
    public static func pack(_ mentions: [Mention], name: String) -> (blob: [UInt8], texts: [String]) {
        var texts: [String] = []
        var blob: [UInt8] = []
        blob.reserveCapacity(mentions.count * 4)
        var previousSpan: (Int, Int)?
        for m in mentions.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let p = previousSpan, p == (m.start, m.end) { continue }
            previousSpan = (m.start, m.end)
            var index = 0
            if m.text != name {
                if let i = texts.firstIndex(of: m.text) { index = i + 1 } else {
                    texts.append(m.text)
                    index = texts.count
                }
            }
            append(m.start, to: &blob)
            append(m.end - m.start, to: &blob)
            append(index, to: &blob)
        }
        return (blob, texts)
    }

    public static func unpack(_ blob: [UInt8], name: String, texts: String?) throws -> [Mention] {
        let others = texts.map { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) } ?? []
        var mentions: [Mention] = []
        var i = 0
        while i < blob.count {
            let start = try read(blob, &i), length = try read(blob, &i), index = try read(blob, &i)
            let text: String
            if index == 0 { text = name } else {
                guard index <= others.count else { throw StoreError.corrupt("mention text index \(index)") }
                text = others[index - 1]
            }
            mentions.append(Mention(start: start, end: start + length, text: text))
        }
        return mentions
    }

    public static func joinedTexts(_ texts: [String]) -> String? {
        texts.isEmpty ? nil : texts.joined(separator: String(separator))
    }

    private static func append(_ value: Int, to blob: inout [UInt8]) {
        var v = UInt64(max(0, value))
        while v >= 0x80 {
            blob.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        blob.append(UInt8(v))
    }

    private static func read(_ blob: [UInt8], _ i: inout Int) throws -> Int {
        var value: UInt64 = 0, shift: UInt64 = 0
        while i < blob.count {
            let byte = blob[i]
            i += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(value) }
            shift += 7
            if shift > 56 { break }
        }
        throw StoreError.corrupt("truncated mention blob")
    }
}
