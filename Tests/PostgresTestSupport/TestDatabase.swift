import Foundation
import PostgresClient
import XCTest

/// The PostgreSQL server the tests use: `ARTICLE_ENTITIES_TEST_POSTGRES_URL`, set by `.ci/run` from
/// Tests/Support/pg-cluster.sh. Without it the tests skip, saying how to run them.
public enum TestDatabase {
    public static let variable = "ARTICLE_ENTITIES_TEST_POSTGRES_URL"

    public static func url() throws -> PostgresURL {
        guard let raw = ProcessInfo.processInfo.environment[variable], !raw.isEmpty else {
            throw XCTSkip("\(variable) is not set: start a server with `url=$(Tests/Support/pg-cluster.sh start /tmp/pg)` "
                          + "and export \(variable)=$url to run the PostgreSQL tests")
        }
        return try PostgresURL(raw)
    }

    /// A URL whose connections see only a new, empty schema (via `search_path`), so tests
    /// can create tables freely; the schema is dropped when the test ends.
    public static func freshSchema(for test: XCTestCase) throws -> PostgresURL {
        let schema = try newSchema()
        test.addTeardownBlock { schema.drop() }
        return schema.url
    }

    /// `freshSchema` for a fixture that is not a test case: the caller calls `drop`.
    public static func newSchema() throws -> (url: PostgresURL, drop: () -> Void) {
        let base = try url()
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try PostgresConnection(url: base)
        try admin.execute("CREATE SCHEMA \(schema)")
        var scoped = base
        try scoped.setParameter("options", "-c search_path=\(schema)")
        return (scoped, {
            _ = try? admin.execute("DROP SCHEMA \(schema) CASCADE")
            admin.close()
        })
    }
}

extension TestDatabase {
    /// Ends a server process from another session, as an administrator or a crash would,
    /// and waits until it is gone (pg_terminate_backend only sends the signal).
    public static func terminate(backend pid: Int32) throws {
        let admin = try PostgresConnection(url: url())
        defer { admin.close() }
        let sent = try admin.query("SELECT pg_terminate_backend($1)", [pid])[0].decode(0, as: Bool.self)
        XCTAssertEqual(sent, true, "backend \(pid) could not be signalled")
        for _ in 0..<500 {
            if try admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", [pid])[0].int(0) == 0 { return }
            usleep(10_000)
        }
        XCTFail("backend \(pid) was still running 5 s after pg_terminate_backend")
    }
}

extension TestDatabase {
    /// A loopback port nothing listens on (bound, then released).
    public static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw XCTSkip("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A loopback port that completes TCP handshakes (the kernel's backlog) but never speaks:
/// a server that is stuck, the case `connect_timeout` exists for.
public final class SilentServer {
    public let port: Int
    private let fd: Int32

    public init() throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = self.fd
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw XCTSkip("cannot listen on loopback") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

/// Which store the store and end-to-end tests run against: SQLite by default, PostgreSQL
/// when `ARTICLE_ENTITIES_TEST_STORE=postgresql` (with `ARTICLE_ENTITIES_TEST_POSTGRES_URL`),
/// so the same test cases run on both implementations. `.ci/run` runs them both ways.
public enum TestStoreKind: String, Sendable {
    case sqlite, postgresql

    public static var current: TestStoreKind {
        ProcessInfo.processInfo.environment["ARTICLE_ENTITIES_TEST_STORE"].flatMap(TestStoreKind.init(rawValue:)) ?? .sqlite
    }
}
