import Foundation
import HTTPServer
import EntityExtraction
import ArticleStore

extension ArticleAPI {
    static let figureFilters: Set<String> = ["currency", "min_amount", "max_amount", "since", "until", "article", "entity"]

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
        return f
    }

    func listFigures(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: Self.figureFilters.union(["sort", "limit", "cursor"]))
        var f = try figureQuery(q)
        f.sort = try q.oneOf("sort", FigureSort.self, all: [.amount, .amountDescending, .publishedAt, .publishedAtDescending]) ?? .amountDescending
        f.limit = try q.int("limit", default: 50, range: 1...500)
        f.cursor = try q.string("cursor")
        return Self.pageResponse("figures", try store.figures(f), itemSize: 400) { w, r in
            w.field("id", Int(r.id))
            EntityJSON.writeMoneyFields(r.value, to: &w)
            w.field("text", r.mention.text)
            w.field("start", r.mention.start)
            w.field("end", r.mention.end)
            w.field("sentence", r.sentence)
            w.key("article")
            w.beginObject()
            w.field("id", r.articleID)
            w.key("title"); w.value(r.articleTitle)
            w.field("published_at", r.articlePublishedAt.description)
            w.endObject()
        }
    }

    func summarizeFigures(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: Self.figureFilters.union(["group_by"]))
        let grouping = try q.oneOf("group_by", FigureGrouping.self, all: [.currency, .month, .article]) ?? .currency
        let rows = try store.figureSummary(groupBy: grouping, filter: try figureQuery(q))
        var w = JSONWriter(capacity: 256 + rows.count * 200)
        w.beginObject()
        w.field("group_by", grouping.rawValue)
        w.key("groups")
        w.beginArray()
        for r in rows {
            w.beginObject()
            w.field("group", r.group)
            if grouping == .article { w.key("title"); w.value(r.articleTitle) }
            w.field("currency", r.currency)
            w.field("count", r.count)
            w.field("total", r.total)
            w.field("min", r.min)
            w.field("max", r.max)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return Self.json(200, w.bytes)
    }

    func listEntities(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: ["type", "q", "limit", "cursor"])
        let page = try store.entitySummaries(type: try q.entityType(), query: try q.string("q"),
                                             limit: try q.int("limit", default: 50, range: 1...500), cursor: try q.string("cursor"))
        return Self.pageResponse("entities", page, itemSize: 120) { w, e in
            w.field("key", e.key)
            w.field("type", e.type.rawValue)
            w.field("name", e.name)
            w.field("article_count", e.articleCount)
            w.field("mention_count", e.mentionCount)
        }
    }
}
