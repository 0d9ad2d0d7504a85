import ArticleAPI
import Foundation
import XCTest

/// The `database` setting: a path is SQLite, a postgresql:// URL is PostgreSQL, any other URL is refused.
final class DatabaseSettingTests: XCTestCase {
    func testPathsAreSQLiteAndPostgresURLsArePostgres() throws {
        for path in ["./data/articles.sqlite", "/var/lib/news/a.sqlite", "articles.sqlite", "weird:name.sqlite", "a/b://c"] {
            XCTAssertEqual(try DatabaseLocation(path), .sqlite(path: path), path)
        }
        for url in ["postgresql://u:p@db:5432/news", "postgres://db/news", "PostgreSQL://db/news?sslmode=require"] {
            XCTAssertEqual(try DatabaseLocation(url), .postgres(url: url), url)
        }
    }

    func testOtherURLSchemesAreRefused() throws {
        for url in ["mysql://root:hunter2secret@db/news", "http://example.org/db", "sqlite://x.sqlite", "file:///tmp/a.sqlite"] {
            XCTAssertThrowsError(try DatabaseLocation(url), url) { error in
                let scheme = url.components(separatedBy: "://")[0]
                XCTAssertEqual("\(error)", "database: \(scheme):// is not a database this service can use; give a SQLite file path "
                               + "(such as ./data/articles.sqlite) or a postgresql://user:password@host:port/database URL")
            }
        }
        var c = ServiceConfiguration()
        XCTAssertThrowsError(try c.apply(environment: ["ARTICLE_ENTITIES_DATABASE": "mysql://root:hunter2secret@db/news"])) {
            XCTAssertTrue("\($0)".hasPrefix("ARTICLE_ENTITIES_DATABASE=\"mysql://root:***@db/news\": database: mysql:// is not"), "\($0)")
            XCTAssertFalse("\($0)".contains("hunter2"), "\($0)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"database": "http://example.org/articles"}"#.utf8).write(to: file)
        XCTAssertThrowsError(try c.apply(file: file.path)) {
            XCTAssertTrue("\($0)".contains("http:// is not a database this service can use"), "\($0)")
            XCTAssertTrue("\($0)".contains("(\"database\" in \(file.path))"), "\($0)")
        }
        XCTAssertEqual(c.database, "./data/articles.sqlite", "a refused value leaves the setting alone")
    }

    func testAPostgresURLFromTheEnvironmentNamesThePostgreSQLStoreAndIsShownWithoutItsPassword() throws {
        var c = ServiceConfiguration()
        try c.apply(environment: ["ARTICLE_ENTITIES_DATABASE": "postgresql://news:hunter2secret@db.example.org:5432/news"])
        XCTAssertEqual(try c.databaseLocation(), .postgres(url: "postgresql://news:hunter2secret@db.example.org:5432/news"))
        XCTAssertEqual("\(try c.databaseLocation())", "postgresql://news:***@db.example.org:5432/news")
        c.database = "/tmp/x.sqlite"
        XCTAssertEqual(try c.databaseLocation(), .sqlite(path: "/tmp/x.sqlite"))
    }

    func testRedactionHidesEveryFormOfPassword() {
        XCTAssertEqual(DatabaseLocation.redacted("postgresql://u:p%40ss@h/db"), "postgresql://u:***@h/db")
        XCTAssertEqual(DatabaseLocation.redacted("postgresql://u@h/db?sslmode=require&password=hunter2"),
                       "postgresql://u@h/db?sslmode=require&password=***")
        XCTAssertEqual(DatabaseLocation.redacted("postgresql://h/db"), "postgresql://h/db")
        XCTAssertEqual(DatabaseLocation.redacted("./data/a:b@c.sqlite"), "./data/a:b@c.sqlite", "a path is not a URL")
    }
}
