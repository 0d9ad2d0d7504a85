import Dispatch
import Foundation
import EntityExtraction
import ArticleStore

/// Stores many articles given as NDJSON lines (`{"text", "title"?, "url"?, "source"?,
/// "published_at"?}`, checked exactly as `POST /v1/articles` checks its JSON body), for
/// `POST /v1/articles/batch` and the `import` command. A line that is refused never stops
/// the others; the articles of one call are written in one transaction.
public struct ArticleImporter: Sendable {
    /// What became of one line.
    public enum Outcome: Sendable, Equatable {
        case created(id: String)
        case existing(id: String)
        /// Nothing stored: the status and detail POST would have answered.
        case refused(status: Int, detail: String)
    }

    let store: any ArticleStorage
    let extractor: EntityExtractor
    let configuration: ServiceConfiguration
    let today: @Sendable () -> CivilDate
    let clock: ExtractionDeadline.Clock

    public init(store: any ArticleStorage, extractor: EntityExtractor, configuration: ServiceConfiguration,
                today: @escaping @Sendable () -> CivilDate = ArticleAPI.utcToday,
                clock: @escaping ExtractionDeadline.Clock = ExtractionDeadline.uptime) {
        self.store = store
        self.extractor = extractor
        self.configuration = configuration
        self.today = today
        self.clock = clock
    }

    fileprivate enum Prepared: Sendable {
        case refused(Int, String)
        case existing(String)
        case ready(BatchArticle)
    }

    /// Lines decoded and extracted, ready for `store`.
    public struct PreparedLines: Sendable {
        fileprivate let items: [Prepared]
        public var count: Int { items.count }
    }

    /// `prepare` then `store`: one outcome per line, in order. Throws only when the
    /// transaction fails as a whole, and then nothing of the call is stored.
    public func importLines(_ lines: [[UInt8]], parallelism: Int = 1) throws -> [Outcome] {
        try store(prepare(lines, parallelism: parallelism))
    }

    /// Decodes and extracts every line, on up to `parallelism` threads. Touches the
    /// database only to skip articles already stored, so a caller may prepare the next
    /// lines while the previous ones are being stored.
    public func prepare(_ lines: [[UInt8]], parallelism: Int = 1) -> PreparedLines {
        var prepared = [Prepared](repeating: .refused(500, "not read"), count: lines.count)
        prepared.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots  // each iteration writes only its own slot
            let work = { @Sendable (i: Int) in slots[i] = self.prepare(lines[i]) }
            if parallelism > 1 && lines.count > 1 {
                // Strided so that each thread takes every n-th line and all finish together.
                let threads = min(parallelism, lines.count)
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    for i in stride(from: t, to: lines.count, by: threads) { work(i) }
                }
            } else {
                for i in lines.indices { work(i) }
            }
        }
        return PreparedLines(items: prepared)
    }

    /// Stores the prepared new articles in one transaction (an article stored since it
    /// was prepared answers `existing`, as for a POST).
    public func store(_ prepared: PreparedLines) throws -> [Outcome] {
        var batch: [BatchArticle] = []
        for case .ready(let article) in prepared.items { batch.append(article) }
        var stored = try store.insertMany(batch).makeIterator()
        return prepared.items.map { item in
            switch item {
            case .refused(let status, let detail): return .refused(status: status, detail: detail)
            case .existing(let id): return .existing(id: id)
            case .ready:
                switch stored.next()! {
                case .success(let result): return result.created ? .created(id: result.article.id) : .existing(id: result.article.id)
                case .failure(let error): return Self.refusal(error)
                }
            }
        }
    }

    private func prepare(_ line: [UInt8]) -> Prepared {
        do {
            let s = try ArticleSubmission.decodeLine(line)
            let publishedAt = s.publishedAt ?? today()
            let article = NewArticle(text: s.text, title: s.title, url: s.url, source: s.source, publishedAt: publishedAt)
            let hash = StoredDigest.textHash(of: s.text)
            // Already stored: no need to extract it again (what makes a re-run cheap).
            if let existing = try store.existing(article, textHash: hash) { return .existing(existing.id) }
            let extraction = try ArticleAPI.boundedExtraction(s.text, publishedAt: publishedAt, extractor: extractor,
                                                              configuration: configuration, clock: clock)
            return .ready(BatchArticle(article: article, extraction: extraction, textHash: hash))
        } catch {
            guard case .refused(let status, let detail) = Self.refusal(error) else { return .refused(500, "\(error)") }
            return .refused(status, detail)
        }
    }

    private static func refusal(_ error: any Error) -> Outcome {
        let problem: APIProblem
        switch error {
        case let p as APIProblem: problem = p
        case let e as ExtractionDeadlineExceeded: problem = ArticleAPI.budgetExceeded(e)
        case let e as StoreError: problem = APIProblem.storeFailure(e, operation: "storing the article")
        default: problem = APIProblem(500, "storing the article failed inside the service")
        }
        return .refused(status: problem.status, detail: problem.detail)
    }

    /// The lines of an NDJSON body with their 1-based line numbers: `\n` ends a line (a
    /// `\r` before it is dropped), and blank lines are skipped (they hold no article).
    public static func lines(of body: [UInt8]) -> [(number: Int, bytes: [UInt8])] {
        var result: [(number: Int, bytes: [UInt8])] = []
        var number = 0
        for var line in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            result.append((number, Array(line)))
        }
        return result
    }
}
