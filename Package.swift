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
        // glibc's malloc_trim, to hand freed connection buffers back to the system.
        .systemLibrary(name: "CMalloc"),
        // epoll and eventfd, for the HTTP server's event loops.
        .systemLibrary(name: "CEpoll"),
        // Transport only: sockets, HTTP/1.1 parsing, limits. Knows nothing about articles.
        .target(name: "HTTPServer", dependencies: ["CMalloc", "CEpoll"]),
        // Pure Swift, no I/O: text -> tokens -> recognizers -> entities.
        .target(
            name: "EntityExtraction",
            exclude: ["Names/Tools", "Money/Tools"],
            resources: [.copy("Resources")]
        ),
        // SQLite schema, migrations and queries.
        .target(name: "ArticleStore", dependencies: ["CSQLite", "EntityExtraction"]),
        // Routes and handlers: the one place that joins HTTP, extraction and storage.
        .target(
            name: "ArticleAPI",
            dependencies: ["HTTPServer", "EntityExtraction", "ArticleStore"],
            // The spec lives here so the binary can serve it; the top-level openapi.yaml links to it.
            resources: [.copy("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "article-entities",
            dependencies: ["ArticleAPI", "ArticleStore", "EntityExtraction", "HTTPServer"]
        ),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "EntityExtractionTests", dependencies: ["EntityExtraction"]),
        .testTarget(name: "ArticleStoreTests", dependencies: ["ArticleStore", "EntityExtraction"]),
        // CSQLite: the store-failure tests hold a lock on the test database from a second connection.
        .testTarget(name: "ArticleAPITests", dependencies: ["ArticleAPI", "ArticleStore", "EntityExtraction", "HTTPServer", "CSQLite"]),
    ]
)
