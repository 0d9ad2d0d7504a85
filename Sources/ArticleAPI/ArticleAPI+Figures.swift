import Foundation
import HTTPServer
import EntityExtraction
import ArticleStore

extension ArticleAPI {
    static let figureFilters: Set<String> = ["currency", "min_amount", "max_amount", "since", "until", "article", "entity", "scope", "q"]

    func figureQuery(_ q: QueryParameters) throws -> FigureQuery {
        var f = FigureQuery()
        f.currency = try q.currency()
        f.minAmount = try q.decimal("min_amount")
        f.maxAmount = try q.decimal("max_amount")
        if let lo = f.minAmount, let hi = f.maxAmount, lo > hi {
            throw APIProblem.badRequest("min_amount (\(lo)) is greater than max_amount (\(hi))")
        }
        f.since = try q.date("since")
        f.until = try q.date("until")
        try Self.checkOrder(since: f.since, until: f.until)
        f.articleID = try q.string("article")
        f.entity = try q.string("entity")
        f.entityScope = try q.oneOf("scope", EntityScope.self, all: EntityScope.allCases) ?? .sentence
        if let text = try q.string("q") {
            guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
                throw APIProblem.badRequest("q must contain a word to search the figures' sentences for, got \"\(text)\"")
            }
            f.text = text
        }
        return f
    }

    func listFigures(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: Self.figureFilters.union(["sort", "limit", "cursor", "format"]))
        return try figuresResponse(req, q, query: try figureQuery(q))
    }

    /// `/v1/entities/{id}/figures`: the figures whose sentence mentions the entity.
    func entityFigures(_ req: HTTPRequest, id: String) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: Self.figureFilters.subtracting(["entity", "scope"]).union(["sort", "limit", "cursor", "format"]))
        guard id.hasPrefix("ent_"), try store.hasEntity(id: id) else { throw APIProblem.notFound("no entity with id \(id)") }
        var f = try figureQuery(q)
        f.entity = id
        return try figuresResponse(req, q, query: f)
    }

    private func figuresResponse(_ req: HTTPRequest, _ q: QueryParameters, query: FigureQuery) throws -> HTTPResponse {
        var f = query
        f.sort = try q.oneOf("sort", FigureSort.self, all: [.amount, .amountDescending, .publishedAt, .publishedAtDescending]) ?? .amountDescending
        f.limit = try q.int("limit", default: 50, range: 1...500)
        f.cursor = try q.string("cursor")
        let csv = try Self.wantsCSV(req, q)
        let page = try store.figures(f)
        if csv { return FigureCSV.response(page, request: req) }
        return Self.pageResponse("figures", page, itemSize: 600) { w, r in Self.writeFigure(r, to: &w) }
    }

    /// `format=csv|json` decides; without it, an `Accept` naming text/csv (and not JSON first) does.
    static func wantsCSV(_ req: HTTPRequest, _ q: QueryParameters) throws -> Bool {
        if let format = try q.string("format") {
            switch format {
            case "csv": return true
            case "json": return false
            default: throw APIProblem.badRequest("format must be one of csv, json, got \"\(format)\"")
            }
        }
        for accept in req.headers.values("Accept") {
            for item in accept.split(separator: ",") {
                let type = item.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
                if type == "text/csv" { return true }
                if type == "application/json" { return false }
            }
        }
        return false
    }

    static func writeFigure(_ r: FigureRecord, to w: inout JSONWriter) {
        w.field("id", Int(r.id))
        EntityJSON.writeMoneyFields(r.value, to: &w)
        w.field("text", r.mention.text)
        w.field("start", r.mention.start)
        w.field("end", r.mention.end)
        w.field("sentence", r.sentence)
        w.field("sentence_start", r.sentenceStart)
        w.field("sentence_end", r.sentenceEnd)
        w.key("sentence_entities")
        w.beginArray()
        for e in r.sentenceEntities {
            w.beginObject()
            w.field("id", e.id)
            w.field("type", e.type.rawValue)
            w.field("name", e.name)
            w.endObject()
        }
        w.endArray()
        w.key("date")
        w.beginObject()
        w.field("date", r.date.value.date)
        w.field("from", r.date.value.from)
        w.field("to", r.date.value.to)
        w.field("grain", r.date.value.grain.rawValue)
        w.field("source", r.date.source.rawValue)
        w.field("text", r.date.text)
        w.endObject()
        w.key("article")
        w.beginObject()
        w.field("id", r.articleID)
        w.key("title"); w.value(r.articleTitle)
        w.field("published_at", r.articlePublishedAt.description)
        w.endObject()
    }

    func summarizeFigures(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: Self.figureFilters.union(["group_by", "limit", "cursor"]))
        let grouping = try q.oneOf("group_by", FigureGrouping.self, all: [.currency, .month, .entity, .article]) ?? .currency
        let page = try store.figureSummary(groupBy: grouping, filter: try figureQuery(q),
                                           limit: try q.int("limit", default: 100, range: 1...500), cursor: try q.string("cursor"))
        var w = JSONWriter(capacity: 256 + page.items.count * 200)
        w.beginObject()
        w.field("group_by", grouping.rawValue)
        w.key("groups")
        w.beginArray()
        for r in page.items {
            w.beginObject()
            w.field("group", r.group)
            if grouping == .article { w.key("title"); w.value(r.articleTitle) }
            if grouping == .entity { w.key("name"); w.value(r.entityName) }
            w.field("currency", r.currency)
            w.field("count", r.count)
            w.field("total", r.total)
            w.field("min", r.min)
            w.field("max", r.max)
            w.endObject()
        }
        w.endArray()
        w.key("next_cursor")
        w.value(page.nextCursor)
        w.endObject()
        return Self.json(200, w.bytes)
    }
}
