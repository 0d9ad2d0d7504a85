import Foundation
import HTTPServer
import EntityExtraction
import ArticleStore

extension ArticleAPI {
    func listEntities(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: ["type", "q", "sort", "limit", "cursor"])
        let page = try store.entitySummaries(type: try q.entityType(), query: try q.string("q"),
                                             sort: try q.oneOf("sort", EntitySort.self, all: EntitySort.allCases) ?? .articles,
                                             limit: try q.int("limit", default: 50, range: 1...500), cursor: try q.string("cursor"))
        return Self.pageResponse("entities", page, itemSize: 200) { w, e in Self.writeSummary(e, to: &w) }
    }

    static func writeSummary(_ e: EntitySummary, to w: inout JSONWriter) {
        w.field("id", e.id)
        w.field("type", e.type.rawValue)
        w.field("name", e.name)
        w.field("key", e.key)
        w.key("names")
        w.beginArray()
        for name in e.names { w.value(name) }
        w.endArray()
        w.field("article_count", e.articleCount)
        w.field("mention_count", e.mentionCount)
    }

    func getEntity(_ req: HTTPRequest, id: String) throws -> HTTPResponse {
        _ = try QueryParameters(req, allowed: [])
        guard id.hasPrefix("ent_"), let detail = try store.entityDetail(id: id) else {
            throw APIProblem.notFound("no entity with id \(id)")
        }
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        Self.writeSummary(detail.summary, to: &w)
        w.field("first_seen", detail.firstSeen.description)
        w.field("last_seen", detail.lastSeen.description)
        w.key("recent_articles")
        w.beginArray()
        for a in detail.recentArticles {
            w.beginObject()
            w.field("id", a.id)
            w.key("title"); w.value(a.title)
            w.field("published_at", a.publishedAt.description)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return Self.json(200, w.bytes)
    }

    func entityArticles(_ req: HTTPRequest, id: String) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: ["limit", "cursor"])
        guard id.hasPrefix("ent_"), let page = try store.entityArticles(id: id, limit: try q.int("limit", default: 20, range: 1...100),
                                                                         cursor: try q.string("cursor")) else {
            throw APIProblem.notFound("no entity with id \(id)")
        }
        return Self.pageResponse("articles", page, itemSize: 300) { w, a in ArticleJSON.writeFields(a, to: &w, includeText: false) }
    }
}
