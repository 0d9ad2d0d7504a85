import Synchronization

/// A write on its way to a store, announced before its article is extracted and handed to
/// `store` with it. A store that commits writes together (`GroupCommit`) waits a moment
/// for announced writes rather than commit without them: each commit costs about the same
/// whatever it holds (every table's last page, the search index's new segment), so two
/// clients posting at once share one instead of paying for two.
///
/// An announcement ends exactly once: when the store takes the write, or when it is
/// dropped without one (the extraction failed, the article was already stored).
public final class WriteAnnouncement: Sendable {
    /// Its place among the announcements of its store, in order.
    let number: Int
    private let open = Mutex(true)
    private let withdraw: @Sendable () -> Void

    init(number: Int, withdraw: @escaping @Sendable () -> Void) {
        self.number = number
        self.withdraw = withdraw
    }

    /// Ends the announcement; true only the first time.
    func end() -> Bool {
        open.withLock { wasOpen in
            defer { wasOpen = false }
            return wasOpen
        }
    }

    deinit {
        if end() { withdraw() }
    }
}
