extension EntityExtractor {
    /// The extractor the service and every command use: the grammars plus the name
    /// tagger model shipped in the package's resources, and the bundled titles and aliases
    /// with `aliases` (an operator's, see `NameAliases.applying`) in place of the bundled ones.
    public static func bundled(aliases: NameAliases = .bundled) throws -> EntityExtractor {
        EntityExtractor(nameTagger: try PerceptronNameTagger.loadBundled(), identity: EntityIdentity(aliases: aliases))
    }
}
