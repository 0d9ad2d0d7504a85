import ArticleStore
import EntityExtraction

/// The entity JSON of the API (DESIGN.md), used by every endpoint and command that
/// returns entities, so the shapes cannot drift apart.
public enum EntityJSON {
    /// `{"entities": [...]}` for a whole extraction or stored article.
    /// `archiveIDs` holds each person, organisation and place's `ent_` id, by its id in the article.
    public static func entitiesDocument(_ entities: [Entity], archiveIDs: [String: String] = [:], offsets: TextOffsets? = nil,
                                        unit: OffsetUnit = .codePoints) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + entities.count * 160)
        w.beginObject()
        w.key("entities")
        writeEntities(entities, archiveIDs: archiveIDs, to: &w, offsets: offsets, unit: unit)
        w.endObject()
        return w.bytes
    }

    /// One entity object with code point offsets: what the store keeps for each entity,
    /// so `GET …/entities` sends bytes rendered when the article was stored.
    public static let renderer: EntityRenderer = { entity, archiveID in
        var w = JSONWriter(capacity: 256 + entity.mentions.count * 48)
        write(entity, archiveID: archiveID, to: &w, offsets: nil, unit: .codePoints)
        return w.bytes
    }

    /// `{"entities":[…]}` around entity objects already rendered.
    public static func entitiesDocument(rendered parts: [[UInt8]]) -> [UInt8] {
        let prefix = Array(#"{"entities":["#.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prefix.count + 2 + parts.reduce(parts.count) { $0 + $1.count })
        bytes += prefix
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += part
        }
        bytes += Array("]}".utf8)
        return bytes
    }

    public static func writeEntities(_ entities: [Entity], archiveIDs: [String: String] = [:], to w: inout JSONWriter,
                                     offsets: TextOffsets? = nil, unit: OffsetUnit = .codePoints) {
        w.beginArray()
        for e in entities { write(e, archiveID: archiveIDs[e.id], to: &w, offsets: offsets, unit: unit) }
        w.endArray()
    }

    /// `writeEntities` from the bytes the store's rendering already holds (`renderer`'s,
    /// without archive ids), each archive id put in after the entity's `id`: the same JSON
    /// without rendering every entity a second time. Renders as `writeEntities` does when the
    /// rendering is not of these entities in this order, or a part does not begin as expected.
    public static func writeEntities(_ entities: [Entity], archiveIDs: [String: String], reusing rendering: EntityRendering?,
                                     to w: inout JSONWriter) {
        guard let rendering, rendering.inGivenOrder, rendering.parts.count == entities.count else {
            writeEntities(entities, archiveIDs: archiveIDs, to: &w)
            return
        }
        w.beginArray()
        for (entity, part) in zip(entities, rendering.parts) {
            if let archiveID = archiveIDs[entity.id] {
                // `{"id":"…"` then, with an archive id, `,"entity_id":"…"` before the rest.
                var head = JSONWriter(capacity: 64)
                head.beginObject()
                head.field("id", entity.id)
                let idEnd = head.bytes.count
                head.field("entity_id", archiveID)
                if part.count > idEnd, part.starts(with: head.bytes.prefix(idEnd)), part[idEnd] == UInt8(ascii: ",") {
                    w.rawValue(head.bytes + part[idEnd...])
                } else {
                    write(entity, archiveID: archiveID, to: &w, offsets: nil, unit: .codePoints)
                }
            } else {
                w.rawValue(part)
            }
        }
        w.endArray()
    }

    /// `entity_id` (the archive entity, `ent_…`) follows `id` for people, organisations and places.
    public static func write(_ e: Entity, archiveID: String?, to w: inout JSONWriter, offsets: TextOffsets?, unit: OffsetUnit) {
        w.beginObject()
        w.field("id", e.id)
        if let archiveID { w.field("entity_id", archiveID) }
        w.field("type", e.type.rawValue)
        w.field("name", e.name)
        w.field("key", e.key)
        switch e.value {
        case .money(let m)?: w.key("value"); writeMoney(m, to: &w)
        case .date(let d)?: w.key("value"); writeDate(d, to: &w)
        case nil: break
        }
        w.key("mentions")
        w.beginArray()
        for m in e.mentions { writeMention(m, to: &w, offsets: offsets, unit: unit) }
        w.endArray()
        w.endObject()
    }

    public static func writeMention(_ m: Mention, to w: inout JSONWriter, offsets: TextOffsets?, unit: OffsetUnit) {
        w.beginObject()
        w.field("start", offsets?.convert(m.start, to: unit) ?? m.start)
        w.field("end", offsets?.convert(m.end, to: unit) ?? m.end)
        w.field("text", m.text)
        w.endObject()
    }

    public static func writeMoney(_ v: MoneyValue, to w: inout JSONWriter) {
        w.beginObject()
        writeMoneyFields(v, to: &w)
        w.endObject()
    }

    /// The fields of a money value, also spread flat into each figure of the ledger.
    public static func writeMoneyFields(_ v: MoneyValue, to w: inout JSONWriter) {
        w.field("amount", v.amount)
        w.field("currency", v.currency)
        w.field("currency_resolution", v.currencyResolution.rawValue)
        w.field("currency_evidence", v.currencyEvidence)
        w.field("qualifier", v.qualifier)
        w.field("min", v.min)
        w.field("max", v.max)
    }

    public static func writeDate(_ v: DateValue, to w: inout JSONWriter) {
        w.beginObject()
        w.field("date", v.date)
        w.field("from", v.from)
        w.field("to", v.to)
        w.field("grain", v.grain.rawValue)
        w.endObject()
    }
}
