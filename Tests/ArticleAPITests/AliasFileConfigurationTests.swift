import Foundation
import XCTest
import ArticleAPI
import EntityExtraction

/// `aliases_file`: the operator's aliases, loaded by the one factory every command uses.
final class AliasFileConfigurationTests: XCTestCase {
    private func temporaryFile(_ contents: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aliases-\(UUID().uuidString).json")
        try Data(contents.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testTheShippedAliasFileLoadsAndJoins() throws {
        var c = ServiceConfiguration()
        c.aliasesFile = ServiceFixture.packageRoot.appendingPathComponent("Config/aliases.json").path
        let aliases = try c.operatorAliases()
        XCTAssertEqual(aliases.target(forKey: "kremlin")?.key, "russian government")
        XCTAssertEqual(aliases.target(forKey: "kremlin")?.type, .organisation)
        XCTAssertEqual(aliases.target(forKey: "beeb")?.key, "bbc")
        XCTAssertEqual(aliases.target(forKey: "us")?.key, "united states", "the bundled aliases stay under the operator's")
    }

    func testTheExtractorAppliesTheFileAndRecordsIt() throws {
        var c = ServiceConfiguration()
        c.aliasesFile = try temporaryFile(#"{"aliases": {"Beeb": {"means": "BBC", "type": "organisation"}}}"#).path
        let extractor = try c.makeExtractor()
        XCTAssertTrue(extractor.versionWithAliases.hasPrefix(EntityExtractor.version + "+aliases."))
        let text = "The BBC, or Beeb, reported it."
        let options = c.extractionOptions(publishedAt: CivilDate(iso: "2024-03-14")!)
        let x = extractor.extract(text, options: options)
        XCTAssertEqual(x.entities.map { "\($0.type.rawValue) \($0.name) \($0.key): " + $0.mentions.map(\.text).joined(separator: "|") },
                       ["organisation BBC bbc: BBC|Beeb"])
        XCTAssertEqual(x.extractorVersion, extractor.versionWithAliases)
        let plain = try EntityExtractor.bundled().extract(text, options: options)
        XCTAssertEqual(plain.entities.map(\.key), ["bbc", "beeb"], "without the file the tagger's two names stay apart")
        XCTAssertEqual(plain.extractorVersion, EntityExtractor.version)
    }

    func testAMissingFileIsAnErrorUnlessItIsTheDefaultOne() throws {
        var c = ServiceConfiguration()
        XCTAssertEqual(c.aliasesFile, "Config/aliases.json")
        c.aliasesFile = "/nonexistent/aliases.json"
        XCTAssertThrowsError(try c.operatorAliases()) {
            XCTAssertTrue("\($0)".contains("aliases_file /nonexistent/aliases.json does not exist"), "\($0)")
        }
        c.aliasesFile = ""
        XCTAssertNil(try c.operatorAliases().operatorFingerprint, "\"\" means no operator aliases")
    }

    func testABadFileStopsStartUpNamingFileAndAlias() throws {
        var c = ServiceConfiguration()
        let url = try temporaryFile(#"{"aliases": {"Beeb": {"means": "BBC", "type": "broadcaster"}}}"#)
        c.aliasesFile = url.path
        XCTAssertThrowsError(try c.makeExtractor()) {
            XCTAssertTrue($0 is ConfigurationError)
            XCTAssertTrue("\($0)".contains(#"alias "Beeb" in \#(url.path): "type" must be"#), "\($0)")
        }
        try Data("{not json".utf8).write(to: url)
        XCTAssertThrowsError(try c.makeExtractor()) { XCTAssertTrue("\($0)".contains("is not a JSON object"), "\($0)") }
    }

    func testTheSettingComesFromFileAndEnvironment() throws {
        var c = ServiceConfiguration()
        let settings = try temporaryFile(#"{"aliases_file": "/etc/news/aliases.json"}"#)
        try c.apply(file: settings.path)
        XCTAssertEqual(c.aliasesFile, "/etc/news/aliases.json")
        try c.apply(environment: ["ARTICLE_ENTITIES_ALIASES_FILE": ""])
        XCTAssertEqual(c.aliasesFile, "")
        let bad = try temporaryFile(#"{"aliases_file": 3}"#)
        XCTAssertThrowsError(try c.apply(file: bad.path)) { XCTAssertTrue("\($0)".contains("aliases_file must be a path"), "\($0)") }
    }
}
