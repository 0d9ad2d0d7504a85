import Foundation
import XCTest
import ArticleAPI
import ArticleStore
import EntityExtraction
import HTTPServer
import PostgresClient
import PostgresStore
import PostgresTestSupport

/// A whole service for a test: a fresh database (a file in a temporary folder, or a new
/// schema on the test PostgreSQL server when `TestStoreKind.current` says so), the API over
/// it, and (for live tests) the HTTP server on a free port.
final class ServiceFixture {
    let folder: URL
    let store: any ArticleStorage
    /// This fixture's PostgreSQL schema (PostgreSQL runs only).
    let postgresURL: PostgresURL?
    private let dropSchema: () -> Void
    private let renderer: EntityRenderer?
    let api: ArticleAPI
    let metrics: ServiceMetrics
    private(set) var server: HTTPServer?
    private(set) var port = 0

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sharedData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static let extractor: EntityExtractor = {
        try! EntityExtractor.bundled()
    }()

    init(configuration: ServiceConfiguration = ServiceConfiguration(), metrics: ServiceMetrics = ServiceMetrics(),
         today: CivilDate = CivilDate(year: 2024, month: 3, day: 14)!,
         clock: @escaping ExtractionDeadline.Clock = ExtractionDeadline.uptime,
         log: @escaping @Sendable (String) -> Void = { _ in }, busyTimeoutMilliseconds: Int = 5000,
         renderEntities: Bool = true) throws {
        self.metrics = metrics
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("article-entities-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        renderer = renderEntities ? EntityJSON.renderer : nil
        switch TestStoreKind.current {
        case .sqlite:
            (postgresURL, dropSchema) = (nil, {})
            store = try SQLiteArticleStore(path: folder.appendingPathComponent("test.sqlite").path,
                                           busyTimeoutMilliseconds: busyTimeoutMilliseconds, entityRenderer: renderer)
        case .postgresql:
            let schema = try TestDatabase.newSchema()
            (postgresURL, dropSchema) = (schema.url, schema.drop)
            store = try PostgresArticleStore(url: schema.url, connections: 4, entityRenderer: renderer)
        }
        api = ArticleAPI(store: store, extractor: Self.extractor, configuration: configuration, metrics: metrics,
                         openAPIDocument: OpenAPIDocument.bundled(), today: { today }, clock: clock, log: log)
    }

    var databasePath: String { folder.appendingPathComponent("test.sqlite").path }

    /// A second instance over the same database (a restart, or another node), with the same renderer.
    func openStore(renderEntities: Bool = true) throws -> any ArticleStorage {
        if let postgresURL { return try PostgresArticleStore(url: postgresURL, connections: 2, entityRenderer: renderEntities ? renderer : nil) }
        return try SQLiteArticleStore(path: databasePath, entityRenderer: renderEntities ? renderer : nil)
    }

    /// The SQLite store, for tests of what only it has; skips the test on PostgreSQL.
    func sqlite() throws -> SQLiteArticleStore {
        guard let store = store as? SQLiteArticleStore else {
            throw XCTSkip("a test of the SQLite store's own behaviour: nothing to run on \(TestStoreKind.current.rawValue)")
        }
        return store
    }

    /// Starts the server on a free port and returns a client connected to it.
    func live(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> LiveClient {
        if server == nil {
            var c = HTTPServerConfiguration()
            c.port = 0
            configure(&c)
            let m = metrics
            let s = HTTPServer(configuration: c, responder: api) { m.record($0) }
            port = try s.start()
            server = s
        }
        return try LiveClient(port: port)
    }

    var inProcess: InProcessClient { InProcessClient(responder: api) }

    func tearDown() {
        server?.shutdown()
        server?.waitUntilStopped()
        store.close()
        dropSchema()
        try? FileManager.default.removeItem(at: folder)
    }
}
