import Foundation
import PostgresClient
import PostgresTestSupport
import XCTest

final class PostgresPoolTests: XCTestCase {
    /// Options with a name of their own, so the server can count this pool's sessions.
    private func namedOptions() -> PostgresConnection.Options {
        var o = PostgresConnection.Options()
        o.applicationName = "pool-" + UUID().uuidString.prefix(8).lowercased()
        return o
    }

    private func serverSessions(named name: String) throws -> Int {
        let admin = try PostgresConnection(url: TestDatabase.url())
        return try admin.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", [name])[0].int(0) ?? -1
    }

    func testManyThreadsShareAtMostSizeConnections() throws {
        let options = namedOptions()
        let pool = PostgresPool(url: try TestDatabase.url(), size: 3, checkoutTimeout: 10, options: options)
        let sums = Locked<[Int]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for i in 0..<20 {
                do {
                    let n = try pool.withConnection { try $0.query("SELECT $1::int + $2::int", [worker, i])[0].int(0) ?? -1 }
                    sums.withLock { $0.append(n) }
                } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        XCTAssertEqual(failures.current, [])
        XCTAssertEqual(sums.current.sorted(), (0..<8).flatMap { w in (0..<20).map { w + $0 } }.sorted())
        XCTAssertLessThanOrEqual(pool.counts.open, 3)
        XCTAssertLessThanOrEqual(try serverSessions(named: options.applicationName), 3)
        pool.close()
        XCTAssertEqual(pool.counts.open, 0)
        XCTAssertThrowsError(try pool.withConnection { _ in }) { XCTAssertEqual(($0 as? PostgresError)?.kind, .poolClosed) }
    }

    func testAnExhaustedPoolTimesOutWithAnError() throws {
        let pool = PostgresPool(url: try TestDatabase.url(), size: 1, checkoutTimeout: 0.3)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? pool.withConnection { _ in
                holding.signal()
                release.wait()
            }
            done.signal()
        }
        holding.wait()
        let start = now()
        XCTAssertThrowsError(try pool.withConnection { _ in }) {
            let e = $0 as? PostgresError
            XCTAssertEqual(e?.kind, .poolTimeout, "\($0)")
            XCTAssertEqual(e?.isUnavailable, true)
            XCTAssertTrue("\($0)".contains("all 1 connections"), "\($0)")
        }
        let waited = now() - start
        XCTAssertGreaterThanOrEqual(waited, 0.25)
        XCTAssertLessThan(waited, 3)
        release.signal()
        done.wait()
        XCTAssertEqual(try pool.withConnection { try $0.execute("SELECT 7")[0].int(0) }, 7, "the connection came back")
    }

    func testAConnectionKilledWhileIdleIsReplacedWithoutAnError() throws {
        let pool = PostgresPool(url: try TestDatabase.url(), size: 1)
        let first = try pool.withConnection { $0.backendPID }
        try TestDatabase.terminate(backend: first)
        let second = try pool.withConnection { c -> Int32 in
            XCTAssertEqual(try c.execute("SELECT 1")[0].int(0), 1)
            return c.backendPID
        }
        XCTAssertNotEqual(second, first)
        XCTAssertEqual(pool.counts.open, 1)
    }

    func testAConnectionKilledMidUseFailsThatCallOnlyAndThePoolRecovers() throws {
        let pool = PostgresPool(url: try TestDatabase.url(), size: 1)
        XCTAssertThrowsError(try pool.withConnection { c in
            try TestDatabase.terminate(backend: c.backendPID)
            try c.execute("SELECT 1")
        }) {
            XCTAssertEqual(($0 as? PostgresError)?.isUnavailable, true, "\($0)")
        }
        XCTAssertEqual(pool.counts.open, 0, "the broken connection was dropped, its slot freed")
        XCTAssertEqual(try pool.withConnection { try $0.execute("SELECT 2")[0].int(0) }, 2)
    }

    func testATransactionLeftOpenIsRolledBackWhenTheConnectionReturns() throws {
        let url = try TestDatabase.freshSchema(for: self)
        let pool = PostgresPool(url: url, size: 1)
        try pool.withConnection { try $0.execute("CREATE TABLE t (k int)") }
        try pool.withConnection { c in
            try c.execute("BEGIN")
            try c.query("INSERT INTO t VALUES ($1)", [1])
        }
        try pool.withConnection { c in
            XCTAssertTrue(c.isIdle)
            XCTAssertEqual(try c.execute("SELECT count(*) FROM t")[0].int(0), 0)
        }
        XCTAssertEqual(try pool.transaction { c in try c.query("INSERT INTO t VALUES ($1)", [2]).affectedRows }, 1)
        XCTAssertEqual(try pool.withConnection { try $0.execute("SELECT count(*) FROM t")[0].int(0) }, 1)
    }

    func testAPoolWhoseServerIsGoneFailsFastAsUnavailable() throws {
        let pool = PostgresPool(url: try PostgresURL("postgresql://u:secretpw@127.0.0.1:\(try TestDatabase.closedPort())/db"),
                                size: 2, checkoutTimeout: 30)
        let start = now()
        for _ in 0..<3 {
            XCTAssertThrowsError(try pool.withConnection { _ in }) {
                XCTAssertEqual(($0 as? PostgresError)?.kind, .connectionFailed, "\($0)")
                XCTAssertFalse("\($0)".contains("secretpw"))
            }
        }
        XCTAssertLessThan(now() - start, 5, "a refused connection is not waited on for the checkout timeout")
        XCTAssertEqual(pool.counts.open, 0)
    }
}

final class PostgresStuckServerTests: XCTestCase {
    private var quick: PostgresConnection.Options {
        var o = PostgresConnection.Options()
        o.connectTimeoutSeconds = 2  // libpq's minimum
        return o
    }

    func testConnectingToAServerThatNeverAnswersGivesUpAtTheConnectTimeout() throws {
        let silent = try SilentServer()
        let start = now()
        XCTAssertThrowsError(try PostgresConnection(url: PostgresURL("postgresql://u:secretpw@127.0.0.1:\(silent.port)/db"), options: quick)) {
            XCTAssertEqual(($0 as? PostgresError)?.kind, .connectionFailed, "\($0)")
            XCTAssertEqual(($0 as? PostgresError)?.isUnavailable, true)
            XCTAssertFalse("\($0)".contains("secretpw"))
        }
        let waited = now() - start
        XCTAssertGreaterThanOrEqual(waited, 1.5)
        XCTAssertLessThan(waited, 6)
    }

    func testDuringAnOutageThePoolFailsAtOnceInsteadOfWaitingEachTime() throws {
        let silent = try SilentServer()
        let pool = PostgresPool(url: try PostgresURL("postgresql://u@127.0.0.1:\(silent.port)/db"), size: 4,
                                checkoutTimeout: 30, reconnectDelay: 60, options: quick)
        XCTAssertThrowsError(try pool.withConnection { _ in })
        let start = now()
        for _ in 0..<5 {
            XCTAssertThrowsError(try pool.withConnection { _ in }) {
                XCTAssertEqual(($0 as? PostgresError)?.isUnavailable, true)
                XCTAssertTrue("\($0)".contains("not retried for 60.0 s after a failure"), "\($0)")
            }
        }
        XCTAssertLessThan(now() - start, 0.5, "five checkouts during the outage cost no connect timeout")
        XCTAssertEqual(pool.counts.open, 0)
    }

    func testAfterTheDelayThePoolTriesAgain() throws {
        let pool = PostgresPool(url: try PostgresURL("postgresql://u@127.0.0.1:\(try TestDatabase.closedPort())/db"), size: 1, reconnectDelay: 0.2)
        XCTAssertThrowsError(try pool.withConnection { _ in })
        XCTAssertThrowsError(try pool.withConnection { _ in }) { XCTAssertTrue("\($0)".contains("not retried"), "\($0)") }
        usleep(300_000)
        XCTAssertThrowsError(try pool.withConnection { _ in }) { XCTAssertFalse("\($0)".contains("not retried"), "tried again: \($0)") }
    }
}

/// The database itself restarts under a running pool (needs the cluster's folder, which
/// `.ci/run` exports as ARTICLE_ENTITIES_TEST_POSTGRES_DIR).
final class PostgresRestartTests: XCTestCase {
    func testThePoolRecoversFromADatabaseRestartWithoutBeingRebuilt() throws {
        let url = try TestDatabase.url()
        guard let dir = ProcessInfo.processInfo.environment["ARTICLE_ENTITIES_TEST_POSTGRES_DIR"] else {
            throw XCTSkip("ARTICLE_ENTITIES_TEST_POSTGRES_DIR is not set: the restart test needs the folder of a "
                          + "Tests/Support/pg-cluster.sh cluster")
        }
        let pool = PostgresPool(url: url, size: 2, reconnectDelay: 0.1)
        let before = try pool.withConnection { c in try c.execute("SELECT pg_postmaster_start_time()::text")[0].string(0) }
        // Two connections open and idle, as in a node between requests.
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) { _ = try? pool.withConnection { try $0.execute("SELECT pg_sleep(0.1)") } }
        }
        group.wait()
        XCTAssertEqual(pool.counts.open, 2)

        XCTAssertEqual(TestCluster.run("restart", dir), 0, "pg-cluster.sh restart failed")

        // Both old sessions are dead; each checkout notices and connects again, no error reaches the caller.
        for _ in 0..<4 {
            let after = try pool.withConnection { c in try c.execute("SELECT pg_postmaster_start_time()::text")[0].string(0) }
            XCTAssertNotEqual(after, before, "a new server answered")
        }
        XCTAssertLessThanOrEqual(pool.counts.open, 2)
    }
}
