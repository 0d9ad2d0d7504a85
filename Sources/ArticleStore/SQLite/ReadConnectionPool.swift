import Foundation

/// Up to `capacity` query-only connections, opened on demand. Each is lent to one
/// thread at a time; a caller waits when all are lent. In WAL mode these read the last
/// committed state while the writer works, so GETs never wait on a POST.
final class ReadConnectionPool: @unchecked Sendable {
    private let path: String
    private let capacity: Int
    private let condition = NSCondition()
    private var idle: [SQLiteConnection] = []
    private var opened = 0
    private var isClosed = false

    init(path: String, capacity: Int) {
        precondition(capacity > 0)
        self.path = path
        self.capacity = capacity
    }

    func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let connection = try borrow()
        defer { giveBack(connection) }
        return try body(connection)
    }

    /// Closes idle connections now and lent ones as they come back.
    func close() {
        condition.lock()
        isClosed = true
        let toClose = idle
        idle.removeAll()
        condition.broadcast()
        condition.unlock()
        for connection in toClose { connection.close() }
    }

    private func borrow() throws -> SQLiteConnection {
        condition.lock()
        while true {
            if isClosed {
                condition.unlock()
                throw StoreError.closed
            }
            if let connection = idle.popLast() {
                condition.unlock()
                return connection
            }
            if opened < capacity {
                opened += 1
                condition.unlock()
                // Opened outside the lock: opening touches the file system.
                do {
                    return try SQLiteConnection(path: path, queryOnly: true)
                } catch {
                    condition.lock()
                    opened -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            condition.wait()
        }
    }

    private func giveBack(_ connection: SQLiteConnection) {
        condition.lock()
        if isClosed {
            opened -= 1
            condition.unlock()
            connection.close()
            return
        }
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}
