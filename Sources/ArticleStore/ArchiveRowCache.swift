/// The row and stored name of each archive entity the writer has looked up or created,
/// kept from one write transaction to the next. Without it every article asked the archive
/// for each of its ~30 entities by id again (`SELECT ref, name … WHERE id = ?`), though the
/// same people, places and currencies come back article after article (the seed article's
/// POST: 14.03M → 13.81M instructions, `Tests/Benchmarks/bench-post.sh`).
///
/// It is only right while nothing else changes those rows, so it is forgotten whenever
/// something might have: a write transaction that failed (its new rows and names were
/// rolled back), any write other than adding articles (removal and re-extraction rename and
/// delete archive entities), a commit by another connection (`PRAGMA data_version`), and
/// when it holds `capacity` entities. Used only by the store's writer, under its lock.
final class ArchiveRowCache {
    private var rows: [String: (ref: Int64, storedName: String)] = [:]
    /// `PRAGMA data_version` when the rows were last known right.
    private var dataVersion: Int64?
    let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// Entities it holds (for tests).
    var count: Int { rows.count }

    func row(_ id: String) -> (ref: Int64, storedName: String)? { rows[id] }

    /// The row of `id` and the name it has in the table now (after a lookup, insert or rename).
    func remember(_ id: String, ref: Int64, storedName: String) {
        if rows[id] == nil && rows.count >= capacity { rows.removeAll(keepingCapacity: true) }
        rows[id] = (ref, storedName)
    }

    func forget() {
        rows.removeAll()
        dataVersion = nil
    }

    /// Forgets everything when another connection has committed since the last check. Call
    /// inside the writer's transaction (BEGIN IMMEDIATE), so no other commit can follow.
    func check(_ db: SQLiteConnection) throws {
        let version = try db.query("PRAGMA data_version") { $0.int64(0) }.first
        if version != dataVersion {
            rows.removeAll()
            dataVersion = version
        }
    }
}
