import PostgresClient
import XCTest

/// URL parsing needs no server.
final class PostgresURLTests: XCTestCase {
    func testPartsArePercentDecodedAndThePasswordIsNeverShown() throws {
        let url = try PostgresURL("postgresql://news%40desk:p%40ss%3Aw0rd@db.example.org:6432/article%20entities?sslmode=require&application_name=node-1")
        XCTAssertEqual(url.user, "news@desk")
        XCTAssertEqual(url.hosts.map { $0.host }, ["db.example.org"])
        XCTAssertEqual(url.hosts.map { $0.port }, [6432])
        XCTAssertEqual(url.database, "article entities")
        XCTAssertEqual(url.parameters.map { "\($0.key)=\($0.value)" }, ["sslmode=require", "application_name=node-1"])
        XCTAssertEqual(url.description,
                       "postgresql://news%40desk:***@db.example.org:6432/article%20entities?sslmode=require&application_name=node-1")
    }

    func testPostgresSchemeIPv6AndSeveralHosts() throws {
        let v6 = try PostgresURL("POSTGRES://reader@[::1]:5433/news")
        XCTAssertEqual(v6.hosts.map { $0.host }, ["::1"])
        XCTAssertEqual(v6.hosts.map { $0.port }, [5433])
        XCTAssertEqual(v6.description, "postgresql://reader@[::1]:5433/news")
        let many = try PostgresURL("postgresql://a:5432,b,c:6000/news")
        XCTAssertEqual(many.hosts.map { $0.host }, ["a", "b", "c"])
        XCTAssertEqual(many.hosts.map { $0.port }, [5432, nil, 6000])
        let bare = try PostgresURL("postgresql://")
        XCTAssertTrue(bare.hosts.isEmpty)
        XCTAssertNil(bare.database)
        XCTAssertNil(bare.user)
    }

    func testBadURLsAreRefusedWithoutEchoingTheirSecrets() throws {
        let cases: [(String, String)] = [
            ("mysql://u:hunter2secret@h/db", "starts with postgresql://"),
            ("postgresql://u:hunter2secret@h:99999/db", "port must be a number from 1 to 65535"),
            ("postgresql://u:hunter2secret@h:port/db", "port must be a number"),
            ("postgresql://u:hunter2%zzsecret@h/db", "password in the URL holds a %"),
            ("postgresql://u:hunter2secret@[::1/db", "IPv6"),
            ("postgresql://u:hunter2secret@h/db?sslmdoe=require", "\"sslmdoe\" is not a libpq connection parameter"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try PostgresURL(text), text) { error in
                let message = "\(error)"
                XCTAssertEqual((error as? PostgresError)?.kind, .invalidURL, text)
                XCTAssertTrue(message.contains(expected), "\(text): \(message)")
                XCTAssertFalse(message.contains("hunter2"), "\(text): \(message)")
            }
        }
    }

    func testPasswordGivenAsAParameterIsHiddenToo() throws {
        let url = try PostgresURL("postgresql://u@h/db?password=hunter2secret")
        XCTAssertEqual(url.description, "postgresql://u@h/db?password=***")
    }

    func testDumpAndDebugPrintDoNotRevealThePassword() throws {
        let url = try PostgresURL("postgresql://u:hunter2secret@h/db")
        var dumped = ""
        dump(url, to: &dumped)
        XCTAssertTrue(dumped.contains("postgresql://u:***@h/db"), dumped)
        XCTAssertFalse(dumped.contains("hunter2"), dumped)
        XCTAssertFalse(String(reflecting: url).contains("hunter2"))
    }
}
