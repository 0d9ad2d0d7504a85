import EntityExtraction

/// All of one article's entities in one blob, a few bytes per entity, owned by the store.
/// Per entity, in stored order: its archive ref; its mention count with two flags (own key,
/// date value) in the low bits; its mentions as start deltas and lengths, each mention's
/// text kept by reference to the article text (the extractor cuts mentions out of it, so
/// the span almost always says it) and spelled out only where the text there differs; the name as the index of a mention saying it, else spelled out;
/// the key only when it is not the archive entity's (after a surname join); the date value.
/// Numbers are LEB128 varints, signed ones zigzag-coded; strings are a length and UTF-8.
public enum EntitySetPacking {
    /// One stored entity: what the archive entity (by `ref`) does not already say.
    public struct Item: Equatable, Sendable {
        public var ref: Int64
        public var name: String
        /// Nil: the archive entity's key.
        public var key: String?
        public var mentions: [Mention]
        public var date: DateValue?

        public init(ref: Int64, name: String, key: String?, mentions: [Mention], date: DateValue?) {
            (self.ref, self.name, self.key, self.mentions, self.date) = (ref, name, key, mentions, date)
        }
    }

    private static let ownKey: UInt8 = 1, hasDate: UInt8 = 2
    /// Grains by code (a grain not listed is spelled out, code 0).
    private static let grains: [DateGrain] = [.day, .week, .month, .quarter, .half, .year, .decade, .century, .duration]

    /// Mentions must be sorted by offset with each span once (`storedOrder` gives them so).
    public static func pack(_ items: [Item], text: CodePointText) -> [UInt8] {
        var out = Writer()
        var previousFirst = 0
        for item in items {
            out.unsigned(UInt64(bitPattern: item.ref))
            out.unsigned(UInt64(item.mentions.count) << 2 | UInt64((item.key == nil ? 0 : ownKey) | (item.date == nil ? 0 : hasDate)))
            var previous = previousFirst
            for (i, m) in item.mentions.enumerated() {
                if i == 0 { previousFirst = m.start }
                out.signed(m.start - previous)
                previous = m.start
                let literal = !text.matches(m.start, m.end, m.text)
                out.unsigned(zigzag(m.end - m.start) << 1 | (literal ? 1 : 0))
                if literal { out.string(m.text) }
            }
            if let i = item.mentions.firstIndex(where: { $0.text.utf8.elementsEqual(item.name.utf8) }) {
                out.unsigned(UInt64(i + 1))
            } else {
                out.unsigned(0)
                out.string(item.name)
            }
            if let key = item.key { out.string(key) }
            if let date = item.date {
                if let code = grains.firstIndex(of: date.grain) { out.unsigned(UInt64(code + 1)) } else {
                    out.unsigned(0)
                    out.string(date.grain.rawValue)
                }
                // Kept as the store always kept them: the date (or else the start) and an end.
                out.date(date.date ?? date.from)
                out.date(date.date == nil ? date.to : nil)
            }
        }
        return out.bytes
    }

    /// The entities in stored order with their positions; `keep` (given the position and
    /// ref) skips the others without making their strings.
    public static func unpack(_ blob: [UInt8], text: CodePointText,
                              keep: ((Int, Int64) -> Bool)? = nil) throws -> [(position: Int, item: Item)] {
        var r = Reader(bytes: blob)
        var items: [(Int, Item)] = []
        var previousFirst = 0
        var position = 0
        while !r.atEnd {
            let ref = Int64(bitPattern: try r.unsigned())
            let countAndFlags = try r.unsigned()
            let flags = UInt8(countAndFlags & 3), count = Int(countAndFlags >> 2)
            guard count <= blob.count else { throw StoreError.corrupt("entity set count \(count)") }
            let wanted = keep?(position, ref) ?? true
            var mentions: [Mention] = []
            if wanted { mentions.reserveCapacity(count) }
            var previous = previousFirst
            for i in 0..<count {
                let start = previous &+ (try r.signed())
                previous = start
                if i == 0 { previousFirst = start }
                let lengthAndFlag = try r.unsigned()
                let end = start &+ unzigzag(lengthAndFlag >> 1)
                let mentionText: String
                if lengthAndFlag & 1 == 1 {
                    mentionText = wanted ? try r.string() : try r.skipString()
                } else if wanted {
                    guard let slice = text.slice(start, end) else { throw StoreError.corrupt("mention \(start)..<\(end) beyond the text") }
                    mentionText = slice
                } else {
                    mentionText = ""
                }
                if wanted { mentions.append(Mention(start: start, end: end, text: mentionText)) }
            }
            let nameIndex = try r.count()
            var name = ""
            if nameIndex == 0 { name = wanted ? try r.string() : try r.skipString() } else if wanted {
                guard nameIndex <= mentions.count else { throw StoreError.corrupt("entity name index \(nameIndex)") }
                name = mentions[nameIndex - 1].text
            }
            var key: String?
            if flags & ownKey != 0 { key = wanted ? try r.string() : try r.skipString() }
            var date: DateValue?
            if flags & hasDate != 0 {
                let code = try r.count()
                let grain: DateGrain
                if code == 0 {
                    let raw = try r.string()
                    guard let g = DateGrain(rawValue: raw) else { throw StoreError.corrupt("date grain \(raw)") }
                    grain = g
                } else {
                    guard code <= grains.count else { throw StoreError.corrupt("date grain code \(code)") }
                    grain = grains[code - 1]
                }
                let first = try r.date(), to = try r.date()
                date = to == nil ? DateValue(date: first, grain: grain) : DateValue(from: first, to: to, grain: grain)
            }
            if wanted { items.append((position, Item(ref: ref, name: name, key: key, mentions: mentions, date: date))) }
            position += 1
        }
        return items
    }

    /// Bit of each type in `article_entity_sets.types`: which types an article has, for the
    /// listing's type filter. Fixed per type (never reordered: they are stored).
    public static func typeBit(_ type: EntityType) -> Int {
        switch type {
        case .person: 1
        case .organisation: 2
        case .place: 4
        case .money: 8
        case .date: 16
        }
    }

    private static func zigzag(_ v: Int) -> UInt64 { UInt64(bitPattern: Int64(v) << 1 ^ Int64(v) >> 63) }
    private static func unzigzag(_ u: UInt64) -> Int { Int(Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)) }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func unsigned(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func signed(_ value: Int) { unsigned(zigzag(value)) }

        mutating func string(_ s: String) {
            unsigned(UInt64(s.utf8.count))
            bytes += s.utf8
        }

        /// 0: none; 1: a `YYYY-MM-DD` day by its number; 2: spelled out.
        mutating func date(_ s: String?) {
            guard let s else { return unsigned(0) }
            if let day = CivilDate(iso: s), day.description == s {
                unsigned(1)
                signed(day.dayNumber)
            } else {
                unsigned(2)
                string(s)
            }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        var atEnd: Bool { i >= bytes.count }

        mutating func byte() throws -> UInt8 {
            guard i < bytes.count else { throw StoreError.corrupt("truncated entity set") }
            i += 1
            return bytes[i - 1]
        }

        mutating func unsigned() throws -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while shift <= 63 {
                let b = try byte()
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
            throw StoreError.corrupt("overlong varint in entity set")
        }

        mutating func signed() throws -> Int { unzigzag(try unsigned()) }

        /// A count or length: at most what is left of the blob, so corrupt input cannot
        /// ask for huge allocations.
        mutating func count() throws -> Int {
            let v = try unsigned()
            guard v <= UInt64(bytes.count) else { throw StoreError.corrupt("entity set count \(v)") }
            return Int(v)
        }

        mutating func string() throws -> String {
            let n = try count()
            guard n <= bytes.count - i else { throw StoreError.corrupt("truncated entity set string") }
            defer { i += n }
            return String(decoding: bytes[i..<i + n], as: UTF8.self)
        }

        mutating func skipString() throws -> String {
            let n = try count()
            guard n <= bytes.count - i else { throw StoreError.corrupt("truncated entity set string") }
            i += n
            return ""
        }

        mutating func date() throws -> String? {
            switch try unsigned() {
            case 0: return nil
            case 1:
                let day = try signed()
                guard day > -100_000_000, day < 100_000_000 else { throw StoreError.corrupt("date day \(day)") }
                return CivilDate(dayNumber: day).description
            case 2: return try string()
            case let tag: throw StoreError.corrupt("date tag \(tag)")
            }
        }
    }
}
