import ArticleAPI
import EntityExtraction

/// The extractor the batch commands (`import`, `reextract`) use, made in one place so
/// that every command reads the same model and settings.
enum CommandExtractor {
    static func make(_ configuration: ServiceConfiguration) throws -> EntityExtractor {
        try EntityExtractor.bundled()
    }
}
