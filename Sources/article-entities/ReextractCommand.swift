import Foundation
import ArticleAPI
import ArticleStore
import EntityExtraction

/// `article-entities reextract`: re-runs extraction over stored articles whose
/// extractor version is older than this binary's, so improvements reach old articles.
enum ReextractCommand {
    static let summary = "Re-extract stored articles made by an older extractor version."
    static let help = """
    USAGE: article-entities reextract [--config FILE] [--database DB] [--all] [--batch N] [--jobs N]

    Re-runs extraction over every stored article whose extractor_version differs from
    this binary's (\(EntityExtractor.version), with `+aliases.<hash>` when an alias file is in
    use, so editing Config/aliases.json makes every article due), --batch articles a
    transaction, and at the
    end prints what changed: entities added and removed, per type (an entity is its type
    and key). Safe to run while the service is serving.

    Resumable: the articles to do are queued in the database when a run starts and each
    leaves the queue in the transaction that stores its new extraction, so a run that is
    killed continues where it stopped when reextract is run again (with or without --all).
    On a terminal a progress line shows done/total, articles/s and the time left.

    OPTIONS:
      --config FILE     JSON settings file (default: Config/default.json when present)
      --database DB     SQLite file or postgresql:// URL (default from the configuration)
      --all             re-extract every article, whatever its version
      --batch N         articles per transaction (default 100)
      --jobs N          extraction threads (default: the number of cores)
      -h, --help        show this help
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try ParsedArguments(arguments, valued: ["--config", "--database", "--batch", "--jobs"], flags: ["--all", "--help", "-h"])
        if args.has("--help") || args.has("-h") {
            print(help)
            return 0
        }
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument \(args.positionals[0])") }
        let batchSize = try args.int("--batch", range: 1...10_000) ?? 100
        let jobs = try args.int("--jobs", range: 1...256) ?? ProcessInfo.processInfo.activeProcessorCount
        var config = try ServeCommand.configuration(file: args.value("--config"))
        if let db = args.value("--database") { config.database = db }
        let store = try StoreOpener.open(config, purpose: .existing, connections: 2)
        defer { store.close() }
        let extractor = try config.makeExtractor()
        let settings = config

        let (queued, resumed) = try store.queueReextraction(notExtractedBy: args.has("--all") ? nil : extractor.versionWithAliases)
        if resumed { print("resuming an interrupted run: \(queued) article\(queued == 1 ? "" : "s") left") }
        var progress = ProgressLine(total: queued)
        var changes = ExtractionChanges()
        var done = 0
        while true {
            let ids = try store.queuedForReextraction(limit: batchSize)
            if ids.isEmpty { break }
            let articles = try ids.map { try store.article(id: $0) }
            var extractions = [Extraction?](repeating: nil, count: ids.count)
            extractions.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots  // each iteration writes only its own slot
                DispatchQueue.concurrentPerform(iterations: min(jobs, ids.count)) { t in
                    for i in stride(from: t, to: ids.count, by: min(jobs, ids.count)) {
                        guard let article = articles[i] else { continue }
                        slots[i] = extractor.extract(article.text, options: settings.extractionOptions(publishedAt: article.publishedAt))
                    }
                }
            }
            // An article deleted since it was queued has no extraction: storing an empty
            // one for it finds no article and only takes it off the queue.
            let items = zip(ids, extractions).map { id, extraction in
                (articleID: id, extraction: extraction ?? Extraction(entities: [], figures: [], extractorVersion: extractor.versionWithAliases))
            }
            for change in try store.reextract(items) { if let change { changes.add(change) } }
            done += ids.count
            progress.update(done: done)
        }
        progress.update(done: done, force: true)
        progress.clear()
        print("re-extracted \(done) article\(done == 1 ? "" : "s") in " + String(format: "%.1f s", progress.elapsed))
        for type in EntityType.allCases {
            print("  \(type.rawValue): +\(changes.added[type] ?? 0) -\(changes.removed[type] ?? 0)")
        }
        return 0
    }
}
