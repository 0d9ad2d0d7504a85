import Foundation
import HTTPServer
import EntityExtraction
import ArticleStore

/// Search, bulk import and re-extraction of one article.
extension ArticleAPI {
    /// Most lines one `POST /v1/articles/batch` may hold (the body is also bounded by
    /// `max_body_bytes`): enough for bulk loading, small enough to answer in seconds.
    static let maxBatchLines = 1_000

    /// `GET /v1/articles?q=`: ranked hits, each with a snippet: plain text, with the
    /// matched words given as code point offsets into it (as entity mentions are given
    /// into the article), so a page escapes the text and marks the words itself.
    func searchArticles(_ q: QueryParameters, text: String) throws -> HTTPResponse {
        guard let terms = SearchTerms(text) else {
            throw APIProblem.badRequest("q has no word to search for: give one or more words, \"a phrase\" or a prefix*")
        }
        var query = ArticleSearchQuery(terms: terms)
        query.limit = try q.int("limit", default: 20, range: 1...100)
        query.cursor = try q.string("cursor")
        query.entity = try q.string("entity")
        query.type = try q.entityType()
        query.since = try q.date("since")
        query.until = try q.date("until")
        try Self.checkOrder(since: query.since, until: query.until)
        return Self.pageResponse("articles", try store.search(query), itemSize: 600) { w, hit in
            ArticleJSON.writeFields(hit.article, to: &w, includeText: false)
            Self.writeSnippet(hit.snippet, to: &w)
        }
    }

    static func writeSnippet(_ parts: [(text: String, match: Bool)], to w: inout JSONWriter) {
        var text = ""
        var offset = 0
        var matches: [(start: Int, end: Int)] = []
        for part in parts {
            let length = part.text.unicodeScalars.count
            if part.match { matches.append((offset, offset + length)) }
            text += part.text
            offset += length
        }
        w.field("snippet", text)
        w.key("snippet_matches")
        w.beginArray()
        for m in matches {
            w.beginObject()
            w.field("start", m.start)
            w.field("end", m.end)
            w.endObject()
        }
        w.endArray()
    }

    /// `POST /v1/articles/batch`: one NDJSON result line per non-blank input line.
    func importBatch(_ req: HTTPRequest) throws -> HTTPResponse {
        _ = try QueryParameters(req, allowed: [])
        let contentType = (req.headers["Content-Type"] ?? "").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard ["application/x-ndjson", "application/ndjson", "application/jsonl"].contains(contentType) else {
            throw APIProblem(415, "send the articles as application/x-ndjson: one JSON object {\"text\": …} a line"
                             + (contentType.isEmpty ? "" : ", not \(contentType)"))
        }
        let lines = ArticleImporter.lines(of: req.body)
        guard !lines.isEmpty else { throw APIProblem(422, "the body holds no line: send one JSON article object a line") }
        guard lines.count <= Self.maxBatchLines else {
            throw APIProblem(413, "the body holds \(lines.count) articles, more than the \(Self.maxBatchLines) one batch may hold: "
                             + "split it into several requests")
        }
        let importer = ArticleImporter(store: store, extractor: extractor, configuration: configuration, today: today, clock: clock)
        let outcomes = try importer.importLines(lines.map(\.bytes))
        var body: [UInt8] = []
        body.reserveCapacity(80 * lines.count)
        for (line, outcome) in zip(lines, outcomes) {
            var w = JSONWriter(capacity: 128)
            w.beginObject()
            w.field("line", line.number)
            switch outcome {
            case .created(let id):
                w.field("status", 201)
                w.field("id", id)
            case .existing(let id):
                w.field("status", 200)
                w.field("id", id)
            case .refused(let status, let detail):
                w.field("status", status)
                w.key("problem")
                w.beginObject()
                w.field("type", "about:blank")
                w.field("title", HTTPResponse.reasonPhrase(status))
                w.field("status", status)
                w.field("detail", detail)
                w.endObject()
            }
            w.endObject()
            body += w.bytes
            body.append(0x0A)
        }
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/x-ndjson")]), body: body)
    }

    /// `POST /v1/articles/{id}/reextract`: the article's new entities and what changed.
    func reextractArticle(_ req: HTTPRequest, id: String) throws -> HTTPResponse {
        _ = try QueryParameters(req, allowed: [])
        guard let article = try store.article(id: id) else { throw APIProblem.notFound("no article with id \(id)") }
        let extraction = try boundedExtraction(article.text, publishedAt: article.publishedAt)
        guard let changes = try store.reextract(articleID: id, with: extraction) else {
            throw APIProblem.notFound("no article with id \(id)")  // deleted while it was being read
        }
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.field("id", id)
        w.field("extractor_version", extraction.extractorVersion)
        w.key("changes")
        Self.writeChanges(changes, to: &w)
        w.key("entities")
        EntityJSON.writeEntities(extraction.entities, to: &w)
        w.endObject()
        return Self.json(200, w.bytes)
    }

    /// `{"added": {"person": 1, …}, "removed": {…}}`, every type present.
    static func writeChanges(_ changes: ExtractionChanges, to w: inout JSONWriter) {
        w.beginObject()
        for (name, counts) in [("added", changes.added), ("removed", changes.removed)] {
            w.key(name)
            w.beginObject()
            for type in EntityType.allCases { w.field(type.rawValue, counts[type] ?? 0) }
            w.endObject()
        }
        w.endObject()
    }
}
