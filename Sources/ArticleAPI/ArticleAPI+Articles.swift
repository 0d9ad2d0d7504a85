import Foundation
import HTTPServer
import EntityExtraction
import ArticleStore

extension ArticleAPI {
    /// Extracts on the caller's thread, then replies once the store has committed: the
    /// worker is free for the next request while the write waits for its batch.
    func createArticle(_ req: HTTPRequest, reply: @escaping @Sendable (Result<HTTPResponse, any Error>) -> Void) {
        do {
            let s = try ArticleSubmission.decode(req, metadata: true)
            let publishedAt = s.publishedAt ?? today()
            let article = NewArticle(text: s.text, title: s.title, url: s.url, source: s.source, publishedAt: publishedAt)
            let hash = StoredDigest.textHash(of: s.text)  // once per POST, for the check and the insert
            // Told before the extraction, so a commit about to start can wait for this write.
            let announcement = store.announceWrite()
            if let existing = try store.existing(article, textHash: hash) {
                // A re-post answers with what is stored (which may predate an extractor upgrade).
                let (entities, ids) = try storedEntities(existing.id)
                return reply(.success(articleResponse(existing, created: false, entities: entities, ids: ids, rendering: nil)))
            }
            let extraction = try boundedExtraction(s.text, publishedAt: publishedAt)
            // Rendered once: for the article's tag, and for this answer.
            let rendering = store.entityRendering(extraction.entities)
            store.store(article, extraction: extraction, textHash: hash, rendering: rendering,
                        announcement: announcement) { result in
                reply(Result {
                    let stored = try result.get()
                    guard stored.created else {
                        // Stored meanwhile by another request: answer with what is stored.
                        let (entities, ids) = try self.storedEntities(stored.article.id)
                        return self.articleResponse(stored.article, created: false, entities: entities, ids: ids, rendering: nil)
                    }
                    return self.articleResponse(stored.article, created: true, entities: extraction.entities,
                                                ids: stored.archiveIDs, rendering: rendering)
                })
            }
        } catch {
            reply(.failure(error))
        }
    }

    private func articleResponse(_ stored: StoredArticle, created: Bool, entities: [Entity], ids: [String: String],
                                 rendering: EntityRendering?) -> HTTPResponse {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        ArticleJSON.writeFields(stored, to: &w, includeText: false)
        w.key("entities")
        EntityJSON.writeEntities(entities, archiveIDs: ids, reusing: rendering, to: &w)
        w.endObject()
        return Self.json(created ? 201 : 200, w.bytes, headers: [("Location", "/v1/articles/\(stored.id)")])
    }

    /// A stored article's entities and their archive ids, as `writeEntities` takes them.
    func storedEntities(_ id: String) throws -> ([Entity], [String: String]) {
        let rows = try store.entitiesWithArchiveIDs(articleID: id, type: nil) ?? []
        var ids: [String: String] = [:]
        for row in rows { if let a = row.archiveID { ids[row.entity.id] = a } }
        return (rows.map(\.entity), ids)
    }

    func listArticles(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: ["limit", "cursor", "entity", "type", "since", "until", "q"])
        if let text = try q.string("q") { return try searchArticles(q, text: text) }
        var query = ArticleListQuery()  // with text: each listed article reports its length in characters
        query.limit = try q.int("limit", default: 20, range: 1...100)
        query.cursor = try q.string("cursor")
        query.entity = try q.string("entity")
        query.type = try q.entityType()
        query.since = try q.date("since")
        query.until = try q.date("until")
        try Self.checkOrder(since: query.since, until: query.until)
        return Self.pageResponse("articles", try store.articles(query), itemSize: 300) { w, a in
            ArticleJSON.writeFields(a, to: &w, includeText: false)
        }
    }

    func getArticle(_ req: HTTPRequest, id: String) throws -> HTTPResponse {
        _ = try QueryParameters(req, allowed: [])
        guard let a = try store.article(id: id) else { throw APIProblem.notFound("no article with id \(id)") }
        var w = JSONWriter(capacity: 512 + a.text.utf8.count)
        w.beginObject()
        ArticleJSON.writeFields(a, to: &w, includeText: true)
        w.endObject()
        return Self.json(200, w.bytes)
    }

    func deleteArticle(_ req: HTTPRequest, id: String) throws -> HTTPResponse {
        _ = try QueryParameters(req, allowed: [])
        guard try store.deleteArticle(id: id) else { throw APIProblem.notFound("no article with id \(id)") }
        return HTTPResponse(status: 204)
    }

    /// From the bytes rendered when the article was stored, with a strong ETag; an
    /// `If-None-Match` that names it answers 304. Other offset units, and articles stored
    /// before renderings were kept, are rendered here. The document is kept in
    /// `entitiesCache`, under the store version read before it.
    func articleEntities(_ req: HTTPRequest, id: String) throws -> HTTPResponse {
        let q = try QueryParameters(req, allowed: ["type", "offsets"])
        let type = try q.entityType()
        let unit = try Self.offsetUnit(q)
        if unit == .codePoints {
            let version = store.dataVersion()
            switch try store.renderedEntities(articleID: id, type: type) {
            case .noArticle:
                throw APIProblem.notFound("no article with id \(id)")
            case .rendered(let tag, let parts):
                let etag = "\"\(tag)\(type.map { "-" + $0.rawValue } ?? "")\""
                let body = EntityJSON.entitiesDocument(rendered: parts)
                entitiesCache.insert(EntitiesCache.Key(articleID: id, type: type?.rawValue ?? ""),
                                     EntitiesCache.Entry(etag: etag, body: body), version: version)
                return EntityTag.respond(req, etag: etag) { body }
            case .notRendered:
                break
            }
        }
        guard let rows = try store.entitiesWithArchiveIDs(articleID: id, type: type) else {
            throw APIProblem.notFound("no article with id \(id)")
        }
        var ids: [String: String] = [:]
        for row in rows { if let a = row.archiveID { ids[row.entity.id] = a } }
        var offsets: TextOffsets?
        if unit != .codePoints {
            // Deleted between the two reads: 404, never code point offsets labelled as another unit.
            guard let article = try store.article(id: id) else { throw APIProblem.notFound("no article with id \(id)") }
            offsets = TextOffsets(article.text)
        }
        let body = EntityJSON.entitiesDocument(rows.map(\.entity), archiveIDs: ids, offsets: offsets, unit: unit)
        return EntityTag.respond(req, etag: EntityTag.of(body)) { body }
    }

    /// The cached document, when the request asks for one the cache holds and the store
    /// has not changed since it was read; nil for anything else (the worker answers it).
    func cachedArticleEntities(_ req: HTTPRequest, id: String) -> HTTPResponse? {
        var type = ""
        for item in req.queryItems {
            switch item.name {
            case "type" where type.isEmpty && !item.value.isEmpty: type = item.value
            case "offsets" where item.value == OffsetUnit.codePoints.rawValue: continue
            default: return nil  // repeated, empty, other units, unknown: the full path decides
            }
        }
        guard let entry = entitiesCache.lookup(EntitiesCache.Key(articleID: id, type: type), version: store.dataVersion()) else {
            return nil
        }
        return EntityTag.respond(req, etag: entry.etag) { entry.body }
    }

    static func checkOrder(since: CivilDate?, until: CivilDate?) throws {
        if let since, let until, since > until {
            throw APIProblem.badRequest("since (\(since)) is after until (\(until))")
        }
    }
}

/// The article JSON: metadata always, the full text only where one article is asked for.
enum ArticleJSON {
    static func writeFields(_ a: StoredArticle, to w: inout JSONWriter, includeText: Bool) {
        w.field("id", a.id)
        w.key("title"); w.value(a.title)
        w.key("url"); w.value(a.url)
        w.key("source"); w.value(a.source)
        w.field("published_at", a.publishedAt.description)
        w.field("received_at", UTCTimestamp.seconds(a.receivedAt))
        w.field("text_hash", a.textHash)
        w.field("extractor_version", a.extractorVersion)
        w.field("characters", codePointCount(a.text))
        if includeText { w.field("text", a.text) }
    }

    /// Code points of a text, counted as UTF-8 lead bytes: the scalar view walked the text
    /// a code point at a time.
    static func codePointCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }
}
