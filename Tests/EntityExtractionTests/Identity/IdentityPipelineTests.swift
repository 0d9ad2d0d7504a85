import XCTest
@testable import EntityExtraction

/// The identity stage behind the bundled tagger: what a caller of `extract` gets.
final class IdentityPipelineTests: XCTestCase {
    static let extractor = try! EntityExtractor.bundled()

    func testTitlesAcronymsAndAliasesThroughTheWholePipeline() {
        let text = """
            President Joe Biden met Mr Putin in Geneva. Later, President Biden said Putin was isolated. \
            Crown Prince Mohammed bin Salman of Saudi Arabia hosted the talks; Mohammed bin Salman spoke first. \
            The Institute for the Study of War (ISW) said ISW analysts agreed. \
            Officials met in the U.S. and the United States of America. Britain and the UK and the United Kingdom. \
            Jens Stoltenberg said Stoltenberg would stay.
            """
        let x = Self.extractor.extract(text, options: ExtractionOptions(publishedAt: CivilDate(iso: "2024-03-14")!,
                                                                       types: [.person, .organisation, .place]))
        let found = Set(x.entities.map { "\($0.type.rawValue) \($0.name)|\($0.key): " + $0.mentions.map(\.text).joined(separator: "|") })
        for expected in [
            "person Joe Biden|joe biden: Joe Biden|Biden",
            "person Mohammed bin Salman|mohammed bin salman: Crown Prince Mohammed bin Salman|Mohammed bin Salman",
            "organisation Institute for the Study of War|institute for the study of war: The Institute for the Study of War|ISW",
            "place United States of America|united states: U.S.|the United States of America",
            "place United Kingdom|united kingdom: Britain|UK|the United Kingdom",
            "person Jens Stoltenberg|jens stoltenberg: Jens Stoltenberg|Stoltenberg",
        ] {
            XCTAssertTrue(found.contains(expected), "\(expected) not in \(found.sorted())")
        }
        let putin = x.entities.first { $0.key == "putin" }
        XCTAssertEqual(putin?.name, "Putin", "Mr leaves the name")
        XCTAssertEqual(putin?.type, .person)
        XCTAssertTrue(putin?.mentions.map(\.text).contains("Putin") == true)
    }
}
