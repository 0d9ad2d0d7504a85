import Foundation

/// The bodies of `GET /v1/articles/{id}/entities` (code point offsets, all types or one)
/// as sent, with their ETags, so a repeated GET is answered on the server's I/O thread
/// without a worker or a read transaction.
///
/// Every entry is filed under the store's data version taken before its bytes were read.
/// An entry is served only while the store still reports that version; once any commit,
/// by this process or another writing the same file, moves it, every entry is dropped at
/// the next lookup. Exact, and conservative: a POST of some other article empties the
/// cache too, and the next GETs refill it. Bounded by the bytes of its bodies; the oldest
/// entries go first.
final class EntitiesCache: @unchecked Sendable {
    struct Key: Hashable {
        let articleID: String
        /// The `type` filter's raw value, "" for all types.
        let type: String
    }

    struct Entry {
        let etag: String
        let body: [UInt8]
    }

    private struct Stored {
        let entry: Entry
        let size: Int
        /// Which insertion this is, so eviction skips keys replaced since.
        let serial: Int
    }

    let maxBytes: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var version: Int64?
    private var entries: [Key: Stored] = [:]
    /// Insertions in order, from `head` on, for eviction.
    private var order: [(key: Key, serial: Int)] = []
    private var head = 0
    private var serial = 0
    private var bytes = 0

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// The entry for `key` if it was stored under `version`, the store's version now.
    func lookup(_ key: Key, version now: Int64?) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let now, now == version else {
            dropAll(newVersion: now)
            return nil
        }
        return entries[key]?.entry
    }

    /// Keeps `entry`, read after the store reported `version`; an entry read under an
    /// older version than the newest seen is not kept.
    func insert(_ key: Key, _ entry: Entry, version read: Int64?) {
        let size = entry.body.count + entry.etag.utf8.count + key.articleID.utf8.count + 64
        guard let read, size <= maxBytes else { return }
        lock.lock()
        defer { lock.unlock() }
        if read != version {
            // Versions only grow, so a newer one means everything kept is stale.
            guard version == nil || read > version! else { return }
            dropAll(newVersion: read)
        }
        serial += 1
        if let old = entries.updateValue(Stored(entry: entry, size: size, serial: serial), forKey: key) {
            bytes -= old.size
        }
        bytes += size
        order.append((key, serial))
        while bytes > maxBytes, head < order.count {
            let oldest = order[head]
            head += 1
            if let evicted = entries[oldest.key], evicted.serial == oldest.serial {
                entries.removeValue(forKey: oldest.key)
                bytes -= evicted.size
            }
        }
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    /// Bytes of the bodies kept (for tests and metrics).
    var storedBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    private func dropAll(newVersion: Int64?) {
        version = newVersion
        if !entries.isEmpty {
            entries.removeAll()
            order.removeAll()
            head = 0
            bytes = 0
        }
    }
}
