// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "article-entities",
    products: [
        .executable(name: "article-entities", targets: ["article-entities"]),
        // Libraries only so Tests/Fuzz (a package of its own, built with sanitizers) can link the modules.
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "EntityExtraction", targets: ["EntityExtraction"]),
        .library(name: "ArticleAPI", targets: ["ArticleAPI"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libpq, PostgreSQL's own C client: synchronous calls suit the worker threads, no SwiftNIO.
        .systemLibrary(
            name: "CPostgreSQL",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // glibc's malloc_trim, to hand freed connection buffers back to the system.
        .systemLibrary(name: "CMalloc"),
        // epoll and eventfd, for the HTTP server's event loops.
        .systemLibrary(name: "CEpoll"),
        // A prefetch hint for the name tagger's weight reads.
        .systemLibrary(name: "CPrefetch"),
        // Transport only: sockets, HTTP/1.1 parsing, limits. Knows nothing about articles.
        .target(name: "HTTPServer", dependencies: ["CMalloc", "CEpoll"]),
        // Pure Swift, no I/O: text -> tokens -> recognizers -> entities.
        .target(
            name: "EntityExtraction",
            dependencies: ["CPrefetch"],
            exclude: ["Names/Tools", "Money/Tools", "Identity/Tools"],
            resources: [.copy("Resources")]
        ),
        // SHA-256's compression on the x86 SHA extensions, for the store's hashes (ours, in C:
        // Swift has no intrinsics); SHA256.swift falls back to its own rounds elsewhere.
        // DWARF 4 like the Swift modules: valgrind (bench-post.sh's instruction counts) cannot
        // read clang's default DWARF 5.
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // SQLite schema, migrations and queries.
        .target(name: "ArticleStore", dependencies: ["CSQLite", "CSHA256", "EntityExtraction"]),
        // PostgreSQL connections, pool and migrations over libpq. Knows nothing about articles.
        .target(name: "PostgresClient", dependencies: ["CPostgreSQL"]),
        // The article store over PostgreSQL: the same `ArticleStorage` as the SQLite store.
        .target(name: "PostgresStore", dependencies: ["ArticleStore", "PostgresClient", "EntityExtraction"]),
        // The web pages: static HTML, CSS and JavaScript over the JSON API, shipped in the binary.
        .target(name: "WebPages", resources: [.copy("Resources")]),
        // Routes and handlers: the one place that joins HTTP, extraction and storage.
        .target(
            name: "ArticleAPI",
            dependencies: ["HTTPServer", "EntityExtraction", "ArticleStore", "WebPages"],
            // The spec lives here so the binary can serve it; the top-level openapi.yaml links to it.
            resources: [.copy("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "article-entities",
            dependencies: ["ArticleAPI", "ArticleStore", "EntityExtraction", "HTTPServer", "PostgresStore", "PostgresClient"]
        ),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "EntityExtractionTests", dependencies: ["EntityExtraction"]),
        // Run against ARTICLE_ENTITIES_TEST_POSTGRES_URL (Tests/Support/pg-cluster.sh); skipped without it.
        // The test server, fresh schemas and outage helpers the PostgreSQL tests share.
        .target(name: "PostgresTestSupport", dependencies: ["PostgresClient"], path: "Tests/PostgresTestSupport"),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "PostgresTestSupport"]),
        .testTarget(name: "PostgresStoreTests",
                    dependencies: ["PostgresStore", "ArticleStore", "PostgresClient", "PostgresTestSupport", "EntityExtraction"]),
        .testTarget(name: "ArticleStoreTests",
                    dependencies: ["ArticleStore", "PostgresStore", "PostgresTestSupport", "EntityExtraction"]),
        // CSQLite: the store-failure tests hold a lock on the test database from a second connection.
        .testTarget(name: "ArticleAPITests", dependencies: ["ArticleAPI", "ArticleStore", "EntityExtraction", "HTTPServer", "CSQLite", "WebPages",
                                                          "PostgresStore", "PostgresTestSupport"]),
    ]
)
