import Foundation
import PostgresClient
import PostgresTestSupport
import XCTest

final class PostgresMigratorTests: XCTestCase {
    private let steps = [
        PostgresMigration(version: 1, name: "articles", sql: "CREATE TABLE articles (id bigint PRIMARY KEY, title text NOT NULL)"),
        // Slow on purpose, so a second runner arrives while the first still holds the lock.
        PostgresMigration(version: 2, name: "figures", sql: """
            SELECT pg_sleep(0.5);
            CREATE TABLE figures (article_id bigint REFERENCES articles, amount numeric NOT NULL);
            """),
    ]

    func testStepsAreAppliedOnceAndRecorded() throws {
        let c = try PostgresConnection(url: TestDatabase.freshSchema(for: self))
        let migrator = PostgresMigrator(migrations: steps)
        XCTAssertEqual(try migrator.migrate(c).map { $0.version }, [1, 2])
        XCTAssertEqual(try migrator.migrate(c), [])
        let recorded = try c.execute("SELECT version, name, applied_at IS NOT NULL AND applied_at <= now() FROM schema_migrations ORDER BY version")
        XCTAssertEqual(try recorded.map { "\(try $0.int(0)!) \(try $0.string(1)!) \(try $0.decode(2, as: Bool.self)!)" },
                       ["1 articles true", "2 figures true"])
        try c.query("INSERT INTO figures SELECT 1, 2 WHERE false")
        XCTAssertEqual(try c.execute("SHOW statement_timeout")[0].string(0), "30s", "the run's own timeout is undone")

        let more = PostgresMigrator(migrations: steps + [PostgresMigration(version: 3, name: "index", sql: "CREATE INDEX ON figures (amount)")])
        XCTAssertEqual(try more.migrate(c).map { $0.name }, ["index"])
    }

    func testTwoNodesStartingTogetherDoNotRace() throws {
        let url = try TestDatabase.freshSchema(for: self)
        let migrator = PostgresMigrator(migrations: steps)
        let results = Locked<[(applied: [Int], finished: Double)]>([])
        let errors = Locked<[String]>([])
        let ready = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<2 {
            ready.enter()
            done.enter()
            DispatchQueue.global().async {
                defer { done.leave() }
                do {
                    let c = try PostgresConnection(url: url)
                    ready.leave()
                    go.wait()
                    let applied = try migrator.migrate(c).map { $0.version }
                    let finished = now()
                    results.withLock { $0.append((applied, finished)) }
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
            }
        }
        ready.wait()
        let start = now()
        go.signal()
        go.signal()
        done.wait()
        XCTAssertEqual(errors.current, [])
        let byApplied = results.current.sorted { $0.applied.count > $1.applied.count }
        XCTAssertEqual(byApplied.map { $0.applied }, [[1, 2], []], "one runner applies everything, the other nothing")
        guard byApplied.count == 2 else { return }
        XCTAssertGreaterThanOrEqual(byApplied[1].finished - start, 0.5, "the second waited for the first's slow step")
        let c = try PostgresConnection(url: url)
        XCTAssertEqual(try c.execute("SELECT count(*) FROM schema_migrations")[0].int(0), 2)
    }

    func testAFailedStepIsRolledBackAndTheLockReleased() throws {
        let url = try TestDatabase.freshSchema(for: self)
        let broken = [steps[0], PostgresMigration(version: 2, name: "figures", sql: "CREATE TABLE figures (x nosuchtype)")]
        let c = try PostgresConnection(url: url)
        XCTAssertThrowsError(try PostgresMigrator(migrations: broken).migrate(c)) {
            let e = $0 as? PostgresError
            XCTAssertEqual(e?.kind, .migration)
            XCTAssertEqual(e?.sqlState, "42704")
            XCTAssertTrue("\($0)".contains("step 2 (figures) failed"), "\($0)")
        }
        XCTAssertEqual(try c.execute("SELECT version FROM schema_migrations").map { try $0.int(0) }, [1])
        XCTAssertTrue(c.isIdle)
        // Another session can take the lock at once: the failed run let it go.
        let other = try PostgresConnection(url: url)
        XCTAssertEqual(try other.query("SELECT pg_try_advisory_lock($1)", [PostgresMigrator(migrations: []).lockKey])[0].decode(0, as: Bool.self), true)
        try other.execute("SELECT pg_advisory_unlock_all()")
        XCTAssertEqual(try PostgresMigrator(migrations: steps).migrate(other).map { $0.version }, [2])
    }

    func testADatabaseFromANewerBuildOrOtherStepsIsRefused() throws {
        let c = try PostgresConnection(url: TestDatabase.freshSchema(for: self))
        try PostgresMigrator(migrations: steps).migrate(c)
        XCTAssertThrowsError(try PostgresMigrator(migrations: [steps[0]]).migrate(c)) {
            XCTAssertTrue("\($0)".contains("step 2 (figures), which this build does not know"), "\($0)")
        }
        let renamed = [steps[0], PostgresMigration(version: 2, name: "amounts", sql: "SELECT 1")]
        XCTAssertThrowsError(try PostgresMigrator(migrations: renamed).migrate(c)) {
            XCTAssertTrue("\($0)".contains("step 2 is \"figures\" in the database but \"amounts\" in this build"), "\($0)")
        }
    }
}
