import Foundation
import ArticleAPI
import ArticleStore
import EntityExtraction
import HTTPServer

/// `article-entities serve`: runs the HTTP service until SIGTERM or SIGINT.
enum ServeCommand {
    static let summary = "Run the HTTP service (default http://127.0.0.1:8080, SQLite under ./data/)."
    static let help = """
    USAGE: article-entities serve [--config FILE] [--host H] [--port N] [--database DB]

    Settings come from Config/default.json (or --config FILE), then the environment
    (ARTICLE_ENTITIES_HOST, ARTICLE_ENTITIES_PORT, ARTICLE_ENTITIES_DATABASE and the other
    keys of the file in upper case), then these flags. The database is a SQLite file (it and
    its folder are created when missing) or a postgresql://user:password@host:port/db URL,
    which any number of nodes may share. Without api_tokens (ARTICLE_ENTITIES_API_TOKENS) only a loopback
    --host is accepted, unless allow_anonymous_writes is true. Stops gracefully on SIGTERM or SIGINT: no new connections,
    in-flight requests finish, the database closes cleanly.

    OPTIONS:
      --config FILE     JSON settings file (default: Config/default.json when present)
      --host H          address to listen on (default 127.0.0.1; 0.0.0.0 for all)
      --port N          TCP port (default 8080; 0 picks a free one)
      --database DB     SQLite file (default ./data/articles.sqlite) or postgresql:// URL
      -h, --help        show this help
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try ParsedArguments(arguments, valued: ["--config", "--host", "--port", "--database"], flags: ["--help", "-h"])
        if args.has("--help") || args.has("-h") {
            print(help)
            return 0
        }
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument \(args.positionals[0])") }
        var config = try configuration(file: args.value("--config"))
        if let host = args.value("--host") { config.host = host }
        if let port = try args.int("--port", range: 0...65535) { config.port = port }
        if let db = args.value("--database") { config.database = db }
        try config.checkExposure()
        // Resident memory stays flat as the database grows: SQLite's caches share 8 MB.
        SQLiteArticleStore.limitSQLiteMemory(toBytes: 8 << 20)
        // One connection per worker thread, and one for the health probe.
        let store = try StoreOpener.open(config, purpose: .create, connections: config.serverConfiguration.workerThreads + 1)
        let extractor = try config.makeExtractor()
        let metrics = ServiceMetrics(logLinesDropped: { AccessLog.writer.droppedLines })
        let api = ArticleAPI(store: store, extractor: extractor, configuration: config, metrics: metrics,
                             openAPIDocument: OpenAPIDocument.bundled(), log: { AccessLog.line($0) })
        let log = config.logRequests
        let server = HTTPServer(configuration: config.serverConfiguration, responder: api) { entry in
            metrics.record(entry)
            if log { AccessLog.write(entry) }
        }
        let port = try server.start()
        api.databaseProbe.start(every: 1)
        let shownHost = config.host.contains(":") ? "[\(config.host)]" : config.host
        AccessLog.line("article-entities \(extractor.versionWithAliases) listening on http://\(shownHost):\(port) (database \(try config.databaseLocation()))")

        let signals = [SIGTERM, SIGINT].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                AccessLog.line("received \(sig == SIGTERM ? "SIGTERM" : "SIGINT"): finishing in-flight requests")
                server.shutdown()
            }
            source.resume()
            return source
        }
        server.waitUntilStopped()
        api.databaseProbe.stop()
        store.close()
        signals.forEach { $0.cancel() }
        AccessLog.line("stopped")
        AccessLog.writer.flush(timeout: 2)  // a stuck standard error must not keep the process alive
        return 0
    }
}

extension ServeCommand {
    /// The configuration file (or Config/default.json when present), then the environment.
    static func configuration(file: String?) throws -> ServiceConfiguration {
        var config = ServiceConfiguration()
        if let file {
            try config.apply(file: file)
        } else if FileManager.default.fileExists(atPath: "Config/default.json") {
            try config.apply(file: "Config/default.json")
        }
        try config.apply(environment: ProcessInfo.processInfo.environment)
        return config
    }
}

/// One line per request on standard error: time, method, path, status, duration. Lines go
/// through a `LogWriter`, so a closed or stuck standard error drops lines (counted in
/// `/metrics`) instead of trapping or stalling requests.
enum AccessLog {
    static let writer = LogWriter()

    /// Formatted on the writer's thread, not on the event loop that answered.
    static func write(_ e: HTTPRequestLog) {
        writer.log(request: e)
    }

    static func line(_ text: String) {
        writer.log(text)
    }
}
