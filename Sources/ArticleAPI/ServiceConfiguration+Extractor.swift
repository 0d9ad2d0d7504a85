import Foundation
import EntityExtraction

extension ServiceConfiguration {
    /// Where the operator's aliases are looked for when no setting names a file.
    public static let defaultAliasesFile = "Config/aliases.json"

    /// The one extractor `serve`, `extract` and `reextract` all build, so that every command
    /// extracts alike: the bundled model, titles and aliases, with the operator's alias file
    /// (`aliases_file`) over the aliases. A missing file at the default path means no operator
    /// aliases; a missing file anywhere else, or a bad one, is a start-up error.
    public func makeExtractor() throws -> EntityExtractor {
        try EntityExtractor.bundled(aliases: operatorAliases())
    }

    /// The bundled aliases with `aliases_file` applied.
    public func operatorAliases() throws -> NameAliases {
        let path = aliasesFile
        guard !path.isEmpty else { return .bundled }
        guard FileManager.default.fileExists(atPath: path) else {
            if path == Self.defaultAliasesFile { return .bundled }
            throw ConfigurationError("aliases_file \(path) does not exist: give the path of a JSON alias file "
                                     + "(see Config/aliases.json), or \"\" for none")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConfigurationError("cannot read aliases_file \(path): \(error.localizedDescription)")
        }
        do { return try NameAliases.bundled.applying(operatorFile: data, path: path) } catch let e as AliasFileError {
            throw ConfigurationError(e.description)
        }
    }
}
