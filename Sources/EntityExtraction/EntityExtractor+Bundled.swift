extension EntityExtractor {
    /// The extractor the service and every command use: the grammars plus the name
    /// tagger model shipped in the package's resources.
    public static func bundled() throws -> EntityExtractor {
        EntityExtractor(nameTagger: try PerceptronNameTagger.loadBundled())
    }
}
