import PostgresClient
import PostgresTestSupport
import XCTest

final class PostgresConnectionTests: XCTestCase {
    func testConnectsAndReportsTheServerSession() throws {
        let url = try TestDatabase.url()
        let c = try PostgresConnection(url: url)
        let row = try c.execute("SELECT current_database(), current_setting('server_encoding'), pg_backend_pid()")[0]
        XCTAssertEqual(try row.string(0), url.database)
        XCTAssertEqual(try row.string(1), "UTF8")
        XCTAssertEqual(try row.decode(2, as: Int32.self), c.backendPID)
        XCTAssertFalse(c.isBroken)
        XCTAssertTrue(c.isIdle)
    }

    func testTheConnectionCarriesTheConfiguredTimeouts() throws {
        var options = PostgresConnection.Options()
        options.statementTimeoutSeconds = 7.5
        options.idleInTransactionTimeoutSeconds = 20
        options.applicationName = "timeouts-test"
        let c = try PostgresConnection(url: TestDatabase.url(), options: options)
        let row = try c.execute("""
            SELECT current_setting('statement_timeout'), current_setting('idle_in_transaction_session_timeout'),
                   current_setting('application_name')
            """)[0]
        XCTAssertEqual(try row.string(0), "7500ms")
        XCTAssertEqual(try row.string(1), "20s")
        XCTAssertEqual(try row.string(2), "timeouts-test")
    }

    func testParametersRoundTripAsText() throws {
        let c = try PostgresConnection(url: TestDatabase.url())
        let text = "Zoë Ångström – 東京 \"quoted\" 'single' \\ back; DROP TABLE x; 🎉"
        let exact = "12345678901234567890.000000000123456789"
        let row = try c.query("SELECT $1::text, $2::int8, $3::numeric, $4::text, $5::int4, $6::bool, $7::float8, $8::numeric + $9::numeric",
                              [text, Int64.max, exact, nil, Int32.min, true, 0.1, "0.1", "0.2"])[0]
        XCTAssertEqual(try row.string(0), text)
        XCTAssertEqual(try row.decode(1, as: Int64.self), Int64.max)
        XCTAssertEqual(try row.string(2), exact, "numeric comes back as the exact decimal text")
        XCTAssertNil(try row.string(3))
        XCTAssertTrue(try row.isNull(3))
        XCTAssertEqual(try row.decode(4, as: Int32.self), Int32.min)
        XCTAssertEqual(try row.decode(5, as: Bool.self), true)
        XCTAssertEqual(try row.decode(6, as: Double.self), 0.1)
        XCTAssertEqual(try row.string(7), "0.3", "numeric arithmetic is exact")
        XCTAssertEqual(try row.decode(2, as: Decimal.self), Decimal(string: exact, locale: Locale(identifier: "en_US_POSIX")))

        let d = try XCTUnwrap(Decimal(string: "-98765.4321", locale: Locale(identifier: "en_US_POSIX")))
        XCTAssertEqual(try c.query("SELECT $1::numeric * 2", [d])[0].string(0), "-197530.8642")
    }

    func testRowsByNameAndTheirErrors() throws {
        let c = try PostgresConnection(url: TestDatabase.url())
        let rows = try c.execute("SELECT n, 'x' || n AS label FROM generate_series(1, 3) AS n")
        XCTAssertEqual(rows.columns, ["n", "label"])
        XCTAssertEqual(try rows.map { try $0.int("n") }, [1, 2, 3])
        XCTAssertEqual(try rows.map { try $0.string("label") }, ["x1", "x2", "x3"])
        XCTAssertThrowsError(try rows[0].int("label")) {
            XCTAssertEqual(($0 as? PostgresError)?.kind, .decoding)
            XCTAssertTrue("\($0)".contains("\"x1\", which is not a Int"), "\($0)")
        }
        XCTAssertThrowsError(try rows[0].string("missing")) { XCTAssertTrue("\($0)".contains("no column \"missing\""), "\($0)") }
        XCTAssertThrowsError(try rows[0].string(2)) { XCTAssertTrue("\($0)".contains("no column 2"), "\($0)") }
    }

    func testNULInTextIsRefusedBeforeItCanBeTruncated() throws {
        let c = try PostgresConnection(url: TestDatabase.url())
        XCTAssertThrowsError(try c.query("SELECT $1::text", ["before\u{0}after"])) {
            XCTAssertEqual(($0 as? PostgresError)?.kind, .usage)
            XCTAssertTrue("\($0)".contains("parameter $1 contains a NUL"), "\($0)")
        }
        XCTAssertEqual(try c.query("SELECT 1")[0].int(0), 1, "the connection is still usable")
    }

    func testServerErrorsCarrySQLStateAndLeaveTheConnectionUsable() throws {
        let c = try PostgresConnection(url: TestDatabase.freshSchema(for: self))
        try c.execute("CREATE TABLE t (k text PRIMARY KEY)")
        try c.query("INSERT INTO t VALUES ($1)", ["a"])
        XCTAssertThrowsError(try c.query("INSERT INTO t VALUES ($1)", ["a"])) {
            let e = $0 as? PostgresError
            XCTAssertEqual(e?.kind, .server)
            XCTAssertEqual(e?.sqlState, "23505")
            XCTAssertEqual(e?.isUniqueViolation, true)
            XCTAssertEqual(e?.isUnavailable, false)
            XCTAssertEqual(e?.detail, "Key (k)=(a) already exists.")
        }
        XCTAssertThrowsError(try c.execute("SELEC 1")) { XCTAssertEqual(($0 as? PostgresError)?.sqlState, "42601") }
        XCTAssertEqual(try c.execute("SELECT count(*) FROM t")[0].int(0), 1)
    }

    func testPreparedStatementsArePreparedOnceAndReused() throws {
        let c = try PostgresConnection(url: TestDatabase.url())
        let square = PostgresStatement("square", "SELECT $1::int8 * $1::int8")
        XCTAssertEqual(try c.query(square, [3])[0].int(0), 9)
        XCTAssertEqual(try c.query(square, [12])[0].int(0), 144)
        let prepared = try c.execute("SELECT name, statement FROM pg_prepared_statements")
        XCTAssertEqual(try prepared.map { try $0.string("name") }, ["square"], "prepared once, not once per call")
        XCTAssertEqual(try prepared[0].string("statement"), square.sql)
        XCTAssertThrowsError(try c.query(PostgresStatement("square", "SELECT 2"))) {
            XCTAssertTrue("\($0)".contains("already prepared with other SQL"), "\($0)")
        }
    }

    func testTransactionsCommitOrRollBackWhole() throws {
        let c = try PostgresConnection(url: TestDatabase.freshSchema(for: self))
        try c.execute("CREATE TABLE t (k int PRIMARY KEY)")
        struct Abandon: Error {}
        XCTAssertThrowsError(try c.transaction {
            try c.query("INSERT INTO t VALUES ($1)", [1])
            throw Abandon()
        }) { XCTAssertTrue($0 is Abandon) }
        XCTAssertEqual(try c.execute("SELECT count(*) FROM t")[0].int(0), 0, "the insert before the throw was rolled back")
        XCTAssertTrue(c.isIdle)

        // A statement that failed inside, even if the body swallowed its error, dooms the commit.
        XCTAssertThrowsError(try c.transaction {
            try c.query("INSERT INTO t VALUES ($1)", [2])
            _ = try? c.query("INSERT INTO t VALUES ($1)", [2])
        }) { XCTAssertEqual(($0 as? PostgresError)?.sqlState, "25P02", "\($0)") }
        XCTAssertEqual(try c.execute("SELECT count(*) FROM t")[0].int(0), 0)

        let n = try c.transaction { () -> Int in
            try c.query("INSERT INTO t VALUES ($1), ($2)", [3, 4]).affectedRows
        }
        XCTAssertEqual(n, 2)
        XCTAssertEqual(try c.execute("SELECT count(*) FROM t")[0].int(0), 2)
        XCTAssertThrowsError(try c.transaction { try c.transaction {} }) {
            XCTAssertTrue("\($0)".contains("already open"), "\($0)")
        }
    }

    func testAStatementPastItsTimeoutIsCancelled() throws {
        var options = PostgresConnection.Options()
        options.statementTimeoutSeconds = 0.2
        let c = try PostgresConnection(url: TestDatabase.url(), options: options)
        let start = now()
        XCTAssertThrowsError(try c.execute("SELECT pg_sleep(10)")) {
            XCTAssertEqual(($0 as? PostgresError)?.isTimeout, true, "\($0)")
        }
        XCTAssertLessThan(now() - start, 3)
        XCTAssertEqual(try c.execute("SELECT 1")[0].int(0), 1)
    }

    func testAWrongPasswordIsRefusedWithoutBeingRepeated() throws {
        let good = try TestDatabase.url()
        let wrong = "Wr0ng-Passw0rd-\(UInt32.random(in: 1000...9999))"
        var text = good.description.replacingOccurrences(of: ":***@", with: ":\(wrong)@")
        if !text.contains(wrong) { text = text.replacingOccurrences(of: "postgresql://\(good.user ?? "")@", with: "postgresql://\(good.user ?? "postgres"):\(wrong)@") }
        let bad = try PostgresURL(text)
        do {
            _ = try PostgresConnection(url: bad)
            throw XCTSkip("the test server accepted a wrong password (trust authentication): use Tests/Support/pg-cluster.sh")
        } catch let e as PostgresError {
            XCTAssertEqual(e.kind, .connectionFailed)
            XCTAssertTrue(e.isUnavailable)
            XCTAssertTrue(e.message.contains("password authentication failed"), e.message)
            XCTAssertFalse("\(e)".contains(wrong), "\(e)")
            XCTAssertTrue("\(e)".contains(":***@"), "the message names the server, with the password hidden: \(e)")
        }
    }

    func testAServerThatIsNotThereIsUnavailableQuickly() throws {
        let port = try TestDatabase.closedPort()
        let start = now()
        XCTAssertThrowsError(try PostgresConnection(url: PostgresURL("postgresql://u:secretpw@127.0.0.1:\(port)/db"))) {
            let e = $0 as? PostgresError
            XCTAssertEqual(e?.kind, .connectionFailed)
            XCTAssertEqual(e?.isUnavailable, true)
            XCTAssertFalse("\($0)".contains("secretpw"), "\($0)")
        }
        XCTAssertLessThan(now() - start, 3)
    }

    func testAConnectionKilledServerSideIsDetectedAndReset() throws {
        let c = try PostgresConnection(url: TestDatabase.url())
        let first = c.backendPID
        try TestDatabase.terminate(backend: first)
        XCTAssertThrowsError(try c.execute("SELECT 1")) {
            let e = $0 as? PostgresError
            XCTAssertEqual(e?.kind, .connectionLost, "\($0)")
            XCTAssertEqual(e?.isUnavailable, true)
        }
        XCTAssertTrue(c.isBroken)
        XCTAssertThrowsError(try c.execute("SELECT 1")) { XCTAssertEqual(($0 as? PostgresError)?.kind, .connectionLost) }
        try c.reset()
        XCTAssertFalse(c.isBroken)
        XCTAssertNotEqual(c.backendPID, first)
        let square = PostgresStatement("square", "SELECT $1::int8 * $1::int8")
        XCTAssertEqual(try c.query(square, [5])[0].int(0), 25, "statements are prepared again on the new session")
    }
}
