import XCTest
@testable import ArticleAPI

/// The request JSON decoder: a key given twice is a 400 naming it (Foundation kept the
/// last), a date field holding a number (even one no Double can hold) is a 422, and the
/// decoder reads valid JSON as Foundation does.
final class RequestJSONTests: XCTestCase {
    var fixture: ServiceFixture!
    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    func post(_ body: String, _ path: String = "/v1/articles") throws -> TestResponse {
        try fixture.inProcess.send("POST", path, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    func assertProblem(_ r: TestResponse, _ status: Int, _ detail: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, file: file, line: line)
        XCTAssertEqual(r.headers["content-type"], "application/problem+json", file: file, line: line)
        XCTAssertEqual(r.json["detail"] as? String, detail, file: file, line: line)
    }

    func testDuplicateKeysAreRefusedByName() throws {
        let twice = "the key \"text\" appears more than once in the JSON body; give each field once"
        assertProblem(try post(#"{"text":"first Paris","text":"second Berlin"}"#), 400, twice)
        assertProblem(try post(#"{"text":"first Paris","te\u0078t":"second Berlin"}"#, "/v1/extract"), 400, twice)
        assertProblem(try post(#"{"text":"x","title":"a","title":null}"#), 400,
                      "the key \"title\" appears more than once in the JSON body; give each field once")
        assertProblem(try post(#"{"text":"x","title":{"a":1,"a":2}}"#), 400,
                      "the key \"a\" appears more than once in the JSON body; give each field once")
        XCTAssertEqual(try fixture.store.articleCount(), 0)
    }

    func testDateFieldsOfTheWrongTypeOrOutOfRange() throws {
        assertProblem(try post(#"{"text":"x","published_at":1e400}"#), 422,
                      "\"published_at\" must be a date string as YYYY-MM-DD, got the number 1e400")
        assertProblem(try post(#"{"text":"x","published_at":20240314}"#, "/v1/extract"), 422,
                      "\"published_at\" must be a date string as YYYY-MM-DD, got the number 20240314")
        assertProblem(try post(#"{"text":"x","published_at":-99999999999999999999999999999999999999999999999999}"#), 422,
                      "\"published_at\" must be a date string as YYYY-MM-DD, got the number -999999999999999999999999999999999999999…")
        assertProblem(try post(#"{"text":"x","published_at":true}"#), 422, "\"published_at\" must be a date string as YYYY-MM-DD, got true")
        assertProblem(try post(#"{"text":"x","published_at":["2024-03-14"]}"#), 422, "\"published_at\" must be a date string as YYYY-MM-DD, got an array")
        assertProblem(try post(#"{"text":"x","published_at":"2024-02-30"}"#), 422, "\"published_at\" must be a date as YYYY-MM-DD, got \"2024-02-30\"")
        assertProblem(try post(#"{"text":"x","published_at":"99999-01-01"}"#), 422, "\"published_at\" must be a date as YYYY-MM-DD, got \"99999-01-01\"")
        assertProblem(try post(#"{"text":1e400}"#), 422, "\"text\" must be a string, got the number 1e400")
        XCTAssertEqual(try post(#"{"text":"x","published_at":null}"#).status, 201)
    }

    func testMalformedJSONIs400() throws {
        for body in [#"{"text": "#, #"{"text":"x",}"#, #"{"text":"x"} x"#, "{\"text\":\"a\u{01}b\"}", #"{"text":"\ud800"}"#,
                     #"{"text":01}"#, #"{'text':"x"}"#, #"{"text":"x" "title":"y"}"#, #"{"text":"\q"}"#, ""] {
            let r = try post(body)
            XCTAssertEqual(r.status, 400, "\(body): \(r.text)")
            XCTAssertTrue((r.json["detail"] as? String ?? "").hasPrefix("the body is not valid JSON"), "\(body): \(r.text)")
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        assertProblem(try post(#"{"text":"x","title":"# + deep + "}"), 400, "the body is not valid JSON: nested deeper than 64 levels")
    }

    func testReadsValidJSONAsFoundationDoes() throws {
        let samples = [
            #"{"text":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t","n":-0.5e+3,"z":0,"a":[1,[2,{}],[]],"t":true,"f":false,"nil":null}"#,
            " \n\t{ \"text\" : \"Grüße 😀\" } \r\n",
            "[]", "\"s\"", "12.25E-2",
        ]
        for sample in samples {
            let ours = try RequestJSON.parse(Array(sample.utf8))
            let theirs = try JSONSerialization.jsonObject(with: Data(sample.utf8), options: [.fragmentsAllowed])
            XCTAssertEqual(Self.foundationShape(ours) as? NSObject, theirs as? NSObject, sample)
        }
    }

    static func foundationShape(_ v: RequestJSON) -> Any {
        switch v {
        case .string(let s): return s
        case .number(let n): return NSNumber(value: Double(n)!)
        case .bool(let b): return NSNumber(value: b)
        case .null: return NSNull()
        case .array(let items): return items.map(foundationShape)
        case .object(let members): return Dictionary(uniqueKeysWithValues: members.map { ($0.key, foundationShape($0.value)) })
        }
    }
}
