import EntityExtraction

/// The entity JSON of the API (DESIGN.md), used by every endpoint and command that
/// returns entities, so the shapes cannot drift apart.
public enum EntityJSON {
    /// `{"entities": [...]}` for a whole extraction or stored article.
    public static func entitiesDocument(_ entities: [Entity], offsets: TextOffsets? = nil, unit: OffsetUnit = .codePoints) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + entities.count * 160)
        w.beginObject()
        w.key("entities")
        writeEntities(entities, to: &w, offsets: offsets, unit: unit)
        w.endObject()
        return w.bytes
    }

    public static func writeEntities(_ entities: [Entity], to w: inout JSONWriter, offsets: TextOffsets? = nil, unit: OffsetUnit = .codePoints) {
        w.beginArray()
        for e in entities { write(e, to: &w, offsets: offsets, unit: unit) }
        w.endArray()
    }

    public static func write(_ e: Entity, to w: inout JSONWriter, offsets: TextOffsets?, unit: OffsetUnit) {
        w.beginObject()
        w.field("id", e.id)
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
