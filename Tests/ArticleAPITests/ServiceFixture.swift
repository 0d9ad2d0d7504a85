import Foundation
import XCTest
import ArticleAPI
import ArticleStore
import EntityExtraction
import HTTPServer

/// A whole service for a test: a fresh database in a temporary folder, the API over it,
/// and (for live tests) the HTTP server on a free port.
final class ServiceFixture {
    let folder: URL
    let store: SQLiteArticleStore
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
        store = try SQLiteArticleStore(path: folder.appendingPathComponent("test.sqlite").path, busyTimeoutMilliseconds: busyTimeoutMilliseconds,
                                 entityRenderer: renderEntities ? EntityJSON.renderer : nil)
        api = ArticleAPI(store: store, extractor: Self.extractor, configuration: configuration, metrics: metrics,
                         openAPIDocument: OpenAPIDocument.bundled(), today: { today }, clock: clock, log: log)
    }

    var databasePath: String { folder.appendingPathComponent("test.sqlite").path }

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
        try? FileManager.default.removeItem(at: folder)
    }
}
