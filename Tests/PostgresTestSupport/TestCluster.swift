import Foundation

/// A value several test threads write, behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    public init(_ value: Value) { self.value = value }
    public func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
    public var current: Value { withLock { $0 } }
}

/// The test cluster's own script (Tests/Support/pg-cluster.sh), for tests that restart,
/// stop or start the server under a running client.
public enum TestCluster {
    /// The cluster's folder (`ARTICLE_ENTITIES_TEST_POSTGRES_DIR`), nil when not given.
    public static var directory: String? { ProcessInfo.processInfo.environment["ARTICLE_ENTITIES_TEST_POSTGRES_DIR"] }

    /// Runs `pg-cluster.sh COMMAND DIR` (restart, down, up) and returns its exit status.
    public static func run(_ command: String, _ dir: String) -> Int32 {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Support/pg-cluster.sh").path
        return spawn(["/bin/bash", script, command, dir])
    }

    /// posix_spawn and waitpid: Foundation's Process waits for a pipe that the restarted
    /// server, a daemon, would keep open.
    public static func spawn(_ arguments: [String]) -> Int32 {
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }
}
