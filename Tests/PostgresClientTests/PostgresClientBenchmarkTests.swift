import Foundation
import PostgresClient
import PostgresTestSupport
import XCTest

/// A measurement, not a check of speed: round trips per second and the client's own CPU
/// per statement, unprepared against prepared against prepared through the pool, in one run.
/// `POSTGRES_CLIENT_BENCHMARK=20000 swift test -c release --filter PostgresClientBenchmarkTests`
final class PostgresClientBenchmarkTests: XCTestCase {
    func testStatementThroughput() throws {
        guard let n = ProcessInfo.processInfo.environment["POSTGRES_CLIENT_BENCHMARK"].flatMap(Int.init) else {
            throw XCTSkip("set POSTGRES_CLIENT_BENCHMARK=<statements> to measure the client")
        }
        let url = try TestDatabase.url()
        let c = try PostgresConnection(url: url)
        let pool = PostgresPool(url: url, size: 1)
        let add = PostgresStatement("bench_add", "SELECT $1::int8 + 1, $2::text")
        func run(_ label: String, _ body: (Int) throws -> Void) rethrows -> Double {
            let cpu0 = Self.cpuSeconds(), t0 = now()
            for i in 0..<n { try body(i) }
            let wall = now() - t0, cpu = Self.cpuSeconds() - cpu0
            print(String(format: "PostgresClient: %@: %d statements in %.2f s = %.0f/s, client CPU %.1f µs a statement",
                         label, n, wall, Double(n) / wall, cpu / Double(n) * 1e6))
            return wall
        }
        let plain = try run("unprepared") { i in _ = try c.query("SELECT $1::int8 + 1, $2::text", [i, "x"]) }
        let prepared = try run("prepared") { i in _ = try c.query(add, [i, "x"]) }
        let pooled = try run("prepared via pool") { i in _ = try pool.withConnection { try $0.query(add, [i, "x"]) } }
        let rows = PostgresStatement("bench_rows", "SELECT g, 'name ' || g, g * 1.5 FROM generate_series(1, 100) g")
        let wide = try run("100 rows x 3 columns, decoded") { _ in
            for row in try c.query(rows) { _ = (try row.int(0), try row.string(1), try row.decode(2, as: Decimal.self)) }
        }
        print(String(format: "PostgresClient: prepared/unprepared time %.2f, pool/prepared %.2f, 100-row/1-row %.2f",
                     prepared / plain, pooled / prepared, wide / prepared))
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
