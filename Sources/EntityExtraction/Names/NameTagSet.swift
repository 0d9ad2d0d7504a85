/// The tagger's labels: O plus B(egin), I(nside), L(ast) and U(nit) for each name type,
/// packed into small integers so a tag's scores fit one SIMD vector.
enum NameTagSet {
    /// Name types in tag order: tag 1 + 4·t + position.
    static let types: [EntityType] = [.person, .organisation, .place]
    static let count = 1 + 4 * types.count
    static let outside: UInt8 = 0

    enum Position: UInt8 { case begin = 0, inside = 1, last = 2, unit = 3 }

    @inline(__always) static func tag(type: Int, _ position: Position) -> UInt8 {
        UInt8(1 + 4 * type) + position.rawValue
    }

    /// The type index (0..<3) of a non-O tag.
    @inline(__always) static func typeIndex(_ tag: UInt8) -> Int { Int(tag - 1) / 4 }

    @inline(__always) static func position(_ tag: UInt8) -> Position {
        Position(rawValue: (tag - 1) % 4)!
    }

    static func typeIndex(of type: EntityType) -> Int? { types.firstIndex(of: type) }

    /// True when the tag leaves an entity open, so the next tag must continue it.
    @inline(__always) static func isOpen(_ tag: UInt8) -> Bool {
        tag != outside && (position(tag) == .begin || position(tag) == .inside)
    }

    /// Whether `tag` may follow `previous` under BILOU; `isLast` forbids opening at the end.
    @inline(__always) static func isAllowed(_ tag: UInt8, after previous: UInt8, isLast: Bool) -> Bool {
        if isOpen(previous) {
            let t = typeIndex(previous)
            if tag == self.tag(type: t, .last) { return true }
            return !isLast && tag == self.tag(type: t, .inside)
        }
        if tag == outside { return true }
        let p = position(tag)
        if p == .unit { return true }
        return p == .begin && !isLast
    }

    /// For each tag, the tags that may precede it inside a sentence, flattened:
    /// `predecessors[predecessorStart[t]..<predecessorStart[t + 1]]`. Viterbi visits only these.
    static let predecessors: [UInt8] = (0..<UInt8(count)).flatMap { t in
        (0..<UInt8(count)).filter { p in isAllowed(t, after: p, isLast: false) }
    }
    static let predecessorStart: [Int] = {
        var starts = [0]
        for t in 0..<UInt8(count) {
            starts.append(starts.last! + (0..<UInt8(count)).filter { isAllowed(t, after: $0, isLast: false) }.count)
        }
        return starts
    }()

    /// BILOU tags for token spans (half-open token index ranges, non-overlapping).
    static func tags(count: Int, spans: [(tokens: Range<Int>, type: Int)]) -> [UInt8] {
        var tags = [UInt8](repeating: outside, count: count)
        for span in spans where !span.tokens.isEmpty {
            let r = span.tokens
            if r.count == 1 {
                tags[r.lowerBound] = tag(type: span.type, .unit)
                continue
            }
            tags[r.lowerBound] = tag(type: span.type, .begin)
            for i in (r.lowerBound + 1)..<(r.upperBound - 1) { tags[i] = tag(type: span.type, .inside) }
            tags[r.upperBound - 1] = tag(type: span.type, .last)
        }
        return tags
    }

    /// Token spans from a tag sequence; an entity left open at the end is closed there.
    static func spans(_ tags: [UInt8]) -> [(tokens: Range<Int>, type: Int)] {
        var result: [(tokens: Range<Int>, type: Int)] = []
        var openStart = -1
        for (i, tag) in tags.enumerated() {
            guard tag != outside else { continue }
            switch position(tag) {
            case .unit: result.append((i..<i + 1, typeIndex(tag)))
            case .begin: openStart = i
            case .inside: if openStart < 0 { openStart = i }
            case .last:
                result.append(((openStart < 0 ? i : openStart)..<i + 1, typeIndex(tag)))
                openStart = -1
            }
            if i == tags.count - 1, openStart >= 0, isOpen(tag) {
                result.append((openStart..<i + 1, typeIndex(tag)))
            }
        }
        return result
    }
}
