import Foundation

/// An annotated text for training or evaluation: gold names as code point spans.
public struct AnnotatedText: Sendable {
    public var id: String
    public var text: String
    /// Only person, organisation and place spans.
    public var names: [NameMatch]

    public init(id: String, text: String, names: [NameMatch]) {
        self.id = id
        self.text = text
        self.names = names
    }
}

/// Reads the project's annotated JSONL (`{"id","text","entities":[{"start","end","type"}]}`).
public enum NameCorpus {
    public static func load(_ url: URL) throws -> [AnnotatedText] {
        let data = try Data(contentsOf: url)
        var result: [AnnotatedText] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String else { continue }
            let id = object["id"] as? String ?? "\(result.count)"
            var names: [NameMatch] = []
            for e in object["entities"] as? [[String: Any]] ?? [] {
                guard let typeName = e["type"] as? String, let type = EntityType(rawValue: typeName),
                      NameTagSet.typeIndex(of: type) != nil,
                      let start = e["start"] as? Int, let end = e["end"] as? Int, end > start else { continue }
                names.append(NameMatch(start: start, end: end, type: type))
            }
            result.append(AnnotatedText(id: id, text: text, names: names.sorted { $0.start < $1.start }))
        }
        return result
    }

    /// Gold spans mapped onto the document's tokens. A span whose edge falls inside a token
    /// is widened to whole tokens and counted in `misaligned`; overlapping spans are dropped.
    static func tokenSpans(_ names: [NameMatch], in document: Document, misaligned: inout Int)
        -> [(tokens: Range<Int>, type: Int)] {
        var result: [(tokens: Range<Int>, type: Int)] = []
        let tokens = document.tokens
        var lastEnd = 0
        for name in names {
            var first = document.tokenIndex(atOrAfter: name.start)
            if first > 0, tokens[first - 1].end > name.start { first -= 1 }
            var last = first
            while last < tokens.count, tokens[last].start < name.end { last += 1 }
            guard last > first, first >= lastEnd else { continue }
            if tokens[first].start != name.start || tokens[last - 1].end != name.end { misaligned += 1 }
            result.append((first..<last, NameTagSet.typeIndex(of: name.type)!))
            lastEnd = last
        }
        return result
    }
}
