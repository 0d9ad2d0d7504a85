import Foundation
import HTTPServer
import EntityExtraction
import ArticleStore

/// The service's HTTP API: routes every request to its handler, and turns refusals into
/// problem+json. The only place where HTTP, extraction and storage meet.
public final class ArticleAPI: HTTPResponder {
    let store: any ArticleStorage
    let extractor: EntityExtractor
    let configuration: ServiceConfiguration
    let metrics: ServiceMetrics
    let openAPIDocument: [UInt8]
    /// The publication date used when a client gives none: the day the article arrives.
    let today: @Sendable () -> CivilDate
    /// Monotonic seconds, for extraction budgets and the rate limiter.
    let clock: ExtractionDeadline.Clock
    /// Where failures are described in full (SQLite's message, the SQL), since the client
    /// is told only what failed in words.
    let log: @Sendable (String) -> Void
    let access: AccessPolicy
    let rateLimiter: RateLimiter?
    /// Bodies of GET entities, answered on the I/O thread while the store is unchanged.
    let entitiesCache: EntitiesCache
    /// Whether the database answers, for `/healthz` (checked in the background once
    /// `databaseProbe.start()` is called, as `serve` does).
    public let databaseProbe: DatabaseProbe

    public init(store: any ArticleStorage, extractor: EntityExtractor, configuration: ServiceConfiguration,
                metrics: ServiceMetrics = ServiceMetrics(), openAPIDocument: [UInt8] = [],
                today: @escaping @Sendable () -> CivilDate = ArticleAPI.utcToday,
                clock: @escaping ExtractionDeadline.Clock = ExtractionDeadline.uptime,
                log: @escaping @Sendable (String) -> Void = { _ in },
                entitiesCacheBytes: Int = 16 << 20) {
        self.store = store
        self.extractor = extractor
        self.configuration = configuration
        self.metrics = metrics
        self.openAPIDocument = openAPIDocument
        self.today = today
        self.clock = clock
        self.log = log
        access = AccessPolicy(configuration)
        entitiesCache = EntitiesCache(maxBytes: entitiesCacheBytes)
        databaseProbe = DatabaseProbe(store: store, log: log)
        rateLimiter = configuration.rateLimitPerMinute > 0 ? RateLimiter(perMinute: configuration.rateLimitPerMinute, clock: clock) : nil
    }

    public static let utcToday: @Sendable () -> CivilDate = {
        let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        return CivilDate(dayNumber: days)
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            try admit(request)
            return try Self.router.route(request, context: self)
        } catch {
            return response(for: error, to: request)
        }
    }

    /// `respond(to:)`, except that a store of an article answers after its commit without
    /// holding the worker while the write waits for its batch.
    public func respond(to request: HTTPRequest, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        do {
            try admit(request)
        } catch {
            return reply(response(for: error, to: request))
        }
        Self.router.route(request, context: self) { result in
            switch result {
            case .success(let response): reply(response)
            case .failure(let error): reply(self.response(for: error, to: request))
            }
        }
    }

    /// The problem+json a handler's error answers; failures inside the service are logged in full.
    private func response(for error: any Error, to request: HTTPRequest) -> HTTPResponse {
        switch error {
        case let problem as APIProblem:
            return problem.response
        case let error as StoreError:
            let problem = APIProblem.storeFailure(error, operation: Self.operation(request))
            if problem.status >= 500 { log("\(request.method) \(request.path) \(problem.status): \(error)") }
            return problem.response
        case let error as ExtractionDeadlineExceeded:
            return Self.budgetExceeded(error).response
        default:
            log("\(request.method) \(request.path) 500: \(error)")
            return APIProblem(500, "\(Self.operation(request)) failed inside the service; the service log has the details").response
        }
    }

    /// Health, metrics, the spec, and paths or methods no route takes are answered on the
    /// server's I/O thread: none of them reads the database or runs the extractor, and a
    /// health check must not wait behind extractions for a worker.
    /// So are entities already in the cache, checked before admission (which counts
    /// against the rate limit and so must run once per request, here or on the worker).
    public func respondInline(to request: HTTPRequest) -> HTTPResponse? {
        var cheap = false
        guard let response = Self.router.respondInline(request, context: self, respond: {
            cheap = true
            return respond(to: request)
        }) else { return nil }
        if cheap { return response }
        do {
            try admit(request)
        } catch let problem as APIProblem {
            return problem.response
        } catch {
            return nil
        }
        return response
    }

    /// What the request was doing, in words for the client when it fails.
    static func operation(_ request: HTTPRequest) -> String {
        switch (request.method, request.path) {
        case ("POST", "/v1/articles"): return "storing the article"
        case ("POST", "/v1/articles/batch"): return "storing the articles"
        case ("POST", _) where request.path.hasSuffix("/reextract"): return "re-extracting the article"
        case ("DELETE", _): return "deleting the article"
        case ("POST", "/v1/extract"): return "reading the text"
        default: return "reading from the article store"
        }
    }

    private static let router: Router<ArticleAPI> = {
        var r = Router<ArticleAPI>()
        r.add("POST", "/v1/articles", deferred: { api, req, _, reply in api.createArticle(req, reply: reply) })
        r.add("GET", "/v1/articles") { api, req, _ in try api.listArticles(req) }
        r.add("GET", "/v1/articles/{id}") { api, req, p in try api.getArticle(req, id: p["id"]!) }
        r.add("DELETE", "/v1/articles/{id}") { api, req, p in try api.deleteArticle(req, id: p["id"]!) }
        r.add("POST", "/v1/articles/batch") { api, req, _ in try api.importBatch(req) }
        r.add("POST", "/v1/articles/{id}/reextract") { api, req, p in try api.reextractArticle(req, id: p["id"]!) }
        r.add("GET", "/v1/articles/{id}/entities", inline: { api, req, p in api.cachedArticleEntities(req, id: p["id"]!) }) {
            api, req, p in try api.articleEntities(req, id: p["id"]!)
        }
        r.add("GET", "/v1/figures") { api, req, _ in try api.listFigures(req) }
        r.add("GET", "/v1/figures/summary") { api, req, _ in try api.summarizeFigures(req) }
        r.add("GET", "/v1/entities") { api, req, _ in try api.listEntities(req) }
        r.add("GET", "/v1/entities/{id}") { api, req, p in try api.getEntity(req, id: p["id"]!) }
        r.add("GET", "/v1/entities/{id}/articles") { api, req, p in try api.entityArticles(req, id: p["id"]!) }
        r.add("GET", "/v1/entities/{id}/figures") { api, req, p in try api.entityFigures(req, id: p["id"]!) }
        r.add("POST", "/v1/extract") { api, req, _ in try api.extract(req) }
        r.add("GET", "/healthz", cheap: true) { api, req, _ in try api.health(req) }
        r.add("GET", "/metrics", cheap: true) { api, req, _ in try api.metricsText(req) }
        r.add("GET", "/openapi.yaml", cheap: true) { api, req, _ in
            _ = try QueryParameters(req, allowed: [])
            return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/yaml; charset=utf-8")]), body: api.openAPIDocument)
        }
        // The web pages and their files (ArticleAPI+Pages.swift), from memory.
        for path in ["/", "/articles", "/articles/{id}", "/figures", "/entities/{id}", "/ui/{file}"] {
            r.add("GET", path, cheap: true) { api, req, _ in try api.page(req) }
        }
        return r
    }()

    func extractionOptions(publishedAt: CivilDate) -> ExtractionOptions {
        configuration.extractionOptions(publishedAt: publishedAt)
    }

    static func json(_ status: Int, _ body: [UInt8], headers: [(String, String)] = []) -> HTTPResponse {
        var h = HTTPHeaders([("Content-Type", "application/json")])
        for (k, v) in headers { h.add(k, v) }
        return HTTPResponse(status: status, headers: h, body: body)
    }

    /// `{"<name>": [objects…], "next_cursor": …}`: every paginated listing has this shape.
    static func pageResponse<Item>(_ name: String, _ page: Page<Item>, itemSize: Int,
                                   _ writeItem: (inout JSONWriter, Item) -> Void) -> HTTPResponse {
        var w = JSONWriter(capacity: 256 + page.items.count * itemSize)
        w.beginObject()
        w.key(name)
        w.beginArray()
        for item in page.items {
            w.beginObject()
            writeItem(&w, item)
            w.endObject()
        }
        w.endArray()
        w.key("next_cursor")
        w.value(page.nextCursor)
        w.endObject()
        return json(200, w.bytes)
    }

    static func offsetUnit(_ q: QueryParameters) throws -> OffsetUnit {
        try q.oneOf("offsets", OffsetUnit.self, all: OffsetUnit.allCases) ?? .codePoints
    }

    // MARK: operations

    func extract(_ req: HTTPRequest) throws -> HTTPResponse {
        let submission = try ArticleSubmission.decode(req, metadata: false)
        let extraction = try boundedExtraction(submission.text, publishedAt: submission.publishedAt ?? today())
        // Archive ids as a stored article would get them now (the surname join reads the archive).
        return Self.json(200, EntityJSON.entitiesDocument(extraction.entities, archiveIDs: try store.archiveIDs(for: extraction.entities)))
    }

    /// 200 with the articles stored while the database answers, 503 (with `Retry-After`)
    /// while the background probe finds it does not. Read from memory: a health check
    /// never waits on the database.
    func health(_ req: HTTPRequest) throws -> HTTPResponse {
        _ = try QueryParameters(req, allowed: [])
        guard databaseProbe.isAnswering else {
            throw APIProblem(503, "the database does not answer: requests that need it get 503 until it is back",
                             headers: HTTPHeaders([("Retry-After", "2")]))
        }
        let count = store.storedArticleCount
        return Self.json(200, Array("{\"status\":\"ok\",\"articles\":\(count),\"extractor_version\":\"\(EntityExtractor.version)\"}".utf8))
    }

    func metricsText(_ req: HTTPRequest) throws -> HTTPResponse {
        _ = try QueryParameters(req, allowed: [])
        let text = metrics.render(articlesStored: store.storedArticleCount)
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]), body: Array(text.utf8))
    }
}
