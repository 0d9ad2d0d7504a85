import Foundation
import ArticleAPI
import ArticleStore
import EntityExtraction

/// `article-entities reextract`: re-runs extraction over stored articles whose
/// extractor version is older than this binary's, so improvements reach old articles.
enum ReextractCommand {
    static let summary = "Re-extract stored articles made by an older extractor version."
    static let help = """
    USAGE: article-entities reextract [--config FILE] [--database PATH] [--all]

    Re-runs extraction over every stored article whose extractor_version differs from
    this binary's (\(EntityExtractor.version), with `+aliases.<hash>` when an alias file is in
    use, so editing Config/aliases.json makes every article due), each article in its own
    transaction, and prints one line per article. Safe to run while the service is serving.

    OPTIONS:
      --config FILE     JSON settings file (default: Config/default.json when present)
      --database PATH   SQLite file (default from the configuration)
      --all             re-extract every article, whatever its version
      -h, --help        show this help
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try ParsedArguments(arguments, valued: ["--config", "--database"], flags: ["--all", "--help", "-h"])
        if args.has("--help") || args.has("-h") {
            print(help)
            return 0
        }
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument \(args.positionals[0])") }
        var config = try ServeCommand.configuration(file: args.value("--config"))
        if let db = args.value("--database") { config.database = db }
        let path = try config.sqliteDatabasePath()
        guard FileManager.default.fileExists(atPath: path) else { throw UsageError("no database at \(path)") }
        let store = try ArticleStore(path: path, entityRenderer: EntityJSON.renderer)
        defer { store.close() }
        let extractor = try config.makeExtractor()
        let ids = try store.articleIDs(notExtractedBy: args.has("--all") ? "" : extractor.versionWithAliases)
        for id in ids {
            guard let article = try store.article(id: id) else { continue }
            let options = config.extractionOptions(publishedAt: article.publishedAt)
            let extraction = extractor.extract(article.text, options: options)
            _ = try store.replaceExtraction(articleID: id, with: extraction)
            print("\(id) \(article.extractorVersion) -> \(extraction.extractorVersion): \(extraction.entities.count) entities")
        }
        print("re-extracted \(ids.count) article\(ids.count == 1 ? "" : "s")")
        return 0
    }
}
