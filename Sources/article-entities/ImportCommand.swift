import Foundation
import Glibc
import ArticleAPI
import ArticleStore
import EntityExtraction

/// `article-entities import FILE.jsonl|-`: stores many articles, one JSON object a line.
enum ImportCommand {
    static let summary = "Store many articles from an NDJSON file (one JSON article a line)."
    static let help = """
    USAGE: article-entities import [--config FILE] [--database DB] [--batch N] [--jobs N] FILE.jsonl|-

    Reads one article a line, {"text", "title"?, "url"?, "source"?, "published_at"?},
    checked and deduplicated exactly as POST /v1/articles does them: an article already
    stored (same text and metadata) is not stored again, so an interrupted or repeated
    import can simply be run again. Blank lines are skipped. Articles are extracted on
    --jobs threads and stored --batch at a time, each batch in one transaction.

    A line that cannot be stored is reported on standard error as
    "line N: STATUS DETAIL" (the status and detail POST would have answered) and the
    import goes on. On a terminal a progress line shows lines done/total, articles/s and
    the time left; at the end a summary line is written to standard error.

    EXIT STATUS:
      0  every line was stored or already stored
      3  the import ran to the end but some lines were refused (see the report)
      1  the import stopped: the database failed (lines before the failing batch are stored)
      2  usage error (unknown option, unreadable file)

    OPTIONS:
      --config FILE     JSON settings file (default: Config/default.json when present)
      --database DB     SQLite file or postgresql:// URL (default from the configuration)
      --batch N         articles per transaction (default 200)
      --jobs N          extraction threads (default: the number of cores)
      -h, --help        show this help
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try ParsedArguments(arguments, valued: ["--config", "--database", "--batch", "--jobs"], flags: ["--help", "-h"])
        if args.has("--help") || args.has("-h") {
            print(help)
            return 0
        }
        guard args.positionals.count == 1 else { throw UsageError("give one input file (FILE.jsonl, or - for standard input)") }
        let input = args.positionals[0]
        let batchSize = try args.int("--batch", range: 1...10_000) ?? 200
        let jobs = try args.int("--jobs", range: 1...256) ?? ProcessInfo.processInfo.activeProcessorCount
        var config = try ServeCommand.configuration(file: args.value("--config"))
        if let db = args.value("--database") { config.database = db }
        var reader = try LineReader(path: input)
        // Batches are stored one at a time, on one thread.
        let store = try StoreOpener.open(config, purpose: .create, connections: 2)
        defer { store.close() }
        let importer = ArticleImporter(store: store, extractor: try config.makeExtractor(), configuration: config)

        var progress = ProgressLine(total: isatty(STDERR_FILENO) == 1 ? lineCount(input) : nil)
        var counts = (created: 0, existing: 0, refused: 0)
        var linesRead = 0
        var pending: [(number: Int, bytes: [UInt8])] = []
        // One batch is stored on `storing` while the next is extracted here: storage runs
        // on one thread, so without the overlap the other cores would wait for it.
        let storing = DispatchQueue(label: "import.store")
        var inFlight: (lines: [Int], linesRead: Int, result: ResultBox)?
        func finishInFlight() throws {
            guard let batch = inFlight else { return }
            inFlight = nil
            batch.result.done.wait()
            let outcomes: [ArticleImporter.Outcome]
            do { outcomes = try batch.result.value!.get() } catch {
                throw BatchFailure(firstLine: batch.lines.first ?? 0, error: error)
            }
            for (number, outcome) in zip(batch.lines, outcomes) {
                switch outcome {
                case .created: counts.created += 1
                case .existing: counts.existing += 1
                case .refused(let status, let detail):
                    counts.refused += 1
                    progress.clear()
                    StandardError.write("line \(number): \(status) \(detail)\n")
                }
            }
            progress.update(done: batch.linesRead)
        }
        func flush() throws {
            guard !pending.isEmpty else { return }
            let prepared = importer.prepare(pending.map(\.bytes), parallelism: jobs)
            try finishInFlight()
            let box = ResultBox()
            storing.async {
                box.value = Result { try importer.store(prepared) }
                box.done.signal()
            }
            inFlight = (pending.map(\.number), linesRead, box)
            pending.removeAll(keepingCapacity: true)
        }
        do {
            while let line = reader.next() {
                linesRead += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                pending.append((linesRead, line))
                if pending.count >= batchSize { try flush() }
            }
            try flush()
            try finishInFlight()
        } catch let failure as BatchFailure {
            progress.clear()
            StandardError.write("error: storing the batch from line \(failure.firstLine) failed: \(failure.error)\n"
                                + "the lines before it are stored; run the same import again to continue\n")
            return 1
        }
        progress.update(done: linesRead, force: true)
        progress.clear()
        let articles = counts.created + counts.existing + counts.refused
        StandardError.write("imported \(input == "-" ? "standard input" : input): \(articles) article\(articles == 1 ? "" : "s"), "
                            + "\(counts.created) stored, \(counts.existing) already stored, \(counts.refused) refused, in "
                            + String(format: "%.1f s (%.0f articles/s)\n", progress.elapsed, progress.rate(done: articles)))
        return counts.refused > 0 ? 3 : 0
    }

    /// The outcome of a batch stored on another thread, handed back once it is done.
    final class ResultBox: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var value: Result<[ArticleImporter.Outcome], any Error>?  // written before `done` is signalled
    }

    struct BatchFailure: Error {
        let firstLine: Int
        let error: any Error
    }

    /// Lines in a regular file (a quick pass, for the progress line's total); nil for
    /// standard input or anything that cannot be read twice.
    static func lineCount(_ path: String) -> Int? {
        guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var count = 0
        var last: UInt8 = 0x0A
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { raw in
                for byte in raw where byte == 0x0A { count += 1 }
                last = raw.last ?? last
            }
        }
        return last == 0x0A ? count : count + 1
    }
}
